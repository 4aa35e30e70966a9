import { isAscii, isUtf8, transcode } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { BINARY_SNIFF_BYTES, binaryReason, formatBytes, sizeReason } from '../core/content';
import { STDIN } from './io';

/** A file's text, or why it is not a transcript the CLI can read. */
export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: 'skipped' | 'failed'; readonly reason: string };

// The default `ignoreBOM: false` drops a leading BOM: editors do not show it, so columns do not count it.
const decoder = new TextDecoder('utf-8');

/**
 * The largest `--max-size` accepted: a file's text must fit in one JavaScript string, which V8 caps at
 * about 512 Mi characters, and an ASCII file has a character per byte.
 */
export const MAX_SIZE_LIMIT = 500 * 1024 * 1024;

/**
 * Reads a file as a UTF-8 transcript, never more than `maxBytes` of it. Binary and non-UTF-8 files,
 * files over the limit and anything but a regular file (a named pipe, a device) are `skipped` (a glob
 * may name them); a file that cannot be read at all has `failed`.
 */
export function readTranscriptFile(path: string, maxBytes: number): ReadResult {
  let file: number;
  try {
    // Non-blocking, so that opening a named pipe with no writer returns at once instead of waiting for one.
    file = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, problem: 'failed', reason: describeFsError(error) };
  }
  try {
    const result = readOpenFile(file, maxBytes);
    if (scratch.length > MAX_KEPT_SCRATCH) scratch = Buffer.allocUnsafe(INITIAL_SCRATCH);
    return result;
  } catch (error) {
    return { ok: false, problem: 'failed', reason: describeFsError(error) };
  } finally {
    closeSync(file);
  }
}

const INITIAL_SCRATCH = 1 << 20;
const MAX_KEPT_SCRATCH = 1 << 26;
/**
 * One buffer per thread that every file is read into, grown as needed: a fresh buffer for each of
 * thousands of files costs allocation and garbage collection time. Its bytes are valid until the next read.
 */
let scratch = Buffer.allocUnsafe(INITIAL_SCRATCH);

/**
 * Reads an open file, judging it as soon as it can: its kind and size from `fstat` (of the file opened,
 * so nothing can be swapped in between), binary from the first bytes, and the limit again while reading,
 * since a file can grow and `/proc` files say they are empty.
 */
function readOpenFile(file: number, maxBytes: number): ReadResult {
  const stats = fstatSync(file);
  if (!stats.isFile())
    return skipped(`not a regular file (${fileKind(stats)}); name files, folders, or - for standard input`);
  const tooLarge = sizeReason(stats.size, maxBytes);
  if (tooLarge) return skipped(`${tooLarge}; see --max-size`);
  // Room for the whole file and the byte that shows it grew: doubling from a small buffer would copy a
  // large file several times over (a third of the time `import` takes to read 50 MiB of JSON lines).
  if (stats.size + 1 > scratch.length) scratch = Buffer.allocUnsafe(Math.min(stats.size + 1, maxBytes + 1));
  let length = 0;
  let sniffed = false;
  for (;;) {
    if (length === scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 2, maxBytes + 1));
      scratch.copy(bigger, 0, 0, length);
      scratch = bigger;
    }
    const read = readSync(file, scratch, length, scratch.length - length, null);
    length += read;
    if (!sniffed && (length >= BINARY_SNIFF_BYTES || read === 0)) {
      sniffed = true;
      const binary = binaryReason(scratch.subarray(0, length));
      if (binary) return skipped(binary);
    }
    if (length > maxBytes)
      return skipped(`grew past the limit of ${formatBytes(maxBytes)} while it was read; see --max-size`);
    if (read === 0) return decodeTranscript(scratch.subarray(0, length));
  }
}

function skipped(reason: string): ReadResult {
  return { ok: false, problem: 'skipped', reason };
}

function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  return 'not a file';
}

/**
 * Reads standard input as a transcript, stopping as soon as it is known not to be one: after its first
 * bytes when they are binary, at `maxBytes` when it goes on (`cat /dev/zero | transcript check -`).
 */
export async function readStandardInput(stream: NodeJS.ReadableStream, maxBytes: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let length = 0;
  let sniffed = false;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.length;
    if (!sniffed && length >= BINARY_SNIFF_BYTES) {
      sniffed = true;
      const binary = binaryReason(Buffer.concat(chunks));
      if (binary) return skipped(binary);
    }
    if (length > maxBytes)
      return skipped(`standard input goes on past the limit of ${formatBytes(maxBytes)}; see --max-size`);
  }
  return decodeTranscript(Buffer.concat(chunks, length));
}

/** Reads the one input of `outline` or `extract`: a file, or standard input for `-`. */
export async function readInput(path: string, stdin: NodeJS.ReadableStream, maxBytes: number): Promise<ReadResult> {
  return path === STDIN ? readStandardInput(stdin, maxBytes) : readTranscriptFile(path, maxBytes);
}

/**
 * Decodes the bytes of a transcript.
 *
 * @example `decodeTranscript(Buffer.from([0x61, 0x00]))` is skipped as `binary file (NUL byte at offset 1)`.
 */
export function decodeTranscript(bytes: Uint8Array): ReadResult {
  const binary = binaryReason(bytes);
  if (binary) return skipped(binary);
  if (!isUtf8(bytes)) return skipped(`not UTF-8 (invalid byte at offset ${firstInvalidUtf8Offset(bytes)})`);
  return { ok: true, text: decodeValidUtf8(bytes) };
}

const BOM = 0xfeff;

/**
 * Decodes bytes already known to be UTF-8, dropping a leading BOM. Text with CJK or emoji becomes a
 * two-byte string, which V8 builds from UTF-8 at about 170 MB/s here; ICU's transcoding into UTF-16
 * and a copy into the string runs about 3.5× faster (`npm run bench` measures both). Pure ASCII stays
 * with `TextDecoder`, whose one-byte strings are faster still.
 */
function decodeValidUtf8(bytes: Uint8Array): string {
  if (isAscii(bytes)) return decoder.decode(bytes);
  const text = transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (overlong forms,
 * surrogates and code points past U+10FFFF included), or -1. Only called once decoding has failed, to
 * tell the user where to look.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
    else if (lead === 0xe0) [length, min] = [3, 0xa0];
    else if (lead === 0xed) [length, min, max] = [3, 0x80, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) [length, min] = [3, 0x80];
    else if (lead === 0xf0) [length, min] = [4, 0x90];
    else if (lead === 0xf4) [length, min, max] = [4, 0x80, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) [length, min] = [4, 0x80];
    else return i;
    // The second byte has the narrowed range; the rest are plain continuation bytes.
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (byte === undefined || byte < low || byte > high) return i;
    }
    i += length;
  }
  return -1;
}

/** `ENOENT: no such file…` → `no such file or directory`: the path is named by the caller. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    default:
      return (error as Error).message ?? String(error);
  }
}
