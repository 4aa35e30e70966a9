/**
 * CLI throughput: `transcript check` over 10,000 generated files totalling 100 MiB, against
 * the time it takes merely to read and decode the same files. The target is a ratio of at most 2.
 *
 * - `readMs`: one thread reading every file (`readFileSync`) and decoding it as strict UTF-8, the least
 *   any checker has to do; timed in this process. The faster of two decoders: `TextDecoder` with
 *   `fatal` (`textDecoderMs`), and the CLI's own `decodeTranscript` (validation, then ICU transcoding
 *   to UTF-16, `transcodeMs`), so the CLI's faster decoding does not also make its floor slower.
 * - `checkMs`: the whole command, `node dist/cli.js check <corpus>`, from spawn to exit, output
 *   to /dev/null: process start, folder scan, worker threads, parsing, every diagnostic printed.
 * Each is the fastest of several runs, the two kinds taking turns after a warm-up run of each (so both
 * read from the page cache): on a machine shared with other work, the fastest run is the one least
 * disturbed, and taking turns exposes both to the same spells of load.
 *
 * Run alone: `npx tsx bench/cli.ts` (builds dist/cli.js first if it is missing); `npx tsx bench/cli.ts
 * --dataset` runs `benchDataset` (export and import) instead. The corpus is generated once into
 * bench/.cache/ and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTranscript } from '../src/cli/read.js';
import { generateTranscript } from '../test/support/generate.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const MiB = 2 ** 20;

export interface CliBenchOptions {
  readonly files?: number;
  readonly bytes?: number;
  readonly runs?: number;
}

export interface CliBenchResult {
  readonly files: number;
  readonly bytes: number;
  readonly readMs: number;
  readonly textDecoderMs: number;
  readonly transcodeMs: number;
  readonly checkMs: number;
  /** `checkMs / readMs`; the target is at most 2. */
  readonly ratio: number;
}

export function benchCli(options: CliBenchOptions = {}): CliBenchResult {
  const fileCount = options.files ?? 10_000;
  const totalBytes = options.bytes ?? 100 * MiB;
  const runs = options.runs ?? 5;
  if (!existsSync(CLI)) buildCli();
  const corpus = ensureCorpus(fileCount, totalBytes);
  const paths = listFiles(corpus);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const readAndDecode = (decode: (data: Buffer) => unknown) => (): number => {
    let bytes = 0;
    for (const path of paths) {
      const data = readFileSync(path);
      decode(data);
      bytes += data.length;
    }
    return bytes;
  };
  const withTextDecoder = readAndDecode((data) => decoder.decode(data));
  const withTranscode = readAndDecode((data) => {
    if (!decodeTranscript(data).ok) throw new Error('the generated corpus should be valid UTF-8');
  });
  const check = (): void => {
    const run = spawnSync(process.execPath, [CLI, 'check', corpus], { stdio: ['ignore', 'ignore', 'pipe'] });
    // 1 is expected: the generator plants a few real mistakes. Anything else means the run went wrong.
    if (run.status !== 0 && run.status !== 1)
      throw new Error(`transcript check exited ${run.status}: ${run.stderr.toString('utf8')}`);
  };
  // Warm-up of each: the page cache, and this process's JIT.
  const bytes = withTextDecoder();
  withTranscode();
  check();
  const textDecoderTimes: number[] = [];
  const transcodeTimes: number[] = [];
  const checkTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    textDecoderTimes.push(time(withTextDecoder));
    transcodeTimes.push(time(withTranscode));
    checkTimes.push(time(check));
  }
  const textDecoderMs = Math.min(...textDecoderTimes);
  const transcodeMs = Math.min(...transcodeTimes);
  const readMs = Math.min(textDecoderMs, transcodeMs);
  const checkMs = Math.min(...checkTimes);
  return { files: paths.length, bytes, readMs, textDecoderMs, transcodeMs, checkMs, ratio: checkMs / readMs };
}

export interface DatasetBenchResult {
  readonly files: number;
  readonly bytes: number;
  readonly checkMs: number;
  readonly exportMs: number;
  /** `exportMs / checkMs`; the target is at most 1.5. */
  readonly exportRatio: number;
  /** The JSON lines `export` wrote, which `import` reads back. */
  readonly jsonlBytes: number;
  readonly parseMs: number;
  readonly importMs: number;
  /** `importMs / parseMs`; the target is at most 1.5. */
  readonly importRatio: number;
}

/**
 * `transcript export` of the same corpus against `transcript check` of it (both whole commands, output to
 * /dev/null), and `transcript import` of the JSON lines export made against reading that file and
 * `JSON.parse` of each line in this process. Export runs with `--allow-errors`, so that every file is
 * converted rather than the few with planted mistakes refused; import writes into a fresh folder each run.
 */
export function benchDataset(options: CliBenchOptions = {}): DatasetBenchResult {
  const fileCount = options.files ?? 10_000;
  const totalBytes = options.bytes ?? 100 * MiB;
  const runs = options.runs ?? 3;
  if (!existsSync(CLI)) buildCli();
  const corpus = ensureCorpus(fileCount, totalBytes);
  const jsonl = join(corpus, '..', `${fileCount}-${totalBytes}-fenced.jsonl`);
  const cli = (args: string[], stdout: 'ignore' | 'pipe' = 'ignore'): Buffer => {
    const run = spawnSync(process.execPath, [CLI, ...args], {
      stdio: ['ignore', stdout, 'pipe'],
      maxBuffer: 2 ** 31,
    });
    if (run.status !== 0 && run.status !== 1)
      throw new Error(`transcript ${args[0]} exited ${run.status}: ${run.stderr.toString('utf8')}`);
    return run.stdout;
  };
  const check = (): void => void cli(['check', corpus]);
  // Every speaker of the corpus gets a role, so that every file is written, none refused.
  const stats = JSON.parse(cli(['stats', corpus, '--json'], 'pipe').toString('utf8')) as {
    total: { speakers: { speaker: string }[] };
  };
  const roles = stats.total.speakers.flatMap(({ speaker }) => [
    '--role',
    `${speaker}=${/^(?:B|Assistant|GPT-4o)$/.test(speaker) ? 'assistant' : 'user'}`,
  ]);
  const exportArgs = ['export', corpus, '--allow-errors', ...roles];
  const exportAll = (): void => void cli(exportArgs);
  // Every generated file ends inside a FILE block it never closes, which no conversation can hold: as
  // written, every line would be refused, and import would be timed writing nothing. As fences, the
  // blocks are closed, and every conversation is imported.
  writeFileSync(jsonl, cli([...exportArgs, '--files', 'fence'], 'pipe'));
  const parse = (): number => {
    const text = readFileSync(jsonl, 'utf8');
    let count = 0;
    for (let start = 0; start < text.length;) {
      const end = text.indexOf('\n', start);
      JSON.parse(text.slice(start, end === -1 ? text.length : end));
      count++;
      start = end === -1 ? text.length : end + 1;
    }
    return count;
  };
  const scratch = mkdtempSync(join(tmpdir(), 'transcript-bench-import-'));
  let round = 0;
  const importAll = (): void => void cli(['import', jsonl, '--out', join(scratch, String(round++))]);
  check();
  exportAll();
  parse();
  importAll();
  const times = { check: [] as number[], export: [] as number[], parse: [] as number[], import: [] as number[] };
  try {
    for (let run = 0; run < runs; run++) {
      times.check.push(time(check));
      times.export.push(time(exportAll));
      times.parse.push(time(parse));
      times.import.push(time(importAll));
      // The files written are not part of the next measurement's work.
      for (const entry of readdirSync(scratch)) rmSync(join(scratch, entry), { recursive: true, force: true });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const [checkMs, exportMs, parseMs, importMs] = [times.check, times.export, times.parse, times.import].map((list) =>
    Math.min(...list),
  ) as [number, number, number, number];
  const bytes = listFiles(corpus).reduce((sum, path) => sum + readFileSync(path).length, 0);
  return {
    files: fileCount,
    bytes,
    checkMs,
    exportMs,
    exportRatio: exportMs / checkMs,
    jsonlBytes: readFileSync(jsonl).length,
    parseMs,
    importMs,
    importRatio: importMs / parseMs,
  };
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function buildCli(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building dist/cli.js failed');
}

/**
 * The corpus folder, generated if missing: `fileCount` transcripts in folders of 100, as datasets are
 * often sharded, each of about `totalBytes / fileCount` bytes so that together they make `totalBytes`.
 */
function ensureCorpus(fileCount: number, totalBytes: number): string {
  const folder = join(ROOT, 'bench', '.cache', `cli-${fileCount}-files-${totalBytes}-bytes`);
  const done = join(folder, '.complete');
  if (existsSync(done)) return folder;
  rmSync(folder, { recursive: true, force: true });
  let written = 0;
  for (let index = 0; index < fileCount; index++) {
    // Aim each file at what is left over what is left to write, so the overshoot of each (the generator
    // stops at a turn boundary) is made up by the next ones.
    const target = Math.max(256, Math.round((totalBytes - written) / (fileCount - index)));
    const text = generateTranscript({ seed: index + 1, bytes: target });
    const shard = join(folder, String(Math.floor(index / 100)).padStart(3, '0'));
    if (index % 100 === 0) mkdirSync(shard, { recursive: true });
    writeFileSync(join(shard, `${String(index).padStart(5, '0')}.txt`), text);
    written += Buffer.byteLength(text);
  }
  writeFileSync(done, '');
  return folder;
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((shard) => readdirSync(join(folder, shard.name)).map((name) => join(folder, shard.name, name)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--dataset')) {
  const result = benchDataset();
  console.log(
    `transcript export: ${result.files} files, ${(result.bytes / MiB).toFixed(1)} MiB: check ${result.checkMs.toFixed(0)} ms, ` +
      `export ${result.exportMs.toFixed(0)} ms, ratio ${result.exportRatio.toFixed(2)} (target ≤ 1.5)\n` +
      `transcript import: ${(result.jsonlBytes / MiB).toFixed(1)} MiB of JSON lines: read+JSON.parse ${result.parseMs.toFixed(0)} ms, ` +
      `import ${result.importMs.toFixed(0)} ms, ratio ${result.importRatio.toFixed(2)} (target ≤ 1.5)`,
  );
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = benchCli();
  console.log(
    `transcript check: ${result.files} files, ${(result.bytes / MiB).toFixed(1)} MiB: ` +
      `read+decode ${result.readMs.toFixed(0)} ms (TextDecoder ${result.textDecoderMs.toFixed(0)}, transcode ${result.transcodeMs.toFixed(0)}), check ${result.checkMs.toFixed(0)} ms, ratio ${result.ratio.toFixed(2)} (target ≤ 2)`,
  );
}
