import { isAscii, isUtf8, transcode } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { readAll, STDIN } from './io';

/** A file's text, or why it is not a transcript the CLI can read. */
export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: 'skipped' | 'failed'; readonly reason: string };

// The default `ignoreBOM: false` drops a leading BOM: editors do not show it, so columns do not count it.
const decoder = new TextDecoder('utf-8');

/**
 * Reads a file as a UTF-8 transcript. Binary and non-UTF-8 files are `skipped` (a folder may hold
 * them); a file that cannot be read at all has `failed`.
 */
export function readTranscriptFile(path: string): ReadResult {
  let bytes: Uint8Array;
  try {
    bytes = readWhole(path);
  } catch (error) {
    return { ok: false, problem: 'failed', reason: describeFsError(error) };
  }
  const result = decodeTranscript(bytes);
  // Keep the buffer for the next file, unless one huge file made it huge.
  if (scratch.length > MAX_KEPT_SCRATCH) scratch = Buffer.allocUnsafe(INITIAL_SCRATCH);
  return result;
}

const INITIAL_SCRATCH = 1 << 20;
const MAX_KEPT_SCRATCH = 1 << 26;
/**
 * One buffer per thread that every file is read into, grown as needed: a fresh buffer for each of
 * thousands of files costs allocation and garbage collection time. Its bytes are valid until the next read.
 */
let scratch = Buffer.allocUnsafe(INITIAL_SCRATCH);

function readWhole(path: string): Uint8Array {
  const file = openSync(path, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === scratch.length) {
        const bigger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(bigger, 0, 0, length);
        scratch = bigger;
      }
      const read = readSync(file, scratch, length, scratch.length - length, null);
      if (read === 0) return scratch.subarray(0, length);
      length += read;
    }
  } finally {
    closeSync(file);
  }
}

/** Reads the one input of `outline` or `extract`: a file, or standard input for `-`. */
export async function readInput(path: string, stdin: NodeJS.ReadableStream): Promise<ReadResult> {
  return path === STDIN ? decodeTranscript(await readAll(stdin)) : readTranscriptFile(path);
}

/**
 * Decodes the bytes of a transcript.
 *
 * @example `decodeTranscript(Buffer.from([0x61, 0x00]))` is skipped as `binary file (NUL byte at offset 1)`.
 */
export function decodeTranscript(bytes: Uint8Array): ReadResult {
  if (startsWithUtf16Mark(bytes)) return { ok: false, problem: 'skipped', reason: 'UTF-16 text; convert it to UTF-8' };
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, problem: 'skipped', reason: `binary file (NUL byte at offset ${nul})` };
  if (!isUtf8(bytes)) return { ok: false, problem: 'skipped', reason: `not UTF-8 (invalid byte at offset ${firstInvalidUtf8Offset(bytes)})` };
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

function startsWithUtf16Mark(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
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
