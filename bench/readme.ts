/**
 * `npm run bench:readme`: rewrites the performance table in README.md, between `<!-- bench:start -->` and
 * `<!-- bench:end -->`, from bench/results/latest.json, so the README never shows a figure the last run did
 * not measure. `--check` changes nothing and exits 1 when the README differs from what latest.json gives.
 * `--results=<path>` and `--readme=<path>` read other files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Value } from './report.js';

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

interface Figure {
  readonly id: string;
  readonly unit: string;
  readonly ours: Value;
  readonly floor: Value;
  readonly peer: Value;
}

export interface Results {
  readonly generatedAt: string;
  readonly cores?: number;
  readonly node?: string;
  readonly quick?: boolean;
  readonly figures: readonly Figure[];
}

type Column = 'ours' | 'floor' | 'peer';

/** One cell: the figures it shows (joined by " / "), the unit it is shown in and a gloss after it. */
interface Cell {
  readonly ids: readonly string[];
  readonly unit?: string;
  readonly gloss?: string;
}

interface Line {
  readonly label: string;
  readonly ours: Cell;
  readonly floor?: Cell;
  readonly peer?: Cell;
}

// The README's table picks the figures a reader compares against a floor or a peer; the full list is in
// latest.json. Ids name rows written by bench/figures/*.ts.
const LINES: readonly Line[] = [
  {
    label: 'core: parse + symbols + diagnostics + folding',
    ours: { ids: ['core.analysis-vs-markdown-full.10 MiB'] },
    floor: { ids: ['core.analysis-vs-markdown-full.10 MiB'], gloss: 'indexOf line scan' },
    peer: { ids: ['core.analysis-vs-markdown-full.10 MiB'], gloss: 'language service, all three' },
  },
  {
    label: 'didOpen → documentSymbol over stdio',
    ours: { ids: ['stdio.open-symbols.10 MiB'] },
    floor: { ids: ['stdio.open-symbols.10 MiB'], gloss: 'do-nothing server' },
    peer: { ids: ['stdio.open-symbols.10 MiB'], gloss: 'markdown language server' },
  },
  {
    label: 'one-character edit (Enter) → diagnostics over stdio',
    ours: { ids: ['stdio.edit-diagnostics.10 MiB'] },
    floor: { ids: ['stdio.edit-diagnostics.10 MiB'] },
    peer: { ids: ['stdio.edit-diagnostics.10 MiB'] },
  },
  {
    label: '100 keystrokes → documentSymbol',
    ours: { ids: ['stdio.burst-symbols.10 MiB'], unit: 's' },
    floor: { ids: ['stdio.burst-symbols.10 MiB'], unit: 's' },
    peer: { ids: ['stdio.burst-symbols.10 MiB'], unit: 's' },
  },
  {
    label: 'hover on a speaker tag, 100 MiB: first / warm',
    ours: { ids: ['stdio.hover-first.100 MiB', 'stdio.hover-warm.100 MiB'] },
  },
  {
    label: 'typing an Enter every 120 ms → diagnostics, 100 MiB: median / p95',
    ours: { ids: ['stdio.paced-diagnostics-median.100 MiB', 'stdio.paced-diagnostics-p95.100 MiB'] },
  },
  {
    label: 'Next Turn press / Go to Turn list answered, 100 MiB (slowest)',
    ours: { ids: ['stdio.turn-step.100 MiB', 'stdio.go-to-turn.100 MiB'] },
  },
  {
    label: 'server RSS after open, 10 / 100 MiB',
    ours: { ids: ['memory.rss.10 MiB', 'memory.rss.100 MiB'] },
    floor: { ids: ['memory.rss.10 MiB', 'memory.rss.100 MiB'] },
    peer: { ids: ['memory.rss.10 MiB', 'memory.rss.100 MiB'] },
  },
  {
    label: 'server heap kept (after a full GC): after open / after typing in 20 turns, 10 MiB',
    ours: { ids: ['memory.heap.10 MiB', 'memory.heap-after-edits.10 MiB'] },
  },
  {
    label: 'the same, 100 MiB',
    ours: { ids: ['memory.heap.100 MiB', 'memory.heap-after-edits.100 MiB'] },
  },
  {
    label: 'TextMate grammar',
    ours: { ids: ['grammar.lines-per-second.10 MiB'] },
    floor: { ids: ['grammar.lines-per-second.10 MiB'], gloss: 'empty grammar' },
    peer: { ids: ['grammar.lines-per-second.10 MiB'], gloss: 'markdown grammar' },
  },
  {
    label: "the same, embedded languages stubbed (the grammars' own rules)",
    ours: { ids: ['grammar.own-rules.10 MiB'] },
    floor: { ids: ['grammar.own-rules.10 MiB'] },
    peer: { ids: ['grammar.own-rules.10 MiB'] },
  },
  {
    label: 'slowest grammar line',
    ours: { ids: ['grammar.slowest-line.10 MiB'] },
    peer: { ids: ['grammar.slowest-line.10 MiB'] },
  },
  {
    label: 'VS Code (code-server): open → outline symbols',
    ours: { ids: ['vscode.open-outline.10 MiB'], unit: 's' },
    peer: { ids: ['vscode.open-outline.10 MiB'], unit: 's', gloss: 'built-in markdown extension' },
  },
  {
    label: 'VS Code (code-server): a keystroke that adds a problem → Problems updated',
    ours: { ids: ['vscode.keystroke-problems.10 MiB'], unit: 's' },
    peer: { ids: ['vscode.keystroke-problems.10 MiB'], unit: 's', gloss: 'link validation on' },
  },
  {
    label: 'VS Code (code-server): open → preview painted, 10 MiB / 49 MB',
    ours: { ids: ['vscode.preview-open.10 MiB', 'vscode.preview-open.49 MB'], unit: 's' },
    peer: {
      ids: ['vscode.preview-open.10 MiB', 'vscode.preview-open.49 MB'],
      unit: 's',
      gloss: 'built-in markdown preview',
    },
  },
  {
    label: 'VS Code (code-server): keystroke → preview updated, 10 MiB',
    ours: { ids: ['vscode.preview-keystroke.10 MiB'] },
    peer: { ids: ['vscode.preview-keystroke.10 MiB'] },
  },
  {
    label: 'token counts (o200k_base), 10 MiB',
    ours: { ids: ['tokens.count.10 MiB'] },
    floor: { ids: ['tokens.count.10 MiB'], gloss: 'gpt-tokenizer alone' },
  },
  {
    label: 'first hover with tokens (loads the tokenizer) / warm hover with tokens, 100 MiB',
    ours: { ids: ['tokens.first-request', 'tokens.hover-warm.100 MiB'] },
  },
  {
    label: 'bundles: extension / server',
    ours: { ids: ['bundle.extension.js', 'bundle.server.js'] },
  },
  {
    label: 'browser bundles: extension / server',
    ours: { ids: ['bundle.browser/extension.js', 'bundle.browser/server.js'] },
  },
  {
    label: '`activate()` in VS Code: Node / web-worker extension host (recorded by `npm run test:vscode`)',
    ours: { ids: ['activation', 'activation.web'] },
  },
  {
    label: '`transcript check`, 10,000 files, 100 MiB',
    ours: { ids: ['cli.check'], unit: 's' },
    floor: { ids: ['cli.check'], unit: 's', gloss: 'read + decode' },
  },
  {
    label: '`transcript export` / `transcript import` of the same set',
    ours: { ids: ['cli.export', 'cli.import'], unit: 's' },
    floor: { ids: ['cli.export', 'cli.import'], unit: 's', gloss: 'check / read + JSON.parse' },
  },
];

/** Three significant digits, grouped by thousands: precise enough for figures that vary by ±30%. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) {
    const step = 10 ** (Math.floor(Math.log10(magnitude)) - 2);
    return (Math.round(value / step) * step).toLocaleString('en-US', { maximumFractionDigits: 0 });
  }
  return value.toPrecision(3);
}

function convert(value: number, from: string, to: string | undefined): number {
  if (to === undefined || to === from) return value;
  if (from === 'ms' && to === 's') return value / 1000;
  throw new Error(`cannot show ${from} in ${to}`);
}

function cell(figures: ReadonlyMap<string, Figure>, column: Column, spec: Cell | undefined): string {
  if (spec === undefined) return '—';
  let unit = '';
  const values = spec.ids.map((id) => {
    const figure = figures.get(id);
    if (figure === undefined) throw new Error(`latest.json has no figure ${id}`);
    const value = figure[column];
    unit = spec.unit ?? figure.unit;
    if (value === null) return '—';
    if (typeof value === 'number') return formatNumber(convert(value, figure.unit, spec.unit));
    if (value.failed.startsWith('not recorded')) return 'not recorded';
    return value.failed.startsWith('skipped') ? 'skipped' : 'failed';
  });
  if (values.every((value) => value === '—')) return '—';
  const numeric = values.some((value) => /^[0-9]/.test(value));
  const text = `${values.join(' / ')}${numeric ? ` ${unit}` : ''}`;
  return spec.gloss ? `${text} (${spec.gloss})` : text;
}

function runDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`latest.json has no valid generatedAt: ${iso}`);
  const text = date.toISOString();
  return `${text.slice(0, 10)} at ${text.slice(11, 16)} UTC`;
}

/** The Markdown that belongs between the markers, without them. */
export function renderTable(results: Results): string {
  const figures = new Map(results.figures.map((figure) => [figure.id, figure]));
  const rows = LINES.map(
    (line) =>
      `| ${line.label} | ${cell(figures, 'ours', line.ours)} | ${cell(figures, 'floor', line.floor)} | ${cell(figures, 'peer', line.peer)} |`,
  );
  const machine = [results.cores ? `${results.cores} cores` : '', results.node ? `Node ${results.node}` : '']
    .filter(Boolean)
    .join(', ');
  return [
    '| figure | ours | floor | peer (markdown) |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Run on ${runDate(results.generatedAt)}${machine ? ` (${machine})` : ''}${results.quick ? ', a `--quick` run' : ''}.`,
  ].join('\n');
}

/** The README with the text between the markers replaced; throws when the markers are missing. */
export function rewriteReadme(readme: string, results: Results): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no ${START} … ${END} section`);
  return `${readme.slice(0, start + START.length)}\n${renderTable(results)}\n${readme.slice(end)}`;
}

function main(args: readonly string[]): number {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const option = (name: string): string | undefined =>
    args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const resultsPath = option('results') ?? join(root, 'bench', 'results', 'latest.json');
  const readmePath = option('readme') ?? join(root, 'README.md');
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as Results;
  const readme = readFileSync(readmePath, 'utf8');
  const wanted = rewriteReadme(readme, results);
  if (args.includes('--check')) {
    if (wanted === readme) return 0;
    process.stderr.write(`${readmePath} differs from ${resultsPath}: run \`npm run bench:readme\`\n`);
    return 1;
  }
  if (wanted !== readme) writeFileSync(readmePath, wanted);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
