import type { TextSlices } from './lines';
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
/** The first half of a surrogate pair: the class is the pair's, looked up when one is met. */
const HIGH_SURROGATE = 5;
const CLASSES = 6;

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
  table.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
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

// Where a run of characters stands: between words, inside one, or inside one right after a joiner
// (`don'` of `don't`), where a second joiner or a non-letter ends the word.
const BETWEEN = 0;
const IN_WORD = 1;
const AFTER_JOINER = 2;
const STATES = 3;
const STARTS_OTHER_WORD = 4;
const STARTS_CJK_WORD = 8;

/**
 * `TRANSITIONS[state * CLASSES + class]`: the next state in the low bits, and whether the character
 * starts a word of either kind. A table instead of branches, because the loop runs over every
 * character of the document and its branches are hard to predict in mixed Chinese and English.
 */
const TRANSITIONS = (() => {
  const table = new Uint8Array(STATES * CLASSES);
  for (let state = 0; state < STATES; state++) {
    const at = state * CLASSES;
    table[at + OTHER] = BETWEEN;
    table[at + WORD] = IN_WORD | (state === BETWEEN ? STARTS_OTHER_WORD : 0);
    table[at + CJK] = BETWEEN | STARTS_CJK_WORD;
    table[at + JOINER] = state === IN_WORD ? AFTER_JOINER : BETWEEN;
    table[at + MARK] = state;
    // A lone high surrogate (no low one after it) is a symbol.
    table[at + HIGH_SURROGATE] = BETWEEN;
  }
  return table;
})();

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
    let state = BETWEEN;
    for (let i = start; i < end; i++) {
      let kind = classes[text.charCodeAt(i)]!;
      if (kind === HIGH_SURROGATE && i + 1 < end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          kind = astralClass((text.charCodeAt(i) - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
          i++;
        }
      }
      const next = TRANSITIONS[state * CLASSES + kind]!;
      state = next & 3;
      other += (next >> 2) & 1;
      cjk += next >> 3;
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
  const skipped = [...section.fileBlocks.map((block) => block.span), ...section.fences.map((fence) => fence.span)].sort(
    (a, b) => a.start - b.start,
  );
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
export function turnWords(text: TextSlices, turn: Turn): WordCounts {
  if (turn.memo.counts) return turn.memo.counts;
  const base = turn.span.start;
  const own = text.slice(base, turn.span.end);
  const tally = new Tally();
  for (const span of proseSpans(turn, turn.tag)) tally.add(own, span.start - base, span.end - base);
  turn.memo.counts = tally.result();
  return turn.memo.counts;
}
