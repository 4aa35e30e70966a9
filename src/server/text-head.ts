import { BINARY_SNIFF_BYTES } from '../core/content';
import { detachedSlice } from '../core/detach';
import type { LineIndex, Range } from '../core/lines';

/** How much of a document a head keeps: twice what the binary test reads, so edits can eat into it. */
const KEPT = 2 * BINARY_SNIFF_BYTES;

/** `text.slice(from, to)`, not yet cut. */
type Piece = readonly [text: string, from: number, to: number];

/**
 * The first characters of an open document, followed through its edits without reading the rest of it.
 * The binary test (`binaryTextReason`) reads the first BINARY_SNIFF_BYTES characters, and reading even
 * those from an edited model would copy its whole text (see EditedText) on every keystroke.
 *
 * `text` is always a prefix of the document: all of it (`whole`), or at least BINARY_SNIFF_BYTES characters.
 */
export class TextHead {
  private constructor(
    readonly text: string,
    private readonly whole: boolean,
  ) {}

  static of(text: string): TextHead {
    return TextHead.joined([[text, 0, text.length]], true)!;
  }

  /**
   * The head after `range` (in order, start first) of the text `lines` indexes was replaced by `inserted`,
   * or undefined when this head cannot tell (a deletion from inside it to past it): read it from the new text then.
   */
  edited(lines: LineIndex, range: Range, inserted: string): TextHead | undefined {
    const head = this.text;
    const line = Math.max(0, range.start.line);
    if (!this.whole && (line >= lines.lineCount || lines.lineStart(line) >= head.length)) return this;
    // A line's end is found from the characters before the next line's start. For a line running past the
    // head they are not here, so an offset at or past `exact` may be up to two characters too far.
    const exact = this.whole ? Infinity : head.length - 1;
    const start = lines.offsetAt(range.start, head);
    if (start >= exact) return TextHead.joined([[head, 0, exact]], false);
    const end = Math.max(start, lines.offsetAt(range.end, head));
    const before: Piece = [head, 0, start];
    const added: Piece = [inserted, 0, inserted.length];
    return end < exact ? TextHead.joined([before, added, [head, end, head.length]], this.whole) : TextHead.joined([before, added], false);
  }

  /**
   * The head made of `pieces`, copied (a slice would keep the string it was cut from, such as a whole
   * earlier version of the document, alive), cut at KEPT; undefined when too short to be a head.
   */
  private static joined(pieces: readonly Piece[], whole: boolean): TextHead | undefined {
    let text = '';
    let length = 0;
    for (const [source, from, to] of pieces) {
      length += to - from;
      text += detachedSlice(source, from, Math.min(to, from + KEPT - text.length));
    }
    if (length > KEPT) return new TextHead(text, false);
    return whole || length >= BINARY_SNIFF_BYTES ? new TextHead(text, whole) : undefined;
  }
}
