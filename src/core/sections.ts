import type { Position } from './lines';
import type { FileBlock, Section, Transcript, Turn } from './model';
import { movedBlock, type TurnSummary } from './turn-tree';

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
 * The sections that hold any of the lines `from` to `to`, in document order: what a request about a
 * selection reads, however long the document.
 *
 * @example In `title\n[A]: hi\n[B]: yo`, lines 0 to 1 are in the preamble and turn A.
 */
export function sectionsOnLines(model: Transcript, from: number, to: number): Section[] {
  const found: Section[] = [];
  const { preamble } = model;
  if (preamble && from <= preamble.endLine && to >= preamble.startLine) found.push(preamble);
  const first = model.turns.atLine(Math.max(from, 0)) ?? (found.length > 0 ? model.turns.at(0) : undefined);
  if (!first) return found;
  for (const turn of model.turns.from(first.index)) {
    if (turn.startLine > to) break;
    found.push(turn);
  }
  return found;
}

/** Every FILE block of the document, in order, found without reading the sections that have none. */
export function fileBlocksOf(model: Transcript): FileBlock[] {
  const blocks: FileBlock[] = [...(model.preamble?.fileBlocks ?? [])];
  model.turns.withFileBlocks((turn, offset, line) => {
    for (const block of turn.fileBlocks) blocks.push(movedBlock(block, offset, line));
  });
  return blocks;
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
  const counts = speakerTurns(model);
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

/**
 * The turns of each speaker, in order of first appearance, from the sums the turn tree keeps: an edit
 * costs the branches above the turns it changed.
 *
 * @example `[B]: 1\n[A]: 2\n[A]: 3` gives B 1, then A 2.
 */
export function speakerTurns(model: Transcript): ReadonlyMap<string, number> {
  return model.turns.summarize(SPEAKER_TURNS, null);
}

/** Turns per speaker in order of first appearance, kept per branch of the turn tree. */
const SPEAKER_TURNS: TurnSummary<Map<string, number>, null> = {
  start: () => new Map(),
  addTurn(into, turn) {
    into.set(turn.speaker, (into.get(turn.speaker) ?? 0) + 1);
  },
  addSummary(into, part) {
    for (const [speaker, turns] of part) into.set(speaker, (into.get(speaker) ?? 0) + turns);
  },
};
