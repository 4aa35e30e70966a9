import type { Range } from './lines';
import type { Transcript, Turn } from './model';
import { turnName } from './symbols';

/** The most turns one search answers: more than anyone scrolls through, few enough to send and list at once. */
export const SEARCH_LIMIT = 1000;

/** A turn that a search found, as Go to Turn lists it. */
export interface FoundTurn {
  /** 0-based position among the turns. */
  readonly index: number;
  readonly speaker: string;
  /** The `[Speaker]:` tag. */
  readonly tag: Range;
  /** The outline's name, `Speaker: first words…`. */
  readonly name: string;
  /** The line of the tag, 0-based. */
  readonly line: number;
  /** The query's first occurrence in the turn; absent for an empty query. */
  readonly match?: Range;
}

export interface TurnSearch {
  /** In document order, at most `SEARCH_LIMIT`. */
  readonly turns: FoundTurn[];
  /** Whether more turns matched than `turns` holds. */
  readonly truncated: boolean;
}

/**
 * The turns whose text, from the tag to the end of their last line, holds `query` as typed, ignoring case,
 * and, when `speaker` is given, that this speaker says; an empty query holds every turn.
 *
 * @example In `[A]: Hi\nsee the LOGS\n[B]: logs?`, `logs` finds both turns, the first with a match on line 1;
 * with speaker `B`, only the second.
 */
export function searchTurns(model: Transcript, query: string, speaker?: string): TurnSearch {
  // A pattern of the query's characters, each escaped, rather than the text lowered: lowering can change a
  // text's length (`İ` becomes two code units), which would put the match elsewhere than the text has it.
  const pattern = query === '' ? undefined : new RegExp(query.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'iu');
  const found: FoundTurn[] = [];
  for (const turn of model.turns) {
    if (speaker !== undefined && turn.speaker !== speaker) continue;
    let match: Range | undefined;
    if (pattern) {
      const at = pattern.exec(model.text.slice(turn.span.start, turn.span.end));
      if (!at) continue;
      const start = turn.span.start + at.index;
      match = model.lines.rangeOf(start, start + at[0].length);
    }
    if (found.length === SEARCH_LIMIT) return { turns: found, truncated: true };
    found.push(foundTurn(model, turn, match));
  }
  return { turns: found, truncated: false };
}

function foundTurn(model: Transcript, turn: Turn, match: Range | undefined): FoundTurn {
  const answer = {
    index: turn.index,
    speaker: turn.speaker,
    tag: model.lines.rangeOf(turn.tag.start, turn.tag.end),
    name: turnName(model, turn),
    line: turn.startLine,
  };
  return match ? { ...answer, match } : answer;
}
