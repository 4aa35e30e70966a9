import type { Transcript, Turn, TurnTotals, WordCounts } from './model';
import { turnWords } from './words';

/** Turns and words of one speaker. */
/**
 * Totals per speaker, in order of first appearance, and the document's word total.
 *
 * @example For `[A]: one two\n[B]: 三\n[A]: four`, A has 2 turns and 3 words of 4.
 */
export interface DocumentTotals {
  readonly speakers: ReadonlyMap<string, TurnTotals>;
  readonly words: number;
}

const cache = new WeakMap<Transcript, DocumentTotals>();

/** Adds up turns as they are visited, so a pass over the turns made for another reason can fill the cache. */
export class TotalsTally {
  private readonly speakers = new Map<string, { turns: number; words: number; cjk: number; other: number }>();
  private words = 0;

  add(turn: Turn, counts: WordCounts): void {
    let totals = this.speakers.get(turn.speaker);
    if (!totals) this.speakers.set(turn.speaker, (totals = { turns: 0, words: 0, cjk: 0, other: 0 }));
    totals.turns++;
    totals.words += counts.words;
    totals.cjk += counts.cjk;
    totals.other += counts.other;
    this.words += counts.words;
  }

  /** Keeps the totals of a tally that saw every turn of `model`, in order. */
  remember(model: Transcript): DocumentTotals {
    const result = { speakers: this.speakers, words: this.words };
    cache.set(model, result);
    return result;
  }
}

/**
 * Totals of every speaker; each turn is counted once (and its count kept across edits elsewhere). The
 * outline fills the cache as it goes, so a hover after it only looks the totals up.
 */
export function speakerTotals(model: Transcript): DocumentTotals {
  const cached = cache.get(model);
  if (cached) return cached;
  const tally = new TotalsTally();
  for (const turn of model.turns) tally.add(turn, turnWords(model.text, turn));
  return tally.remember(model);
}
