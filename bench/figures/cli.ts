/**
 * CLI throughput: `transcript check` over 10,000 generated files (100 MiB) against merely reading and
 * decoding them (the floor), measured by `bench/cli.ts`.
 */
import { benchCli } from '../cli.js';
import type { Row } from '../report.js';

export function cliFigures(quick: boolean): Row[] {
  const result = quick ? benchCli({ files: 1_000, bytes: 10 * 2 ** 20, runs: 3 }) : benchCli();
  return [
    {
      id: 'cli.check',
      figure: `transcript check, ${result.files.toLocaleString('en-US')} files, ${Math.round(result.bytes / 2 ** 20)} MiB`,
      unit: 'ms',
      ours: result.checkMs,
      floor: result.readMs,
      peer: null,
      target: '≤ 2× read+decode',
      met: result.ratio <= 2,
      note: `floor: the faster of TextDecoder (${result.textDecoderMs.toFixed(0)} ms) and the CLI's transcoding decoder (${result.transcodeMs.toFixed(0)} ms)`,
    },
  ];
}
