import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { BINARY_SNIFF_BYTES, binaryReason } from '../core/content';

/** Non-blocking, so that opening a named pipe with no writer returns at once; not through a symbolic link. */
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
/** How much is asked of each read after the first, which asks for the file's stated size. */
const CHUNK_BYTES = 1024 * 1024;

// Strict: a file that is not UTF-8 is not a transcript (as `transcript check` decides), not one with U+FFFD in it.
// The default `ignoreBOM: false` drops a leading BOM, which editors do not show either.
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of the file at `path`, or undefined when it is not one `transcript check` would read: not a
 * regular file (a named pipe, a device, a symbolic link), over `maxBytes`, binary by its first bytes
 * (`binaryReason`), or not UTF-8. At most `maxBytes + 1` bytes are read, whatever the file says its size is.
 * Fails as `open` does when there is no such file or it cannot be read.
 */
export async function readTranscriptText(path: string, maxBytes: number): Promise<string | undefined> {
  let file: FileHandle;
  try {
    file = await open(path, FLAGS);
  } catch (error) {
    // What O_NOFOLLOW makes of a symbolic link (ELOOP; EMLINK on FreeBSD): not a regular file.
    if (['ELOOP', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
  try {
    const bytes = await readRegularFile(file, maxBytes);
    if (!bytes) return undefined;
    try {
      return decoder.decode(bytes);
    } catch {
      return undefined;
    }
  } finally {
    await file.close();
  }
}

/**
 * The bytes of an open file, judged from `fstat` of the file opened (so nothing can be swapped in
 * between), then from its first bytes, then from what is read: a file can grow while it is read, and
 * `/proc` files say they are empty.
 */
async function readRegularFile(file: FileHandle, maxBytes: number): Promise<Uint8Array | undefined> {
  const stats = await file.stat();
  if (!stats.isFile() || stats.size > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let length = 0;
  let sniffed = false;
  for (;;) {
    const wanted = Math.min(Math.max(stats.size + 1 - length, CHUNK_BYTES), maxBytes + 1 - length);
    const { bytesRead, buffer } = await file.read(Buffer.allocUnsafe(wanted), 0, wanted, null);
    if (bytesRead > 0) chunks.push(buffer.subarray(0, bytesRead));
    length += bytesRead;
    if (length > maxBytes) return undefined;
    if (!sniffed && (length >= BINARY_SNIFF_BYTES || bytesRead === 0)) {
      sniffed = true;
      if (binaryReason(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))) return undefined;
    }
    if (bytesRead === 0) return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  }
}
