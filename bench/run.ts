/**
 * `npm run bench`: generates (or reuses) transcripts of 1, 10 and 100 MiB, measures every figure (core,
 * stdio, preview, tokens, grammar, vscode, bundle, cli) with its floor and peer in this one run, prints the table and
 * writes bench/results/latest.json.
 * `npm run bench -- --quick` is a 1 MiB smoke run. While working on one figure, `--only=stdio,cli`
 * (of core, stdio, preview, tokens, grammar, vscode, bundle, cli) and `--size=10` (MiB) run part of the benchmark and
 * print it without writing latest.json. The npm script builds the project first; run directly, this uses
 * whatever dist/ holds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parseTranscript } from '../src/core/parse.js';
import { bundleFigures } from './figures/bundle.js';
import { cliFigures } from './figures/cli.js';
import { coreFigures } from './figures/core.js';
import { grammarFigures } from './figures/grammar.js';
import { previewFigures } from './figures/preview.js';
import { stdioFigures, type ServerPaths } from './figures/stdio.js';
import { tokenFigures } from './figures/tokens.js';
import { vscodeFigures } from './figures/vscode.js';
import type { Workload } from './figures/workload.js';
import { generateTranscript } from '../test/support/generate.js';
import { transcriptToMarkdown } from './markdown.js';
import { formatBytes } from './measure.js';
import { printTable, writeJson, type Row } from './report.js';
import { markdownEditSite, previewEditSite, speakerTagSites, spreadEditSites, transcriptEditSite } from './sites.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const CACHE = join(BENCH, '.cache');
const RESULTS = join(BENCH, 'results', 'latest.json');
const SEED = 1;
const MiB = 2 ** 20;
const HOVER_SITES = 8;
const SPREAD_EDITS = 20;
const GRAMMAR_RUNS = 3;

interface SizePlan {
  readonly bytes: number;
  readonly runs: number;
  readonly burstRuns: number;
  readonly peerRuns: number;
  readonly warmups: number;
}

// Fewer runs where one takes seconds; no peers at 100 MiB, where the markdown server may take minutes.
// A 100-keystroke burst on 100 MiB takes about a minute for the floor server alone: run it once there.
const FULL_PLAN: readonly SizePlan[] = [
  { bytes: 1 * MiB, runs: 7, burstRuns: 7, peerRuns: 5, warmups: 1 },
  { bytes: 10 * MiB, runs: 5, burstRuns: 5, peerRuns: 3, warmups: 1 },
  { bytes: 100 * MiB, runs: 3, burstRuns: 1, peerRuns: 0, warmups: 0 },
];
const QUICK_PLAN: readonly SizePlan[] = [{ bytes: 1 * MiB, runs: 3, burstRuns: 3, peerRuns: 2, warmups: 1 }];
const TARGET_BYTES = 10 * MiB;
// Each open of the 10 MiB markdown takes VS Code's markdown extension seconds, each keystroke as long:
// two opens with one keystroke each, and one open per preview, keep the VS Code figures near three
// minutes on an idle machine.
const VSCODE = { opens: 2, keystrokes: 1, previewKeystrokes: 3, largePreview: true };
const QUICK_VSCODE = { opens: 1, keystrokes: 1, previewKeystrokes: 1, largePreview: false };

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Changes whenever the generator, the converter or the seeds do, so the cache never serves stale text. */
function contentVersion(): string {
  const hash = createHash('sha256');
  for (const file of [join(ROOT, 'test', 'support', 'generate.ts'), join(BENCH, 'markdown.ts')])
    hash.update(readFileSync(file));
  const seeds = join(ROOT, 'seeds');
  for (const name of readdirSync(seeds)
    .filter((file) => file.endsWith('.txt'))
    .sort())
    hash.update(name).update(readFileSync(join(seeds, name)));
  return hash.digest('hex').slice(0, 12);
}

/** The transcript and its markdown version, from bench/.cache/ when this version made them before. */
function documents(bytes: number, version: string): { text: string; markdown: string } {
  const prefix = `transcript-seed${SEED}-${bytes}-`;
  const stem = join(CACHE, `${prefix}${version}`);
  for (const stale of readdirSync(CACHE).filter(
    (name) => name.startsWith(prefix) && !name.startsWith(`${prefix}${version}.`),
  )) {
    rmSync(join(CACHE, stale));
  }
  if (!existsSync(`${stem}.txt`) || !existsSync(`${stem}.md`)) {
    log(`generating ${formatBytes(bytes)} transcript`);
    const text = generateTranscript({ seed: SEED, bytes });
    writeFileSync(`${stem}.txt`, text);
    writeFileSync(`${stem}.md`, transcriptToMarkdown(text));
  }
  return { text: readFileSync(`${stem}.txt`, 'utf8'), markdown: readFileSync(`${stem}.md`, 'utf8') };
}

async function buildFloorServer(): Promise<string> {
  const outfile = join(CACHE, 'floor-server.cjs');
  await build({
    entryPoints: [join(BENCH, 'floor-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
  });
  return outfile;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const FIGURE_GROUPS = ['core', 'stdio', 'preview', 'tokens', 'grammar', 'vscode', 'bundle', 'cli'] as const;

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = option('only')?.split(',');
  const unknown = only?.filter((group) => !(FIGURE_GROUPS as readonly string[]).includes(group));
  if (unknown?.length) throw new Error(`--only takes ${FIGURE_GROUPS.join(', ')}; not ${unknown.join(', ')}`);
  const wanted = (group: (typeof FIGURE_GROUPS)[number]): boolean => !only || only.includes(group);
  const sizeMiB = option('size');
  const plan = (quick ? QUICK_PLAN : FULL_PLAN).filter((size) => !sizeMiB || size.bytes === Number(sizeMiB) * MiB);
  if (plan.length === 0)
    throw new Error(`--size=${sizeMiB}: the sizes are ${FULL_PLAN.map((size) => size.bytes / MiB).join(', ')} (MiB)`);
  const partial = only !== undefined || sizeMiB !== undefined;
  mkdirSync(CACHE, { recursive: true });
  const paths: ServerPaths = { ours: join(ROOT, 'dist', 'server.js'), floor: await buildFloorServer() };
  if (!existsSync(paths.ours)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const version = contentVersion();
  const rows: Row[] = [];
  const sizes: Record<string, { bytes: number; markdownBytes: number; lines: number; turns: number }> = {};
  const started = performance.now();

  for (const size of plan) {
    const { text, markdown } = documents(size.bytes, version);
    const label = formatBytes(size.bytes);
    const model = parseTranscript(text);
    sizes[label] = {
      bytes: Buffer.byteLength(text),
      markdownBytes: Buffer.byteLength(markdown),
      lines: model.lines.lineCount,
      turns: model.turns.count,
    };
    const workload: Workload = {
      label,
      text,
      markdown,
      bytes: Buffer.byteLength(text),
      runs: size.runs,
      burstRuns: size.burstRuns,
      peerRuns: size.peerRuns,
      warmups: size.warmups,
      withPeers: size.peerRuns > 0,
      isTargetSize: quick || size.bytes === TARGET_BYTES,
    };
    const sites = {
      transcriptEdit: transcriptEditSite(model),
      previewEdit: previewEditSite(model),
      markdownEdit: markdownEditSite(markdown),
      speakerTags: speakerTagSites(model, HOVER_SITES),
      spreadEdits: spreadEditSites(model, SPREAD_EDITS),
    };

    if (wanted('core')) {
      log(`${label}: core analysis`);
      rows.push(...(await coreFigures(workload)));
      collectGarbage();
    }
    if (wanted('stdio')) {
      log(`${label}: servers over stdio`);
      rows.push(...(await stdioFigures(workload, paths, sites)));
      collectGarbage();
    }
    if (wanted('preview')) {
      log(`${label}: the preview's turns over stdio`);
      rows.push(...(await previewFigures(workload, paths.ours, sites.previewEdit)));
      collectGarbage();
    }
    if (wanted('tokens')) {
      log(`${label}: token counts`);
      rows.push(...(await tokenFigures(ROOT, workload, sites.speakerTags, size === plan[0])));
      collectGarbage();
    }
    if (wanted('grammar') && (quick || size.bytes === TARGET_BYTES)) {
      log(`${label}: TextMate grammars`);
      rows.push(...(await grammarFigures(workload, CACHE, quick ? 1 : GRAMMAR_RUNS)));
      collectGarbage();
    }
    if (wanted('vscode') && workload.isTargetSize) {
      log(`${label}: VS Code (code-server), ours and the markdown extension`);
      rows.push(...(await vscodeFigures(ROOT, workload, sites, quick ? QUICK_VSCODE : VSCODE)));
      collectGarbage();
    }
  }
  if (wanted('bundle')) rows.push(...bundleFigures(ROOT));
  if (wanted('cli')) {
    log('transcript check over many files');
    rows.push(...cliFigures(quick));
  }

  console.log(printTable(rows));
  if (partial) {
    log('a partial run (--only or --size): latest.json is left as it was');
    return;
  }
  writeJson(RESULTS, rows, { quick, seed: SEED, sizes, seconds: Math.round((performance.now() - started) / 1e3) });
  log(`wrote ${RESULTS} in ${Math.round((performance.now() - started) / 1e3)} s`);
  const missed = rows.filter((row) => row.met === false).map((row) => row.figure);
  if (missed.length > 0) log(`targets missed: ${missed.join('; ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
