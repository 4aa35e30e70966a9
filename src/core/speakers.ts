import type { TextSlices } from './lines';
import type { Transcript, Turn, TurnTotals } from './model';
import type { TurnSummary } from './turn-tree';
import { turnWords } from './words';

/**
 * Totals per speaker, in order of first appearance, and the document's word total.
 *
 * @example For `[A]: one two\n[B]: 三\n[A]: four`, A has 2 turns and 3 words of 4.
 */
export interface DocumentTotals {
  readonly speakers: ReadonlyMap<string, TurnTotals>;
  readonly words: number;
}

interface Tally {
  readonly speakers: Map<string, { turns: number; words: number; cjk: number; other: number }>;
  words: number;
}

/** The speakers' totals as a summary of the turn tree: a subtree an edit did not touch is not counted again. */
const SPEAKER_TOTALS: TurnSummary<Tally, TextSlices> = {
  start: () => ({ speakers: new Map(), words: 0 }),
  addTurn(into: Tally, turn: Turn, text: TextSlices): void {
    const counts = turnWords(text, turn);
    const totals = into.speakers.get(turn.speaker);
    if (totals) {
      totals.turns++;
      totals.words += counts.words;
      totals.cjk += counts.cjk;
      totals.other += counts.other;
    } else into.speakers.set(turn.speaker, { turns: 1, words: counts.words, cjk: counts.cjk, other: counts.other });
    into.words += counts.words;
  },
  addSummary(into: Tally, part: Tally): void {
    for (const [speaker, counts] of part.speakers) {
      const totals = into.speakers.get(speaker);
      if (totals) {
        totals.turns += counts.turns;
        totals.words += counts.words;
        totals.cjk += counts.cjk;
        totals.other += counts.other;
      } else into.speakers.set(speaker, { ...counts });
    }
    into.words += part.words;
  },
};

/**
 * Totals of every speaker. Each turn is counted once and each subtree of turns summed once, so after an
 * edit only the turns it made and the branches above them are added up again.
 */
export function speakerTotals(model: Transcript): DocumentTotals {
  return model.turns.summarize(SPEAKER_TOTALS, model.text);
}
