/**
 * Which files are text the product reads as transcripts, decided the same way by the command line and
 * the language server: from the first bytes and the size, before the rest of a file is read.
 */

/** How many leading bytes decide that a file is binary: git's `buffer_is_binary` looks at the first 8,000. */
export const BINARY_SNIFF_BYTES = 8000;

/**
 * The largest file read unless told otherwise (`--max-size`, `transcript.maxFileSize`): twice the largest
 * transcripts people keep in one file, and small enough that a file's text (up to 2 bytes a character in
 * memory) stays far below what one JavaScript string may hold.
 */
export const DEFAULT_MAX_FILE_BYTES = 128 * 1024 * 1024;

/**
 * Why a file whose first bytes are `head` is not a text transcript, or `undefined` when it may be one.
 * Only the first `BINARY_SNIFF_BYTES` of `head` are looked at, so a NUL further on does not make a file binary.
 *
 * @example `binaryReason(new Uint8Array([0x61, 0x00]))` is `binary file (NUL byte at offset 1)`.
 */
export function binaryReason(head: Uint8Array): string | undefined {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return 'UTF-16 text; convert it to UTF-8';
  }
  const nul = head.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  return nul === -1 ? undefined : `binary file (NUL byte at offset ${nul})`;
}

/**
 * The same rule for a document an editor has already decoded: a NUL among its first `BINARY_SNIFF_BYTES`
 * characters makes it binary (an editor shows a UTF-16 file decoded, so only the NUL test applies).
 *
 * @example `binaryTextReason('a\0b')` is `binary file (NUL character at offset 1)`.
 */
export function binaryTextReason(text: string): string | undefined {
  const nul = text.slice(0, BINARY_SNIFF_BYTES).indexOf('\0');
  return nul === -1 ? undefined : `binary file (NUL character at offset ${nul})`;
}

/**
 * Why a file of `size` bytes is not read when at most `maxBytes` may be.
 *
 * @example `sizeReason(200, 100)` is `larger than the limit (200 B > 100 B)`.
 */
export function sizeReason(size: number, maxBytes: number): string | undefined {
  return size > maxBytes ? `larger than the limit (${formatBytes(size)} > ${formatBytes(maxBytes)})` : undefined;
}

/** `1536` → `1.5 KiB`; whole bytes below 1 KiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${Number(value.toFixed(1))} ${units[unit]}`;
}
