import type { Position } from './lines';
import type { Transcript, Turn } from './model';

/** Where a turn-navigation command moves: to the next turn, the previous one, or the next by the same speaker. */
export const TURN_STEPS = ['next', 'previous', 'next-by-same-speaker'] as const;
export type TurnStep = (typeof TURN_STEPS)[number];

/**
 * The turn a step from `position` lands on, found by a walk down the turn tree by line rather than over the
 * turns (the next turn by the same speaker walks on from the current turn until it meets one).
 *
 * @example In `[A]: 1\n[B]: 2\n[A]: 3`, from line 0 `next` is B's turn, `next-by-same-speaker` A's second,
 * and `previous` from line 1, character 3 is B's own turn: its tag starts before the position.
 */
export function turnStep(model: Transcript, position: Position, step: TurnStep): Turn | undefined {
  const turns = model.turns;
  const offset = model.lines.offsetAt(position);
  const holding = turns.atLine(Math.min(Math.max(position.line, 0), model.lines.lineCount - 1));
  switch (step) {
    case 'next':
      if (!holding) {
        const first = turns.at(0);
        return first && first.tag.start > offset ? first : undefined;
      }
      // Before the tag only when a byte order mark precedes it on the first line.
      return offset < holding.tag.start ? holding : turns.at(holding.index + 1);
    case 'previous':
      if (!holding) return undefined;
      return offset > holding.tag.start ? holding : turns.at(holding.index - 1);
    case 'next-by-same-speaker':
      if (!holding) return undefined;
      for (const turn of turns.from(holding.index + 1)) if (turn.speaker === holding.speaker) return turn;
      return undefined;
  }
}
