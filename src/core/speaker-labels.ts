import type { Range } from './lines';
import type { Transcript, Turn } from './model';
import type { TurnSummary } from './turn-tree';

/** A stretch of lines, 0-based: `start` inclusive, `end` exclusive. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

/** The name inside a speaker tag's brackets, where the editor colours it. */
export interface SpeakerLabel {
  readonly speaker: string;
  /** The name, `A` of `[A]:`. */
  readonly range: Range;
}

/**
 * The speaker labels of some lines, and where each of their speakers first appears among all the
 * document's speakers, so that a colour picked by that order is the same whichever lines were asked for.
 *
 * @example For lines 2–3 of `[A]: 1\n[B]: 2\n[A]: 3\n[C]: 4`, the labels are A's and C's, A first
 * appearing 0th and C 2nd.
 */
export interface SpeakerLabels {
  /** In document order. */
  readonly labels: readonly SpeakerLabel[];
  /** The speakers of `labels`, once each, by `order`. */
  readonly speakers: readonly { readonly speaker: string; readonly order: number }[];
}

/**
 * Each speaker's place in the order of first appearance, as a summary of the turn tree: each branch keeps
 * its own speakers, so after an edit only the branches on the path to it are gathered again.
 */
const FIRST_APPEARANCE: TurnSummary<Map<string, number>, undefined> = {
  start: () => new Map(),
  addTurn(into: Map<string, number>, turn: Turn): void {
    if (!into.has(turn.speaker)) into.set(turn.speaker, into.size);
  },
  addSummary(into: Map<string, number>, part: Map<string, number>): void {
    for (const speaker of part.keys()) if (!into.has(speaker)) into.set(speaker, into.size);
  },
};

/**
 * The labels of the turns whose tags are on `lines` (all of them without), found by a walk down the turn
 * tree to the first such turn and then along the turns in the lines only.
 */
export function speakerLabels(model: Transcript, lines?: LineSpan): SpeakerLabels {
  const start = Math.max(lines?.start ?? 0, 0);
  const end = Math.min(lines?.end ?? Infinity, model.lines.lineCount);
  const labels: SpeakerLabel[] = [];
  if (start < end) {
    const holding = model.turns.atLine(start);
    const first = !holding ? 0 : holding.startLine < start ? holding.index + 1 : holding.index;
    for (const turn of model.turns.from(first)) {
      if (turn.startLine >= end) break;
      labels.push({ speaker: turn.speaker, range: model.lines.rangeOf(turn.label.start, turn.label.end) });
    }
  }
  const order = labels.length ? model.turns.summarize(FIRST_APPEARANCE, undefined) : new Map<string, number>();
  const speakers = [...new Set(labels.map((label) => label.speaker))]
    .map((speaker) => ({ speaker, order: order.get(speaker)! }))
    .sort((a, b) => a.order - b.order);
  return { labels, speakers };
}
