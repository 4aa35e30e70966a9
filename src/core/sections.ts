import type { FileBlock, Section, Transcript, Turn } from './model';

/**
 * Lookups shared by the editing features: which section, turn or FILE block holds a place, and which
 * line break to use for a line inserted next to another.
 */

/** The preamble (if any) and the turns, in document order. */
export function sectionsOf(model: Transcript): Section[] {
  return model.preamble ? [model.preamble, ...model.turns] : [...model.turns];
}

/**
 * The section holding `line`: the preamble or a turn (every line of a non-empty document has one).
 *
 * @example In `title\n[A]: hi`, line 0 is in the preamble and line 1 in turn A.
 */
export function sectionOnLine(model: Transcript, line: number): Section | undefined {
  const turn = turnAtLine(model, line);
  if (turn) return turn;
  const preamble = model.preamble;
  return preamble && line >= preamble.startLine && line <= preamble.endLine ? preamble : undefined;
}

/** The turn holding `line`, by binary search. */
export function turnAtLine(model: Transcript, line: number): Turn | undefined {
  const turns = model.turns;
  let low = 0;
  let high = turns.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const turn = turns[mid]!;
    if (line < turn.startLine) high = mid - 1;
    else if (line > turn.endLine) low = mid + 1;
    else return turn;
  }
  return undefined;
}

/** The FILE block of `section` whose content lines include `line` (not its opener or closer). */
export function blockWithContentLine(section: Section, line: number): FileBlock | undefined {
  return section.fileBlocks.find((block) => line > block.startLine && line <= (block.closer ? block.endLine - 1 : block.endLine));
}

/**
 * The line break to put before a new line inserted after `line`: the line's own terminator, else (on the
 * last line) the one before it, else `\n`. Reusing the neighbour's terminator never joins a `\r` and a
 * `\n` into one line break.
 *
 * @example In `a\r\nb`, both lines give `\r\n`.
 */
export function lineBreakAfter(model: Transcript, line: number): string {
  const { lines, text } = model;
  const from = line + 1 < lines.lineCount ? line : line - 1;
  if (from < 0) return '\n';
  return text.slice(lines.lineEnd(from, text), lines.lineStart(from + 1)) || '\n';
}
