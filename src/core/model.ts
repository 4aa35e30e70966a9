/**
 * The transcript model: what `parseTranscript` makes of a text, and what every feature reads.
 *
 * Offsets are UTF-16 code units into the text (what JavaScript strings and LSP positions count),
 * spans are half-open `[start, end)`, line numbers are 0-based. Nothing here holds a line
 * terminator: a span that "covers a line" stops before its `\n`, `\r\n` or `\r`.
 */
import type { LineIndex } from './lines';

/**
 * A half-open range of offsets.
 *
 * @example In `[A]: hi`, the speaker tag `[A]:` is `{ start: 0, end: 4 }`.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Every diagnostic code the core reports; `docs/format.md` describes each. */
export type ProblemCode =
  | 'file-block/unterminated'
  | 'file-block/missing-path'
  | 'file-block/stray-closer'
  | 'file-block/nested-opener'
  | 'file-block/malformed-marker'
  | 'file-block/unsafe-path'
  | 'file-block/empty'
  | 'file-block/duplicate-path'
  | 'file-block/holds-speaker-lines'
  | 'turn/text-before-first-turn'
  | 'turn/malformed-speaker-tag'
  | 'fence/unclosed';

/** A place elsewhere in the document that explains a problem (LSP related information). */
export interface RelatedPlace {
  readonly span: Span;
  readonly message: string;
}

/**
 * Something wrong with the text, on the offending line.
 *
 * @example `FILE>>>` with no block open gives `file-block/stray-closer` whose span covers `FILE>>>`.
 */
export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedPlace[];
  /** The text that would replace `span` to fix the problem, where one form is clearly right. */
  readonly replacement?: string | undefined;
}

/**
 * An embedded file: the `<<<FILE path` line, the file's lines, and the `FILE>>>` line.
 *
 * @example In
 * ```
 * <<<FILE a.py
 * print(1)
 * FILE>>>
 * ```
 * `span` runs from `<` to the last `>`, `content` covers `print(1)`, `pathSpan` covers `a.py`.
 */
export interface FileBlock {
  /** The path as written, trimmed; empty when the opener has none. */
  readonly path: string;
  /** The opener line, `<<<FILE a.py`. */
  readonly opener: Span;
  /** The path on the opener line; an empty span right after `<<<FILE` when there is none. */
  readonly pathSpan: Span;
  /** The closer line, `FILE>>>`; absent when the block was never closed. */
  readonly closer: Span | undefined;
  /** From the first content line's start to the last content line's end; empty when there is no content. */
  readonly content: Span;
  /** Number of content lines. */
  readonly contentLines: number;
  /** Opener through closer (or through the last line recovery kept). */
  readonly span: Span;
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * A markdown code fence inside a turn.
 *
 * @example In "```py\nx = 1\n```", `span` covers all three lines and `info` is `py`.
 */
export interface Fence {
  /** The info string after the fence marker, trimmed; empty when there is none. */
  readonly info: string;
  /** The opening fence line. */
  readonly opener: Span;
  /** The closing fence line; absent when the turn ended first. */
  readonly closer: Span | undefined;
  readonly span: Span;
  readonly startLine: number;
  readonly endLine: number;
  /** Lines between the fences. */
  readonly codeLines: number;
}

/**
 * Word counts of a stretch of prose; see `docs/format.md` for what a word is.
 *
 * @example `Hey，你好 don't` has 2 CJK words (`你`, `好`) and 2 other words (`Hey`, `don't`).
 */
/**
 * Words in some text, counted the CJK-aware way: each CJK character is a word, and so is each run of other letters.
 *
 * @example `Hello 世界` counts 3 words: 2 CJK and 1 other.
 */
export interface WordCounts {
  readonly words: number;
  readonly cjk: number;
  readonly other: number;
}

/** Words over a number of turns: a speaker's, a file's, or all files'. Every total of the product extends it. */
export interface TurnTotals extends WordCounts {
  readonly turns: number;
}

/** A memo shared by a turn and its shifted copies after an edit elsewhere (its text is unchanged). */
export interface TurnMemo {
  counts?: WordCounts;
  /** The outline name, `Speaker: first words…`. */
  name?: string;
  /** Hashes of the FILE blocks' content, by block index, for `file-block/duplicate-path`. */
  contentFingerprints?: string[];
}

/**
 * A stretch of the document with the blocks and problems found in it: either the preamble (text before
 * the first speaker line) or a turn.
 */
export interface Section {
  /** From the first character of the section to the end of its last line (before that line's terminator). */
  readonly span: Span;
  readonly startLine: number;
  /** Last line of the section, blank lines included. */
  readonly endLine: number;
  /** Last line holding something other than white space (for folding); `startLine` if there is none. */
  readonly lastTextLine: number;
  readonly fileBlocks: readonly FileBlock[];
  readonly fences: readonly Fence[];
  /** Problems found inside this section, in document order. */
  readonly problems: readonly Problem[];
}

/**
 * One turn: a speaker line and every line up to the next speaker line outside a FILE block.
 *
 * @example In `[A]: hi\nthere\n[B]: yo`, the first turn's `span` covers `[A]: hi\nthere`,
 * `tag` covers `[A]:`, `label` covers `A`, and `firstLine` covers `hi`.
 */
export interface Turn extends Section {
  /** 0-based position among the turns. */
  readonly index: number;
  readonly speaker: string;
  /** `[A]:` */
  readonly tag: Span;
  /** `A` inside the tag. */
  readonly label: Span;
  /** The rest of the speaker line after the tag and its conventional single space. */
  readonly firstLine: Span;
  readonly memo: TurnMemo;
}

/** The whole parsed document. Immutable; features read it, none re-scans the text. */
export interface Transcript {
  readonly text: string;
  readonly lines: LineIndex;
  /** Text before the first speaker line, if there is any (blank or not). */
  readonly preamble: Section | undefined;
  readonly turns: readonly Turn[];
}
