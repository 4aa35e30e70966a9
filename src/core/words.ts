import type { Section, Span, Turn, WordCounts } from './model';

/**
 * Word counting, the rule `docs/format.md` documents: each Han, Hiragana or Katakana character is one
 * word; any other word is a run of letters, marks and digits, joined across `'`, `’`, `-`, `.`, `_`
 * between two of them; punctuation, emoji and symbols are not words.
 */

const OTHER = 0;
const WORD = 1;
const CJK = 2;
const JOINER = 3;
/** A combining mark: it continues whatever word it follows and starts none. */
const MARK = 4;

const CJK_PATTERN = /^[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const COMBINING_MARK = /^\p{M}$/u;

let basicPlane: Uint8Array | undefined;
const astralClasses = new Map<number, number>();

function classify(character: string): number {
  if (COMBINING_MARK.test(character)) return MARK;
  if (!LETTER_OR_DIGIT.test(character)) return OTHER;
  return CJK_PATTERN.test(character) ? CJK : WORD;
}

/** Classes of all BMP code units, built once on first use (65,536 regular expression tests, a few ms). */
function basicPlaneClasses(): Uint8Array {
  if (basicPlane) return basicPlane;
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    table[code] = classify(String.fromCharCode(code));
  }
  for (const joiner of "'’-._") table[joiner.charCodeAt(0)] = JOINER;
  basicPlane = table;
  return table;
}

function astralClass(codePoint: number): number {
  let found = astralClasses.get(codePoint);
  if (found === undefined) {
    found = classify(String.fromCodePoint(codePoint));
    astralClasses.set(codePoint, found);
  }
  return found;
}

/** A tally that word runs can be added to piece by piece. */
class Tally {
  cjk = 0;
  other = 0;

  /** Counts the words in `[start, end)`; a word never continues across two calls. */
  add(text: string, start: number, end: number): void {
    const classes = basicPlaneClasses();
    // Locals rather than fields: this loop runs over every character of the document.
    let cjk = 0;
    let other = 0;
    let inWord = false;
    let pendingJoiner = false;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      let kind = classes[code]!;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          kind = astralClass((code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
          i++;
        }
      }
      if (kind === WORD) {
        if (!inWord) other++;
        inWord = true;
        pendingJoiner = false;
      } else if (kind === CJK) {
        cjk++;
        inWord = false;
        pendingJoiner = false;
      } else if (kind === JOINER) {
        if (inWord && !pendingJoiner) pendingJoiner = true;
        else inWord = pendingJoiner = false;
      } else if (kind !== MARK) inWord = pendingJoiner = false;
    }
    this.cjk += cjk;
    this.other += other;
  }

  result(): WordCounts {
    return { words: this.cjk + this.other, cjk: this.cjk, other: this.other };
  }
}

/**
 * Counts the words of a string.
 *
 * @example `countWords("Hey，关于don't 3.14")` is `{ words: 5, cjk: 2, other: 3 }`.
 */
export function countWords(text: string, start = 0, end = text.length): WordCounts {
  const tally = new Tally();
  tally.add(text, start, end);
  return tally.result();
}

/**
 * The prose of a section: its span without FILE blocks and fences, and for a turn without its tag.
 * Spans are in document order.
 */
export function proseSpans(section: Section, tag?: Span): Span[] {
  const skipped = [...section.fileBlocks.map((block) => block.span), ...section.fences.map((fence) => fence.span)]
    .sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let from = tag ? tag.end : section.span.start;
  for (const skip of skipped) {
    if (skip.start > from) spans.push({ start: from, end: skip.start });
    from = Math.max(from, skip.end);
  }
  if (section.span.end > from) spans.push({ start: from, end: section.span.end });
  return spans;
}

/** The words of a turn's prose (not its tag, FILE blocks or fenced code), counted once and remembered. */
export function turnWords(text: string, turn: Turn): WordCounts {
  if (turn.memo.counts) return turn.memo.counts;
  const tally = new Tally();
  for (const span of proseSpans(turn, turn.tag)) tally.add(text, span.start, span.end);
  turn.memo.counts = tally.result();
  return turn.memo.counts;
}
