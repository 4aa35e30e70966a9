/**
 * The cl100k_base tokenizer, a bundle of its own (dist/tokenizer-cl100k_base.js) that the server and the CLI load on
 * the first count they need: its tables are megabytes of code that a session counting nothing never reads.
 */
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import type { TokenCounter } from '../tokens';

// No special tokens: `<|endoftext|>` in a transcript is text, counted as tiktoken's `encode_ordinary` does.
const ORDINARY = { disallowedSpecial: new Set<string>() };

export const counter: TokenCounter = { encoding: 'cl100k_base', count: (text) => countTokens(text, ORDINARY) };
