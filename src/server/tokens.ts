import type { TokenCounter, TokenEncoding } from '../core/tokens';

const loaded = new Map<TokenEncoding, TokenCounter>();

/**
 * The tokenizer of `encoding`, loaded on the first call (a few hundred ms, once per process): each is a
 * bundle of its own that the build leaves these requires to load (see scripts/build.mjs).
 */
export function tokenCounter(encoding: TokenEncoding): TokenCounter {
  let counter = loaded.get(encoding);
  if (!counter) {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, not at start-up */
    const module = (
      encoding === 'o200k_base' ? require('../core/tokenizers/o200k_base') : require('../core/tokenizers/cl100k_base')
    ) as { counter: TokenCounter };
    /* eslint-enable @typescript-eslint/no-require-imports */
    loaded.set(encoding, (counter = module.counter));
  }
  return counter;
}
