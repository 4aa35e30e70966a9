/**
 * CLI throughput: `transcript check` over 10,000 generated files (100 MiB) against merely reading and
 * decoding them (the floor); `transcript export` of them against `check`, and `transcript import` of the
 * JSON lines export wrote against reading them and `JSON.parse` of each line; measured by `bench/cli.ts`.
 */
import { benchCli, benchDataset } from '../cli.js';
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
    ...datasetRows(quick),
  ];
}

function datasetRows(quick: boolean): Row[] {
  const result = quick ? benchDataset({ files: 1_000, bytes: 10 * 2 ** 20, runs: 3 }) : benchDataset();
  const corpus = `${result.files.toLocaleString('en-US')} files, ${Math.round(result.bytes / 2 ** 20)} MiB`;
  return [
    {
      id: 'cli.export',
      figure: `transcript export (openai), ${corpus}`,
      unit: 'ms',
      ours: result.exportMs,
      floor: result.checkMs,
      peer: null,
      target: '≤ 1.5× transcript check',
      met: result.exportRatio <= 1.5,
      note: 'floor: transcript check of the same files; every speaker given a role, --allow-errors',
    },
    {
      id: 'cli.import',
      figure: `transcript import of the export, ${(result.jsonlBytes / 2 ** 20).toFixed(1)} MiB of JSON lines`,
      unit: 'ms',
      ours: result.importMs,
      floor: result.parseMs,
      peer: null,
      target: '≤ 1.5× read + JSON.parse',
      met: result.importRatio <= 1.5,
      note: 'floor: reading the file and JSON.parse of each line, in process',
    },
  ];
}
