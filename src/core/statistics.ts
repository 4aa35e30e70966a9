import type { TextSlices } from './lines';
import type { Section, Span, Transcript, TurnTotals, WordCounts } from './model';
import type { TurnSummary } from './turn-tree';
import { speakerTotals } from './speakers';
import { type TokenCounter, type TokenEncoding, tokenTotals } from './tokens';
import { countWords, proseSpans, turnWords } from './words';

/** One row of the statistics table. */
export interface SpeakerStatistics extends TurnTotals {
  readonly speaker: string;
  /** Share of all words, 0 to 1. */
  readonly share: number;
  readonly averageWordsPerTurn: number;
  readonly fileBlocks: number;
  readonly codeLines: number;
  /** The tokens of the speaker's turns' content, when counted. */
  readonly tokens?: number;
}

/**
 * Per-speaker statistics, in order of first appearance, and the document's totals.
 *
 * @example For `[A]: one two\n[B]: 三`, A has 1 turn, 2 words, share 2/3.
 */
export interface DocumentStatistics {
  readonly turns: number;
  readonly words: number;
  /** The tokens of every turn's content, with `encoding`, when counted. */
  readonly tokens?: number;
  readonly encoding?: TokenEncoding;
  readonly speakers: readonly SpeakerStatistics[];
}

/** The statistics, with token counts when given a tokenizer. */
export function statistics(model: Transcript, tokens?: TokenCounter): DocumentStatistics {
  const totals = speakerTotals(model);
  const blocks = new Map<string, { fileBlocks: number; codeLines: number }>();
  for (const turn of model.turns) {
    let entry = blocks.get(turn.speaker);
    if (!entry) blocks.set(turn.speaker, (entry = { fileBlocks: 0, codeLines: 0 }));
    entry.fileBlocks += turn.fileBlocks.length;
    for (const fence of turn.fences) entry.codeLines += fence.codeLines;
  }
  const speakers = [...totals.speakers].map(([speaker, counts]) => ({
    speaker,
    turns: counts.turns,
    words: counts.words,
    cjk: counts.cjk,
    other: counts.other,
    share: totals.words === 0 ? 0 : counts.words / totals.words,
    averageWordsPerTurn: counts.turns === 0 ? 0 : counts.words / counts.turns,
    fileBlocks: blocks.get(speaker)!.fileBlocks,
    codeLines: blocks.get(speaker)!.codeLines,
  }));
  if (!tokens) return { turns: model.turns.count, words: totals.words, speakers };
  const counted = tokenTotals(model, tokens);
  return {
    turns: model.turns.count,
    words: totals.words,
    tokens: counted.tokens,
    encoding: tokens.encoding,
    speakers: speakers.map((row) => ({ ...row, tokens: counted.speakers.get(row.speaker)! })),
  };
}

/**
 * The words of the prose inside `[start, end)`: FILE-block content, fenced code and speaker tags in it
 * are not counted, as everywhere else. The turns wholly inside are added up from the turn tree's kept
 * sums, so a selection of the whole document reads only the turns at its two ends.
 */
export function wordsInRange(model: Transcript, range: Span): WordCounts {
  let cjk = 0;
  let other = 0;
  const add = (from: number, to: number): void => {
    if (Math.min(to, range.end) <= Math.max(from, range.start)) return;
    const counts = countWords(model.text.slice(Math.max(from, range.start), Math.min(to, range.end)));
    cjk += counts.cjk;
    other += counts.other;
  };
  const addSection = (section: Section, tag?: Span): void => {
    for (const span of proseSpans(section, tag)) add(span.start, span.end);
  };
  if (model.preamble && model.preamble.span.start < range.end && model.preamble.span.end > range.start)
    addSection(model.preamble);
  const first = model.turns.holding(range.start) ?? model.turns.at(0);
  const last = model.turns.holding(range.end);
  if (!first || !last || first.span.start >= range.end) return { words: cjk + other, cjk, other };
  // The turns at either end may be cut by the range; those between are wholly inside it.
  addSection(first, first.tag);
  if (last.index > first.index) {
    const between = model.turns.summarizeTurns(WORDS, model.text, first.index + 1, last.index);
    cjk += between.cjk;
    other += between.other;
    addSection(last, last.tag);
  }
  return { words: cjk + other, cjk, other };
}

/** The words of whole turns, as a summary the turn tree keeps per branch. */
const WORDS: TurnSummary<{ cjk: number; other: number }, TextSlices> = {
  start: () => ({ cjk: 0, other: 0 }),
  addTurn(into, turn, text) {
    const counts = turnWords(text, turn);
    into.cjk += counts.cjk;
    into.other += counts.other;
  },
  addSummary(into, part) {
    into.cjk += part.cjk;
    into.other += part.other;
  },
};
