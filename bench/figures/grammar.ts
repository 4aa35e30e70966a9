/**
 * Grammar throughput: TextMate tokenizing with vscode-textmate and vscode-oniguruma, line by line as VS Code
 * does it (`tokenizeLine2`, each line starting from the previous line's rule stack). Ours is
 * `syntaxes/transcript.tmLanguage.json` on the transcript; the floor is a grammar with no patterns on
 * the same text (the engine's own cost); the peer is VS Code's markdown grammar on the markdown version.
 * Embedded languages (FILE blocks, fences) use the real grammars from the `tm-grammars` package for both
 * ours and markdown, as VS Code ships real ones; a scope it lacks is left out, as VS Code does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grammars as tmGrammars } from 'tm-grammars';
import textmate, { type IGrammar } from 'vscode-textmate';
import { loadGrammar, TRANSCRIPT_SCOPE } from '../../test/grammar/load-grammar.js';
import { median } from '../measure.js';
import { failure, isNumber, type Row, type Value } from '../report.js';
import type { Workload } from './workload.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// vscode-textmate is a CommonJS bundle whose named exports Node cannot see from an ES module.
const { INITIAL } = textmate;
const EMPTY_SCOPE = 'text.bench-empty';
const MARKDOWN_SCOPE = 'text.html.markdown';

interface TokenizeResult {
  readonly linesPerSecond: number;
  readonly slowestLineMs: number;
  readonly slowestLine: number;
}

/** Scope name → grammar file: the real grammars of tm-grammars, ours, and the empty one. */
function grammarFiles(cacheDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const grammar of tmGrammars) {
    files.set(grammar.scopeName, join(ROOT, 'node_modules', 'tm-grammars', 'grammars', `${grammar.name}.json`));
  }
  files.set(TRANSCRIPT_SCOPE, join(ROOT, 'syntaxes', 'transcript.tmLanguage.json'));
  const emptyPath = join(cacheDir, 'empty.tmLanguage.json');
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(emptyPath, JSON.stringify({ scopeName: EMPTY_SCOPE, patterns: [] }));
  files.set(EMPTY_SCOPE, emptyPath);
  return files;
}

/**
 * The same, with every embedded language a grammar without rules: what our rules and markdown's own
 * cost, without the embedded languages' grammars (which VS Code ships, not this project).
 */
function stubbedFiles(files: Map<string, string>, cacheDir: string): Map<string, string> {
  const stubDir = join(cacheDir, 'stub-grammars');
  mkdirSync(stubDir, { recursive: true });
  const stubbed = new Map<string, string>();
  for (const [scope, path] of files) {
    if (scope === TRANSCRIPT_SCOPE || scope === MARKDOWN_SCOPE || scope === EMPTY_SCOPE) {
      stubbed.set(scope, path);
      continue;
    }
    const stubPath = join(stubDir, `${scope}.json`);
    writeFileSync(stubPath, JSON.stringify({ scopeName: scope, patterns: [] }));
    stubbed.set(scope, stubPath);
  }
  return stubbed;
}

/** Tokenizes every line in order; returns the total ms and, in `lineMs`, each line's own time. */
function tokenizeAll(grammar: IGrammar, lines: readonly string[], lineMs?: Float64Array): number {
  let ruleStack = INITIAL;
  const start = performance.now();
  for (let line = 0; line < lines.length; line++) {
    const lineStart = performance.now();
    ruleStack = grammar.tokenizeLine2(lines[line]!, ruleStack).ruleStack;
    if (lineMs) lineMs[line] = performance.now() - lineStart;
  }
  return performance.now() - start;
}

/**
 * Median lines/s over the runs, after a short warm-up. The slowest line is the line whose best time
 * over the runs is worst: a garbage collection lands on a different line each run, a slow line is
 * slow every time.
 */
async function measure(
  files: Map<string, string>,
  scope: string,
  lines: readonly string[],
  runs: number,
): Promise<TokenizeResult | Value> {
  try {
    const grammar = await loadGrammar(scope, files);
    tokenizeAll(grammar, lines.slice(0, 5_000));
    const bestLineMs = new Float64Array(lines.length).fill(Infinity);
    const lineMs = new Float64Array(lines.length);
    const totals: number[] = [];
    for (let run = 0; run < runs; run++) {
      totals.push(tokenizeAll(grammar, lines, lineMs));
      for (let line = 0; line < lines.length; line++) bestLineMs[line] = Math.min(bestLineMs[line]!, lineMs[line]!);
    }
    let slowestLine = 0;
    for (let line = 1; line < lines.length; line++)
      if (bestLineMs[line]! > bestLineMs[slowestLine]!) slowestLine = line;
    return {
      linesPerSecond: lines.length / (median(totals) / 1e3),
      slowestLineMs: bestLineMs[slowestLine]!,
      slowestLine,
    };
  } catch (error) {
    return failure(error);
  }
}

function isResult(value: TokenizeResult | Value): value is TokenizeResult {
  return typeof value === 'object' && value !== null && 'linesPerSecond' in value;
}

export async function grammarFigures(workload: Workload, cacheDir: string, runs: number): Promise<Row[]> {
  const files = grammarFiles(cacheDir);
  const transcriptLines = workload.text.split(/\r\n|\r|\n/);
  const markdownLines = workload.markdown.split(/\r\n|\r|\n/);
  const ours = await measure(files, TRANSCRIPT_SCOPE, transcriptLines, runs);
  const floor = await measure(files, EMPTY_SCOPE, transcriptLines, runs);
  const peer = workload.withPeers ? await measure(files, MARKDOWN_SCOPE, markdownLines, runs) : null;
  const stubs = stubbedFiles(files, cacheDir);
  const oursAlone = await measure(stubs, TRANSCRIPT_SCOPE, transcriptLines, runs);
  const peerAlone = workload.withPeers ? await measure(stubs, MARKDOWN_SCOPE, markdownLines, runs) : null;

  const rate = (value: TokenizeResult | Value): Value => (isResult(value) ? value.linesPerSecond : value);
  const slowest = (value: TokenizeResult | Value): Value => (isResult(value) ? value.slowestLineMs : value);
  const oursRate = rate(ours);
  const floorRate = rate(floor);
  const peerRate = rate(peer);
  const target = workload.isTargetSize;
  return [
    {
      id: `grammar.lines-per-second.${workload.label}`,
      figure: `TextMate grammar lines/s, ${workload.label}`,
      unit: 'lines/s',
      ours: oursRate,
      floor: floorRate,
      peer: peerRate,
      target: target ? '≥70% of empty grammar; ≥4× markdown grammar' : '',
      met:
        target && isNumber(oursRate) && isNumber(floorRate) && isNumber(peerRate)
          ? oursRate >= 0.7 * floorRate && oursRate >= 4 * peerRate
          : null,
      note: `${transcriptLines.length} transcript lines, ${markdownLines.length} markdown lines; embedded languages from tm-grammars (real grammars, not stubs)`,
    },
    {
      id: `grammar.own-rules.${workload.label}`,
      figure: `TextMate lines/s, embedded languages stubbed, ${workload.label}`,
      unit: 'lines/s',
      ours: rate(oursAlone),
      floor: floorRate,
      peer: rate(peerAlone),
      target: '',
      met: null,
      note: "every embedded language a grammar without rules, in ours and in markdown: the cost of the two grammars' own rules",
    },
    {
      id: `grammar.slowest-line.${workload.label}`,
      figure: `TextMate slowest single line, ${workload.label}`,
      unit: 'ms',
      ours: slowest(ours),
      floor: slowest(floor),
      peer: slowest(peer),
      target: target ? '≤ 5 ms' : '',
      met: target && isNumber(slowest(ours)) ? (slowest(ours) as number) <= 5 : null,
      note: isResult(ours)
        ? `ours: line ${ours.slowestLine + 1}: ${JSON.stringify(transcriptLines[ours.slowestLine]!.slice(0, 60))}`
        : undefined,
    },
  ];
}
