import type { Transcript } from './model';
import { turnWords } from './words';

/** Turns and words of one speaker. */
export interface SpeakerTotals {
  readonly turns: number;
  readonly words: number;
  readonly cjk: number;
  readonly other: number;
}

/**
 * Totals per speaker, in order of first appearance, and the document's word total.
 *
 * @example For `[A]: one two\n[B]: 三\n[A]: four`, A has 2 turns and 3 words of 4.
 */
export interface DocumentTotals {
  readonly speakers: ReadonlyMap<string, SpeakerTotals>;
  readonly words: number;
}

const cache = new WeakMap<Transcript, DocumentTotals>();

/** Totals of every speaker; each turn is counted once (and its count kept across edits elsewhere). */
export function speakerTotals(model: Transcript): DocumentTotals {
  const cached = cache.get(model);
  if (cached) return cached;
  const speakers = new Map<string, { turns: number; words: number; cjk: number; other: number }>();
  let words = 0;
  for (const turn of model.turns) {
    const counts = turnWords(model.text, turn);
    let totals = speakers.get(turn.speaker);
    if (!totals) speakers.set(turn.speaker, (totals = { turns: 0, words: 0, cjk: 0, other: 0 }));
    totals.turns++;
    totals.words += counts.words;
    totals.cjk += counts.cjk;
    totals.other += counts.other;
    words += counts.words;
  }
  const result = { speakers, words };
  cache.set(model, result);
  return result;
}
