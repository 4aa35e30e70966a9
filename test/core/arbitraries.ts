import fc from 'fast-check';

/** Cases per property: 10,000 in `npm test`; `npm run fuzz` sets FUZZ_RUNS=1000000. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
export const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

/** Pieces of transcripts: markers, look-alikes, line breaks, odd characters and long hostile runs. */
export const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('[A]: ', '[B]:', '[用户]: 你好', '[Dr. Chen]: ok', '<<<FILE a.py', '<<<FILE', '<<<FILE ../x', 'FILE>>>', 'FILE>>> x',
    '<<<file b', '```', '```py', '~~~', '    ```', '[A]：', '【A】:', '[A] :', '(系统提示：结束)', 'x', 'don\'t', '😀', '🎬➡️💻', ' ', '\t') },
  { weight: 6, arbitrary: fc.constantFrom('\n', '\r\n', '\r') },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('\ufeff', '\u0000', '\ud800', '\udc00', '\u2028', '\u3000') },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((length) => 'a['.repeat(length / 2)) },
);
export const transcriptText = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

/** Transcripts richer in marker look-alikes and fences, for the quick fixes that rewrite them. */
export const lookAlikeText = fc.array(fc.oneof(
  { weight: 4, arbitrary: piece },
  { weight: 1, arbitrary: fc.constantFrom('FILE >>>', 'file>>>', '  FILE>>>', '<<<END FILE>>>', 'FILE>>> <<<FILE a', 'FILE>>> [A]: x', 'FILE>>> ```',
    '<<<FILE:a.py>>>', '<< FILE b', '<<<FILE a.py', '```', '~~~~', '[\u200b]：', '【用户】：', '\n', '\r') },
), { maxLength: 60 }).map((pieces) => pieces.join(''));
