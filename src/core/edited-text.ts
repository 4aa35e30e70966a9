/**
 * A document's text after edits, kept as the text the edits started from plus the edits, until
 * something needs all of it.
 *
 * V8 keeps `old.slice(0, i) + inserted + old.slice(j)` as a concatenation, and the first read of one
 * of its characters (or a slice of it) copies the whole of it: about 10 ms for 10 MiB. Built that
 * way, each edit of a burst of keystrokes paid that copy for the edit before it. Read through the
 * edits, the few lines an edit touches cost only themselves; the copy is made once, by the first
 * read of a character of `toString()`, or by `flatten` when the server is idle.
 *
 * @example After `[A]: hi` had `hi` (offsets 5–7) replaced by `yo`, `slice(4, 7)` is ` yo`: one
 * character from the original text, two from the insertion.
 */
export class EditedText {
  /** The whole text once asked for: a concatenation of pieces, until `flatten` copies it into one string. */
  private whole?: string;
  /** Whether `whole` is one flat string, which reads and later edits can then start from. */
  private flat = false;
  readonly length: number;
  private readonly delta: number;

  private constructor(
    private before: string | EditedText,
    private readonly start: number,
    end: number,
    private inserted: string,
    private readonly depth: number,
  ) {
    this.delta = inserted.length - (end - start);
    this.length = before.length + this.delta;
  }

  /**
   * `before` with `[start, end)` replaced by `inserted`. A chain of edits is cut at `MAX_DEPTH`: past
   * it, the text before is built whole, so a read never walks more than that many edits.
   */
  static of(before: string | EditedText, start: number, end: number, inserted: string): EditedText {
    let base = before;
    if (base instanceof EditedText) {
      if (base.depth >= MAX_DEPTH) base.flatten();
      if (base.flat) base = base.whole!;
    }
    return new EditedText(base, start, end, inserted, base instanceof EditedText ? base.depth + 1 : 1);
  }

  /** Copies the text into one flat string, once; later reads and edits start from it. */
  flatten(): void {
    if (this.flat) return;
    this.toString().charCodeAt(0);
    this.flat = true;
    // Let the text the edits started from go: the flat copy holds all of it.
    this.before = '';
    this.inserted = '';
  }

  charCodeAt(index: number): number {
    if (this.flat) return this.whole!.charCodeAt(index);
    if (index < this.start) return this.before.charCodeAt(index);
    const insertedEnd = this.start + this.inserted.length;
    if (index < insertedEnd) return this.inserted.charCodeAt(index - this.start);
    return this.before.charCodeAt(index - this.delta);
  }

  /** The text of `[from, to)`, both within the text and `from <= to`. */
  slice(from: number, to: number): string {
    if (this.flat) return this.whole!.slice(from, to);
    const pieces: string[] = [];
    this.collect(from, to, pieces);
    let out = '';
    for (const piece of pieces) out += piece;
    return out;
  }

  /**
   * The whole text: a concatenation of slices of the text the edits started from and of the insertions,
   * made without copying them (at most about two pieces per edit), and kept.
   */
  toString(): string {
    this.whole ??= this.slice(0, this.length);
    return this.whole;
  }

  private collect(from: number, to: number, pieces: string[]): void {
    if (from >= to) return;
    if (this.flat) {
      pieces.push(this.whole!.slice(from, to));
      return;
    }
    const insertedEnd = this.start + this.inserted.length;
    const collectBefore = (start: number, end: number): void => {
      if (start >= end) return;
      if (typeof this.before === 'string') pieces.push(this.before.slice(start, end));
      else this.before.collect(start, end, pieces);
    };
    if (from < this.start) collectBefore(from, Math.min(to, this.start));
    if (to > this.start && from < insertedEnd)
      pieces.push(this.inserted.slice(Math.max(from, this.start) - this.start, Math.min(to, insertedEnd) - this.start));
    if (to > insertedEnd) collectBefore(Math.max(from, insertedEnd) - this.delta, to - this.delta);
  }
}

/** How many edits a chain may hold before the text under them is built whole. */
const MAX_DEPTH = 64;
