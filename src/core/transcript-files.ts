/**
 * Which files are transcripts, decided in one place for the language server's workspace index and the
 * CLI's folder search, and matching the `firstLine` rule the extension's manifest gives VS Code.
 */
import { speakerTagEnd } from './syntax';

/** How much of the first line is looked at; a speaker tag is at most 66 characters (`[` + 64 + `]:`). */
const FIRST_LINE_LOOKAHEAD = 200;

/**
 * Names that may hold a transcript: `*.transcript` and `*.txt`, in any case.
 *
 * @example `talk.TXT` and `a.transcript` may; `notes.md` may not.
 */
export function mayBeTranscriptName(name: string): boolean {
  return /\.(?:transcript|txt)$/i.test(name);
}

/**
 * Whether the file `name` with the text `text` is a transcript: every `*.transcript`, and every `*.txt`
 * whose first line (after a byte order mark) starts with a speaker tag at column 0.
 *
 * @example `a.txt` holding `[A]: hi` is; `a.txt` holding `Notes\n[A]: hi` is not; `a.transcript` always is.
 */
export function isTranscriptFile(name: string, text: string): boolean {
  if (/\.transcript$/i.test(name)) return true;
  if (!/\.txt$/i.test(name)) return false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const head = text.slice(start, start + FIRST_LINE_LOOKAHEAD);
  const lineEnd = start + head.search(/[\r\n]|$/);
  return speakerTagEnd(text, start, lineEnd) !== -1;
}
