/**
 * Token counts: a turn's tokens are those of its content as `transcript export` writes it (`turnContent`,
 * FILE blocks kept), so a dataset's size in tokens reads the same in the editor, on the command line and
 * in the exported file. The tokenizer itself is loaded by the server and the CLI on first use (see
 * `tokenizers/`); here it is only a function from text to a count.
 */
import { turnContent } from './conversation';
import { detachedSlice } from './detach';
import type { Transcript, Turn, TurnMemo } from './model';
import type { TurnSummary } from './turn-tree';

/** The encodings the product counts with: GPT-4o's and later models' (the default), and GPT-4's. */
export const TOKEN_ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type TokenEncoding = (typeof TOKEN_ENCODINGS)[number];

/** What the setting and the CLI option take: an encoding, or `off` for no counts at all. */
export type TokenSetting = TokenEncoding | 'off';

/** `encoding` when it is one of the encodings, else undefined. */
export function tokenEncoding(name: unknown): TokenEncoding | undefined {
  return (TOKEN_ENCODINGS as readonly unknown[]).includes(name) ? (name as TokenEncoding) : undefined;
}

/**
 * A loaded tokenizer: counts the tokens of a text, reading special-token names such as `<|endoftext|>`
 * as the ordinary text they are in a transcript.
 *
 * @example `counter.count('hello world')` is 2 with o200k_base.
 */
export interface TokenCounter {
  readonly encoding: TokenEncoding;
  readonly count: (text: string) => number;
}

/**
 * The tokens of every speaker, in order of first appearance, and of the whole document.
 *
 * @example For `[A]: hello world\n[B]: hi\n[A]: ok` with o200k_base, A has 3 tokens, B 1, the document 4.
 */
export interface TokenTotals {
  readonly tokens: number;
  readonly speakers: ReadonlyMap<string, number>;
}

interface CounterCache {
  /** By the turn's memo, shared by a stored turn and its placements after edits elsewhere. */
  readonly turns: WeakMap<TurnMemo, number>;
  /** The totals as a sum the turn tree keeps per branch, so an edit costs the branches above it. */
  readonly summary: TurnSummary<{ tokens: number; speakers: Map<string, number> }, Transcript>;
}

const caches = new WeakMap<TokenCounter, CounterCache>();

function cacheOf(counter: TokenCounter): CounterCache {
  let cache = caches.get(counter);
  if (!cache) {
    const turns = new WeakMap<TurnMemo, number>();
    cache = {
      turns,
      summary: {
        start: () => ({ tokens: 0, speakers: new Map() }),
        addTurn(into, turn, model) {
          const count = turnTokens(model, turn, counter);
          into.tokens += count;
          into.speakers.set(turn.speaker, (into.speakers.get(turn.speaker) ?? 0) + count);
        },
        addSummary(into, part) {
          into.tokens += part.tokens;
          for (const [speaker, count] of part.speakers)
            into.speakers.set(speaker, (into.speakers.get(speaker) ?? 0) + count);
        },
      },
    };
    caches.set(counter, cache);
  }
  return cache;
}

/**
 * The tokens of a turn's content; counted once per stored turn, so an edit elsewhere does not count it again.
 *
 * @example `[A]: hello world` has 2 tokens with o200k_base: the tag and its space are not content.
 */
export function turnTokens(model: Transcript, turn: Turn, counter: TokenCounter): number {
  const cache = cacheOf(counter).turns;
  let tokens = cache.get(turn.memo);
  if (tokens === undefined) cache.set(turn.memo, (tokens = countDetached(counter, turnContent(model, turn))));
  return tokens;
}

/** The tokens per speaker and in all, from the sums the turn tree keeps and each turn's kept count. */
export function tokenTotals(model: Transcript, counter: TokenCounter): TokenTotals {
  return model.turns.summarize(cacheOf(counter).summary, model);
}

/**
 * `tokenTotals` a slice at a time: it yields after counting about `slice` UTF-16 code units of turns not
 * counted before (only the turns under branches without kept sums are visited), so that a caller can
 * answer other requests between slices while a large document is counted for the first time; it returns
 * the totals.
 *
 * @example `for (const step = tokenCounting(model, counter); !step.next().done; ) await nextTurnOfTheLoop();`
 */
export function* tokenCounting(
  model: Transcript,
  counter: TokenCounter,
  slice = 256 * 1024,
): Generator<void, TokenTotals, undefined> {
  const cache = cacheOf(counter);
  let counted = 0;
  for (const turn of model.turns.unsummarized(cache.summary)) {
    if (cache.turns.has(turn.memo)) continue;
    const content = turnContent(model, turn);
    cache.turns.set(turn.memo, countDetached(counter, content));
    counted += content.length;
    if (counted >= slice) {
      counted = 0;
      yield;
    }
  }
  return tokenTotals(model, counter);
}

/**
 * The tokens of `content`, counted from a copy of it: the tokenizer keeps pieces of what it counts in
 * its cache of merges, and a piece cut from the document would keep the whole document alive after it
 * is closed (see detach.ts).
 */
function countDetached(counter: TokenCounter, content: string): number {
  return counter.count(detachedSlice(content, 0, content.length));
}
