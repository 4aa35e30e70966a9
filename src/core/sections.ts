import type { Position } from './lines';
import type { FileBlock, Section, Transcript, Turn } from './model';

/**
 * Lookups shared by the editing features: which section, turn or FILE block holds a place, and which
 * line break to use for a line inserted next to another.
 */

/** The preamble (if any) and the turns, in document order. */
export function* sectionsOf(model: Transcript): Generator<Section, void, undefined> {
  if (model.preamble) yield model.preamble;
  yield* model.turns;
}

/**
 * The section holding `line`: the preamble or a turn (every line of a non-empty document has one).
 *
 * @example In `title\n[A]: hi`, line 0 is in the preamble and line 1 in turn A.
 */
export function sectionOnLine(model: Transcript, line: number): Section | undefined {
  const turn = model.turns.atLine(line);
  if (turn) return turn;
  const preamble = model.preamble;
  return preamble && line >= preamble.startLine && line <= preamble.endLine ? preamble : undefined;
}

/** The FILE block of `section` whose content lines include `line` (not its opener or closer). */
export function blockWithContentLine(section: Section, line: number): FileBlock | undefined {
  return section.fileBlocks.find(
    (block) => line > block.startLine && line <= (block.closer ? block.endLine - 1 : block.endLine),
  );
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
  return text.slice(lines.lineEnd(from), lines.lineStart(from + 1)) || '\n';
}

/**
 * The turn whose speaker tag holds `position` (its edges included), if any.
 *
 * @example In `[Dr. Chen]: hi`, characters 0 to 11 are on the tag; 12 is not.
 */
export function turnWithTagAt(model: Transcript, position: Position): Turn | undefined {
  const turn = model.turns.atLine(position.line);
  if (!turn || turn.startLine !== position.line) return undefined;
  const offset = model.lines.offsetAt(position);
  return offset >= turn.tag.start && offset <= turn.tag.end ? turn : undefined;
}

/**
 * The speakers of the document, most turns first (ties in order of first appearance).
 *
 * @example `[B]: 1\n[A]: 2\n[A]: 3` gives `['A', 'B']`.
 */
export function speakersByFrequency(model: Transcript): string[] {
  const counts = new Map<string, number>();
  for (const turn of model.turns) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}
