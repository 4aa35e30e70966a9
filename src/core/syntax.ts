/**
 * What one line is: speaker line, FILE marker, fence, or a look-alike of one of them.
 * Each function reads the line `[start, end)` of `text` (no terminator) and allocates nothing on the
 * common path, because the parser calls them for every line of documents of tens of MiB.
 */
import { detachedSlice } from './detach';
import type { UnsafePathReason } from './model';

const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const LESS_THAN = 0x3c;
const BACKTICK = 0x60;
const TILDE = 0x7e;

export const MAX_LABEL_LENGTH = 64;
const OPENER = '<<<FILE';
export const CLOSER = 'FILE>>>';

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** True when `[start, end)` holds only spaces and tabs. */
export function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isBlank(code) && code !== 0xfeff) return false;
  }
  return true;
}

/**
 * The offset of the `]` of a speaker tag at `start`, or -1 when the line is not a speaker line.
 *
 * @example `[Dr. Chen]: hi` gives 9; `[ ]: hi`, `[A]：hi` and ` [A]: hi` give -1.
 */
export function speakerTagEnd(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) !== OPEN_BRACKET) return -1;
  const limit = Math.min(end, start + MAX_LABEL_LENGTH + 2);
  let sawNonBlank = false;
  for (let i = start + 1; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === CLOSE_BRACKET) {
      return sawNonBlank && i > start + 1 && text.charCodeAt(i + 1) === COLON && i + 1 < end ? i : -1;
    }
    if (code === OPEN_BRACKET) return -1;
    if (!sawNonBlank && !isBlank(code) && !isUnicodeSpace(code)) sawNonBlank = true;
  }
  return -1;
}

function isUnicodeSpace(code: number): boolean {
  return code === 0x3000 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0xfeff;
}

/** True when the line is `<<<FILE` alone or followed by white space (a FILE opener, path or not). */
export function isOpener(text: string, start: number, end: number): boolean {
  if (end - start < OPENER.length || !text.startsWith(OPENER, start)) return false;
  return start + OPENER.length === end || isBlank(text.charCodeAt(start + OPENER.length));
}

/** The span of the path on an opener line, trimmed; empty (at the end of `<<<FILE`) when missing. */
export function openerPathSpan(text: string, start: number, end: number): { start: number; end: number } {
  let pathStart = start + OPENER.length;
  let pathEnd = end;
  while (pathStart < pathEnd && isBlank(text.charCodeAt(pathStart))) pathStart++;
  while (pathEnd > pathStart && isBlank(text.charCodeAt(pathEnd - 1))) pathEnd--;
  return pathStart === pathEnd
    ? { start: start + OPENER.length, end: start + OPENER.length }
    : { start: pathStart, end: pathEnd };
}

/** True when the line is exactly `FILE>>>`, trailing white space allowed. */
export function isCloser(text: string, start: number, end: number): boolean {
  return (
    end - start >= CLOSER.length && text.startsWith(CLOSER, start) && isBlankRange(text, start + CLOSER.length, end)
  );
}

/** An opening or closing code fence line, as CommonMark has them. */
export interface FenceMarker {
  readonly char: number;
  readonly length: number;
  /** Where the text after the marker starts. */
  readonly after: number;
}

/** The fence marker on the line, if it is one: up to 3 spaces, then 3 or more backticks or tildes. */
export function fenceMarker(text: string, start: number, end: number): FenceMarker | undefined {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === SPACE) i++;
  const char = text.charCodeAt(i);
  if (char !== BACKTICK && char !== TILDE) return undefined;
  let j = i;
  while (j < end && text.charCodeAt(j) === char) j++;
  if (j - i < 3) return undefined;
  if (char === BACKTICK && text.indexOf('`', j) !== -1 && text.indexOf('`', j) < end) return undefined;
  return { char, length: j - i, after: j };
}

/** True when the line closes a fence opened by `opener`. */
export function closesFence(text: string, start: number, end: number, opener: FenceMarker): boolean {
  const marker = fenceMarker(text, start, end);
  return (
    marker !== undefined &&
    marker.char === opener.char &&
    marker.length >= opener.length &&
    isBlankRange(text, marker.after, end)
  );
}

/**
 * Whether a line whose first character is `code` can be more than prose: a FILE marker, a fence, or a
 * look-alike of a marker or tag (each of which starts with a blank, `<`, `[`, `【`, `［`, a backtick,
 * a tilde, or the `F` or `E` of `FILE`/`END`). Most lines start with a letter or a CJK character and
 * are done after this one test.
 */
export function mayBeMarkup(code: number): boolean {
  switch (code) {
    case SPACE:
    case TAB:
    case LESS_THAN:
    case OPEN_BRACKET:
    case BACKTICK:
    case TILDE:
    case 0x46: // F
    case 0x66: // f
    case 0x45: // E
    case 0x65: // e
    case 0x3010: // 【
    case 0xff3b: // ［
      return true;
    default:
      return false;
  }
}

/**
 * Whether a line could be a look-alike marker or tag, decided from its first characters, so that the
 * regular expressions run only on the few lines that start like one.
 */
export function mayBeLookAlike(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first === OPEN_BRACKET || first === 0x3010 || first === 0xff3b) return true;
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  const code = text.charCodeAt(i) | 0x20;
  const next = text.charCodeAt(i + 1) | 0x20;
  return text.charCodeAt(i) === LESS_THAN || (code === 0x66 && next === 0x69) || (code === 0x65 && next === 0x6e);
}

// Each quantifier is followed by something it cannot match, so a hostile line cannot make them backtrack.
// Wrong case, spacing, count or indentation of `FILE>>>`; prose such as `File > Preferences` is left alone.
const MALFORMED_CLOSER =
  /^[ \t]*(?:FILE[ \t]*>+|<+[ \t]*(?:\/[ \t]*)?END[ \t_-]*FILE[ \t]*>*|<+[ \t]*\/[ \t]*FILE[ \t]*>+|END[ \t_-]*FILE[ \t]*>+)[ \t]*$/i;
const CLOSER_WITH_TEXT = /^[ \t]*FILE>>>[ \t]*\S/;
const MALFORMED_OPENER = /^[ \t]*<{2,}[ \t]*FILE(?=$|[ \t:=>])(.*)$/i;
const MALFORMED_SPEAKER = /^(?:\[([^[\]\r\n]{1,64})\]|【([^【】\r\n]{1,64})】|［([^［］\r\n]{1,64})］)[ \t]*[:：]/;

/** A line that looks like a FILE marker but is not one, with the form it should have. */
export interface MalformedMarker {
  readonly kind: 'opener' | 'closer';
  /** The correct line, where it can be told (`<<<FILE a.py`, `FILE>>>`). */
  readonly replacement?: string | undefined;
}

/**
 * The look-alike marker on the line, if any; call only for lines that are not real markers.
 *
 * @example `<<<FILE:a.py>>>` gives an opener look-alike whose replacement is `<<<FILE a.py`.
 */
export function malformedMarker(text: string, start: number, end: number): MalformedMarker | undefined {
  // A copy, not a slice: the replacement is cut from it, and the model keeps the replacement.
  const line = detachedSlice(text, start, Math.min(end, start + 4096));
  if (!/file/i.test(line)) return undefined;
  if (CLOSER_WITH_TEXT.test(line)) return { kind: 'closer' };
  if (MALFORMED_CLOSER.test(line)) return { kind: 'closer', replacement: CLOSER };
  const opener = MALFORMED_OPENER.exec(line);
  if (opener) {
    const path = trimMarkerPunctuation(opener[1]!);
    return { kind: 'opener', replacement: path ? `${OPENER} ${path}` : OPENER };
  }
  return undefined;
}

/** `:a.py>>>` → `a.py`: the separators and closing brackets people put around a path. */
function trimMarkerPunctuation(rest: string): string {
  let from = 0;
  let to = rest.length;
  while (from < to && ' \t:='.includes(rest[from]!)) from++;
  while (to > from && ' \t>'.includes(rest[to - 1]!)) to--;
  return rest.slice(from, to);
}

/**
 * A speaker tag look-alike at the start of the line (`[A]：`, `【A】:`, `[A] :`), as `[tag span end,
 * correct tag]`; call only for lines that are not speaker lines.
 */
export function malformedSpeakerTag(
  text: string,
  start: number,
  end: number,
): { end: number; replacement: string } | undefined {
  const match = MALFORMED_SPEAKER.exec(detachedSlice(text, start, Math.min(end, start + 80)));
  if (!match) return undefined;
  const label = (match[1] ?? match[2] ?? match[3])!;
  if (label.trim() === '') return undefined;
  return { end: start + match[0].length, replacement: `[${label}]:` };
}

/**
 * The control characters, as the inside of a regular expression's character class: C0, DEL and C1, and
 * the bidirectional controls that can make text read as other text (U+202E shows `txt.exe` as `exe.txt`).
 */
export const CONTROL_CHARACTERS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

/** Characters no FILE path may hold: the control characters and the characters Windows forbids. */
export const UNSAFE_PATH_CHARACTERS = new RegExp(`[${CONTROL_CHARACTERS}<>:"|?*]`);

/** Folders that version-control tools read as their own, where a written file can make them run commands. */
const VERSION_CONTROL_FOLDERS = new Set(['.git', '.hg', '.svn', '.bzr', '_darcs']);
/** What NTFS also answers to for `.git`: its 8.3 short name. */
const NTFS_SHORT_NAMES = new Set(['git~1']);
/** Code points HFS+ ignores when it compares names, so `.g\u200cit` is `.git` there (the list git's `is_hfs_dotgit` uses). */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/**
 * The version-control name a path segment means on some file system, or `undefined`. Compared as git's
 * `verify_path` compares `.git` on every platform: ignoring case, trailing dots and spaces (NTFS drops
 * them) and the code points HFS+ ignores.
 *
 * @example `versionControlName('.GIT. ')` is `.git`; `versionControlName('.gitignore')` is `undefined`.
 */
export function versionControlName(segment: string): string | undefined {
  const name = segment
    .replace(HFS_IGNORED, '')
    .replace(/[. ]+$/, '')
    .toLowerCase();
  if (VERSION_CONTROL_FOLDERS.has(name)) return name;
  if (NTFS_SHORT_NAMES.has(name)) return '.git';
  return undefined;
}

/** `"\t"`, `"<"`, `"\u202e"`: a character as a message can show it on one line, whatever it is. */
export function quotedCharacter(character: string): string {
  const code = character.charCodeAt(0);
  return code < 0x7f ? JSON.stringify(character) : `"\\u${code.toString(16).padStart(4, '0')}"`;
}

/**
 * Why a FILE path could write outside the folder it is extracted to, into a version-control folder, or
 * is not portable; empty when safe.
 *
 * @example `../etc/passwd` gives `[{ kind: 'dot-dot-segment' }]`; `.git/config` gives a `version-control-segment`.
 */
export function unsafePathReasons(path: string): UnsafePathReason[] {
  const reasons: UnsafePathReason[] = [];
  if (path.startsWith('/') || path.startsWith('~')) reasons.push({ kind: 'absolute' });
  else if (/^[A-Za-z]:/.test(path)) reasons.push({ kind: 'drive-letter' });
  else if (path.startsWith('\\\\')) reasons.push({ kind: 'network-path' });
  if (path.includes('\\')) reasons.push({ kind: 'backslash-separators' });
  const segments = path.split(/[\\/]/);
  if (segments.includes('..')) reasons.push({ kind: 'dot-dot-segment' });
  if (segments.slice(1, -1).includes('') || (segments.length > 1 && segments[segments.length - 1] === '')) {
    if (!path.startsWith('\\\\')) reasons.push({ kind: 'empty-segment' });
  }
  const unsafe = UNSAFE_PATH_CHARACTERS.exec(path.replace(/^[A-Za-z]:/, ''));
  if (unsafe) reasons.push({ kind: 'character', character: unsafe[0] });
  for (const segment of segments) {
    const folder = versionControlName(segment);
    if (folder) {
      reasons.push({ kind: 'version-control-segment', folder });
      break;
    }
  }
  return reasons;
}
