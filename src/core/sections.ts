import type { Position } from './lines';
import type { FileBlock, FoundProblem, Section, Span, Transcript, Turn } from './model';

/**
 * Lookups shared by the editing features: which section, turn or FILE block holds a place, and which
 * line break to use for a line inserted next to another.
 */

/** The preamble (if any) and the turns, in document order. */
export function sectionsOf(model: Transcript): Section[] {
  return model.preamble ? [model.preamble, ...model.turns] : [...model.turns];
}

/**
 * The turns after an edit, still as the model before the edit had them: `source[from…]`, each to be moved
 * by `delta` code units and `lineDelta` lines and renumbered by `indexDelta`. `head` holds the turns before
 * them, already in place.
 */
export interface UnshiftedTurns {
  readonly source: readonly Turn[];
  readonly from: number;
  readonly delta: number;
  readonly lineDelta: number;
  readonly indexDelta: number;
}

/** A model's turns while some are unshifted: `head`, in place, then the unshifted rest. */
export interface PendingTurns extends UnshiftedTurns {
  readonly head: readonly Turn[];
}

const unshifted = new WeakMap<Transcript, PendingTurns>();

/** The turns of `model` that `model.turns` has not copied into place yet, with those before them. */
export function unshiftedTurns(model: Transcript): PendingTurns | undefined {
  return unshifted.get(model);
}

/** Records (or, with `undefined`, forgets) the turns of `model` that `model.turns` has not copied into place yet. */
export function setUnshifted(model: Transcript, turns: PendingTurns | undefined): void {
  if (turns) unshifted.set(model, turns);
  else unshifted.delete(model);
}

/**
 * Calls `visit` with each section in document order and the number of code units its spans must be
 * moved by to be offsets into `model.text`: 0, except for turns an edit has not copied into place yet,
 * which this reads where they are instead of copying every turn after the edit.
 *
 * @example After an edit inserted 3 code units in the middle turn, the later turns are visited with 3.
 */
export function forEachSection(model: Transcript, visit: (section: Section, delta: number) => void): void {
  if (model.preamble) visit(model.preamble, 0);
  const pending = unshifted.get(model);
  if (!pending) {
    for (const turn of model.turns) visit(turn, 0);
    return;
  }
  for (const turn of pending.head) visit(turn, 0);
  for (let i = pending.from; i < pending.source.length; i++) visit(pending.source[i]!, pending.delta);
}

/** The number of turns, without copying those an edit has not moved into place (see `forEachSection`). */
export function turnCount(model: Transcript): number {
  const pending = unshifted.get(model);
  return pending ? pending.head.length + pending.source.length - pending.from : model.turns.length;
}

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

export function shiftProblem<P extends FoundProblem>(problem: P, delta: number): P {
  const span = shiftSpan(problem.span, delta);
  if (!problem.related) return { ...problem, span };
  return {
    ...problem,
    span,
    related: problem.related.map((place) => ({ ...place, span: shiftSpan(place.span, delta) })),
  };
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
  const turn = turnAtLine(model, position.line);
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
