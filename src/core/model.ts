/**
 * The transcript model: what `parseTranscript` makes of a text, and what every feature reads.
 *
 * Offsets are UTF-16 code units into the text (what JavaScript strings and LSP positions count),
 * spans are half-open `[start, end)`, line numbers are 0-based. Nothing here holds a line
 * terminator: a span that "covers a line" stops before its `\n`, `\r\n` or `\r`.
 */
import type { DocumentText } from './document-text';
import type { TurnTree } from './turn-tree';

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

/**
 * Why a FILE path is not a safe relative path (see `unsafePathReasons` in `syntax.ts`).
 *
 * @example `../x` gives `{ kind: 'dot-dot-segment' }`; `a*b` gives `{ kind: 'character', character: '*' }`.
 */
export type UnsafePathReason =
  | {
      readonly kind:
        'absolute' | 'drive-letter' | 'network-path' | 'backslash-separators' | 'dot-dot-segment' | 'empty-segment';
    }
  | { readonly kind: 'character'; readonly character: string }
  | { readonly kind: 'version-control-segment'; readonly folder: string };

/** For the codes whose message names nothing but the problem's place. */
export type NoValues = Readonly<Record<never, never>>;

/**
 * Every diagnostic code the core reports (`docs/format.md` describes each), with the values its message
 * names. The messages are built from these at the edge, one table per language (`messages.ts`).
 */
export interface ProblemValues {
  'file-block/unterminated': {
    /** The content lines recovery kept in the block. */
    readonly contentLines: number;
    /** The tag of the speaker line recovery ended the block before; absent when it runs to the end. */
    readonly nextTag: string | undefined;
    /** The speaker lines after the block, which it would swallow without recovery. */
    readonly swallowed: number;
  };
  'file-block/missing-path': NoValues;
  'file-block/stray-closer': NoValues;
  /** `path` is the open block's, empty when it has none. */
  'file-block/nested-opener': { readonly path: string };
  /** `replacement` is the line as it should be written, when one form is clearly right. */
  'file-block/malformed-marker': { readonly kind: 'closer' | 'opener'; readonly replacement: string | undefined };
  'file-block/unsafe-path': { readonly path: string; readonly reasons: readonly UnsafePathReason[] };
  /** `path` is empty when the block has none. */
  'file-block/empty': { readonly path: string };
  'file-block/duplicate-path': { readonly path: string };
  'file-block/holds-speaker-lines': { readonly count: number; readonly firstTag: string };
  'turn/text-before-first-turn': NoValues;
  'turn/malformed-speaker-tag': { readonly replacement: string };
  'fence/unclosed': { readonly length: number; readonly char: 'backtick' | 'tilde' };
}

export type ProblemCode = keyof ProblemValues;

/**
 * Values that depend on the whole document rather than on the problem's own lines, so that an edit
 * elsewhere changes them: the parser does not store them, `problems()` in `diagnostics.ts` computes them.
 */
export interface DocumentValues {
  'file-block/unterminated': 'swallowed';
}

/** What a related place says about the problem, with the values it names. */
export interface RelatedValues {
  /** The opener of the block a nested opener is inside. */
  'file-block/open-block': NoValues;
  /** The opener of the block that holds speaker lines. */
  'file-block/holding-block': NoValues;
  /** The first block of a path given twice. */
  'file-block/first-path': { readonly path: string };
}

export type RelatedCode = keyof RelatedValues;

/** A place elsewhere in the document that explains a problem (LSP related information). */
export type RelatedPlace = {
  readonly [C in RelatedCode]: { readonly span: Span; readonly code: C; readonly values: RelatedValues[C] };
}[RelatedCode];

interface ProblemOf<C extends ProblemCode, V> {
  readonly code: C;
  readonly severity: Severity;
  readonly span: Span;
  readonly values: V;
  readonly related?: readonly RelatedPlace[];
  /** The text that would replace `span` to fix the problem, where one form is clearly right. */
  readonly replacement?: string | undefined;
}

/**
 * Something wrong with the text, on the offending line, as `problems()` reports it: with every value
 * its message names.
 *
 * @example `FILE>>>` with no block open gives `file-block/stray-closer` whose span covers `FILE>>>`.
 */
export type Problem = { readonly [C in ProblemCode]: ProblemOf<C, ProblemValues[C]> }[ProblemCode];

/** A problem as the parser stores it in its section: without the values of `DocumentValues`. */
export type FoundProblem = {
  readonly [C in ProblemCode]: ProblemOf<
    C,
    C extends keyof DocumentValues ? Omit<ProblemValues[C], DocumentValues[C]> : ProblemValues[C]
  >;
}[ProblemCode];

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

/**
 * What features work out about a stored turn once and keep: an edit elsewhere reuses the stored turn,
 * and with it this memo.
 */
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
  readonly problems: readonly FoundProblem[];
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

/**
 * A turn as the model stores it: every offset counts from the turn's first character, every line from its
 * speaker line (so `startLine` is 0), and it has no number. `TurnTree` places it in the document.
 *
 * @example In `[A]: hi\nthere\n[B]: yo`, the second turn is stored with `span` `{ start: 0, end: 7 }` and
 * `extent` 7; the first with `span` `{ start: 0, end: 13 }`, `endLine` 1, `extent` 14 and `lineBreaks` 2.
 */
export interface StoredTurn extends Omit<Turn, 'index'> {
  /** Code units from the turn's start to the next turn's start, or to the end of the document. */
  readonly extent: number;
  /** Line breaks within `extent`: the turn's lines, and the break before the next turn if there is one. */
  readonly lineBreaks: number;
}

/** The whole parsed document. Immutable; features read it, none re-scans the text. */
export interface Transcript {
  readonly text: DocumentText;
  /** `text` again, for what reads lines: the text knows where each of its lines starts. */
  readonly lines: DocumentText;
  /** Text before the first speaker line, if there is any (blank or not). */
  readonly preamble: Section | undefined;
  /** The turns, placed in the document as they are read: `for (const turn of model.turns)`, `.at(index)`, `.atLine(line)`. */
  readonly turns: TurnTree;
}
