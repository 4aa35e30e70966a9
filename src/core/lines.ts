/**
 * Line starts of a text, for turning offsets into LSP positions and back.
 *
 * Line terminators are `\n`, `\r\n` and `\r`, as in LSP. Characters are UTF-16 code units.
 */

/**
 * A place in the document as LSP counts it.
 *
 * @example In `😀x`, `x` is at `{ line: 0, character: 2 }`: the emoji is two UTF-16 code units.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** An LSP range: `start` inclusive, `end` exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

const LF = 10;
const CR = 13;

/** What reading a line's terminator needs of a text: a string, or a `DocumentText`. */
export interface CharacterSource {
  charCodeAt(index: number): number;
}

/** What reading a stretch of a text needs: a string, or a `DocumentText`. */
export interface TextSlices {
  slice(start: number, end: number): string;
}

/**
 * Lines of a text: where each starts and ends, and LSP positions to offsets and back. A `LineIndex` of a
 * string, or a `DocumentText`, which needs no `text` argument (it is its own text).
 */
export interface Lines {
  readonly lineCount: number;
  readonly textLength: number;
  lineStart(line: number): number;
  /** The line holding `offset` (clamped to the text). */
  lineAt(offset: number): number;
  /** Offset of the end of `line`'s content, before its terminator. */
  lineEnd(line: number, text: CharacterSource): number;
  positionAt(offset: number): Position;
  /** The offset of `position`, clamped to its line (a character past the line's end is its end). */
  offsetAt(position: Position, text: CharacterSource): number;
  rangeOf(start: number, end: number): Range;
}

/** Offsets at which each line of a string starts; `starts[0]` is always 0. */
export class LineIndex implements Lines {
  private constructor(
    private readonly starts: Int32Array,
    readonly textLength: number,
  ) {}

  static of(text: string): LineIndex {
    const starts = new LineStarts(Math.max(64, text.length >>> 5));
    starts.push(0);
    pushLineStarts(text, 0, text.length, starts);
    return new LineIndex(starts.done(), text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line]!;
  }

  /** The line holding `offset` (clamped to the text). */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.textLength));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.starts[line]! };
  }

  /** The offset of `position`, clamped to its line (a character past the line's end is its end). */
  offsetAt(position: Position, text: CharacterSource): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.textLength;
    const start = this.starts[position.line]!;
    const end = this.lineEnd(position.line, text);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** Offset of the end of `line`'s content, before its terminator. */
  lineEnd(line: number, text: CharacterSource): number {
    if (line + 1 >= this.starts.length) return this.textLength;
    let end = this.starts[line + 1]!;
    if (end > 0 && text.charCodeAt(end - 1) === LF) end--;
    if (end > 0 && text.charCodeAt(end - 1) === CR) end--;
    return end;
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** Where each line of `text` after the first starts: just after each of its line breaks. */
export function lineBreakEnds(text: string): Int32Array {
  const starts = new LineStarts(16);
  pushLineStarts(text, 0, text.length, starts);
  return starts.done();
}

/** A growing list of line starts, kept in an Int32Array from the start: no copy from a JS array at the end. */
class LineStarts {
  private starts: Int32Array;
  private length = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
  }

  push(start: number): void {
    if (this.length === this.starts.length) {
      const bigger = new Int32Array(this.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.starts[this.length++] = start;
  }

  /** The starts, in an array of their exact length: the model keeps it for the document's lifetime. */
  done(): Int32Array {
    return this.length === this.starts.length ? this.starts : this.starts.slice(0, this.length);
  }
}

/** Pushes the start of every line whose terminator lies in `[from, to)`. */
function pushLineStarts(text: string, from: number, to: number, starts: LineStarts): void {
  if (to - from < 4096) {
    // A few lines after an edit: a search for a terminator that is not there would run to the end of the text.
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code === LF) starts.push(i + 1);
      else if (code === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
      }
    }
    return;
  }
  // Native indexOf for both terminators, so a file with a few CRs is scanned as fast as one without;
  // and a text without any (the usual case) by a loop that looks for nothing else.
  let nextCarriageReturn = text.indexOf('\r', from);
  let nextLineFeed = text.indexOf('\n', from);
  if (nextCarriageReturn === -1 || nextCarriageReturn >= to) {
    for (; nextLineFeed !== -1 && nextLineFeed < to; nextLineFeed = text.indexOf('\n', nextLineFeed + 1))
      starts.push(nextLineFeed + 1);
    return;
  }
  for (;;) {
    if (nextCarriageReturn === -1 || (nextLineFeed !== -1 && nextLineFeed < nextCarriageReturn)) {
      if (nextLineFeed === -1 || nextLineFeed >= to) return;
      starts.push(nextLineFeed + 1);
      nextLineFeed = text.indexOf('\n', nextLineFeed + 1);
      continue;
    }
    if (nextCarriageReturn >= to) return;
    if (nextLineFeed === nextCarriageReturn + 1) {
      starts.push(nextLineFeed + 1);
      nextLineFeed = text.indexOf('\n', nextLineFeed + 1);
    } else starts.push(nextCarriageReturn + 1);
    nextCarriageReturn = text.indexOf('\r', nextCarriageReturn + 1);
  }
}
