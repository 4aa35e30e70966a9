/**
 * Token counts: the core's count of every turn (`tokenTotals`, o200k_base) against gpt-tokenizer's own
 * `countTokens` over the same turn texts, already cut out (the floor: what any exact count must pay);
 * the server's first hover on a tag with tokens, which loads the tokenizer, against one with tokens off;
 * and hover with tokens over stdio, first (counting the whole document) and warm.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { turnContent } from '../../src/core/conversation.js';
import type { Position } from '../../src/core/lines.js';
import { parseTranscript } from '../../src/core/parse.js';
import { counter } from '../../src/core/tokenizers/o200k_base.js';
import { type TokenCounter, tokenTotals } from '../../src/core/tokens.js';
import { LspClient, nodeServer } from '../../test/support/lsp-client.js';
import { median, megabytesPerSecond, timeRuns } from '../measure.js';
import { failure, isNumber, type Row, type Value } from '../report.js';
import { TOKENS_OFF } from './stdio.js';
import type { Workload } from './workload.js';

const ORDINARY = { disallowedSpecial: new Set<string>() };
const URI = 'file:///bench/tokens.txt';

/** A tokenizer with caches of its own: each run counts every turn afresh. */
const fresh = (): TokenCounter => ({ encoding: counter.encoding, count: counter.count });

/** Tokens per second, in millions, and the core's count against the package's on the same texts. */
async function throughputRow(workload: Workload): Promise<Row> {
  const model = parseTranscript(workload.text);
  const contents: string[] = [];
  for (const turn of model.turns) contents.push(turnContent(model, turn));
  const tokens = contents.reduce((sum, content) => sum + countTokens(content, ORDINARY), 0);
  // Taking turns, the fastest of each: on a shared machine one count of 10 MiB varies threefold from run to
  // run, and the fastest is the least disturbed, with both exposed to the same spells of load.
  let oursMs: Value = Infinity;
  let floorMs: Value = Infinity;
  try {
    for (let run = 0; run < workload.warmups + workload.runs; run++) {
      const [ours] = await timeRuns(1, 0, () => tokenTotals(model, fresh()).tokens);
      const [floor] = await timeRuns(1, 0, () => {
        let sum = 0;
        for (const content of contents) sum += countTokens(content, ORDINARY);
        return sum;
      });
      if (run < workload.warmups) continue;
      oursMs = Math.min(oursMs, ours!);
      floorMs = Math.min(floorMs, floor!);
    }
  } catch (error) {
    oursMs = floorMs = failure(error);
  }
  const perSecond = (ms: Value): Value => (isNumber(ms) ? tokens / 1e6 / (ms / 1e3) : ms);
  const ours = perSecond(oursMs);
  const floor = perSecond(floorMs);
  return {
    id: `tokens.count.${workload.label}`,
    figure: `token count of every turn (o200k_base), ${workload.label}`,
    unit: 'M tokens/s',
    ours,
    floor,
    peer: null,
    target: '≥ 0.9× gpt-tokenizer on the same texts (fastest runs)',
    met: isNumber(ours) && isNumber(floor) ? ours >= 0.9 * floor : null,
    note:
      `${tokens.toLocaleString('en-US')} tokens; ours ${fmt(oursMs)} ms (${fmt(isNumber(oursMs) ? megabytesPerSecond(workload.bytes, oursMs) : oursMs)} MB/s of the transcript), ` +
      `gpt-tokenizer ${fmt(floorMs)} ms on the turn texts already cut out`,
  };
}

/** What `require` of the tokenizer bundle costs in a fresh Node, in ms. */
function requireMs(root: string): Value {
  const script = `const t = performance.now(); require(${JSON.stringify(join(root, 'dist', 'tokenizer-o200k_base.js'))}); process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return run.status === 0 ? Number(run.stdout) : failure(run.stderr);
}

/**
 * The first hover on a tag of a small transcript in a fresh server, with tokens (it loads the tokenizer)
 * and with tokens off; each the median of `runs` servers.
 */
async function firstRequestRows(root: string, text: string, site: Position, runs: number): Promise<Row[]> {
  const firstHover = async (tokens: boolean): Promise<number> => {
    const server = await LspClient.start({ server: nodeServer([], join(root, 'dist', 'server.js')) });
    try {
      if (!tokens) await server.notify('workspace/didChangeConfiguration', TOKENS_OFF);
      await server.open(URI, text);
      await server.symbols(URI);
      const start = performance.now();
      await server.hover(URI, site.line, site.character);
      return performance.now() - start;
    } finally {
      server.dispose();
    }
  };
  let on: Value;
  let off: Value;
  try {
    const times = { on: [] as number[], off: [] as number[] };
    for (let run = 0; run < runs; run++) {
      times.on.push(await firstHover(true));
      times.off.push(await firstHover(false));
    }
    [on, off] = [median(times.on), median(times.off)];
  } catch (error) {
    on = off = failure(error);
  }
  const loaded = requireMs(root);
  return [
    {
      id: 'tokens.first-request',
      figure: 'first hover on a tag with tokens, fresh server (loads o200k_base)',
      unit: 'ms',
      ours: on,
      floor: off,
      peer: null,
      target: '',
      met: null,
      note: `floor: the same hover with tokens off; require of dist/tokenizer-o200k_base.js alone in a fresh Node: ${fmt(loaded)} ms; paid once per server`,
    },
  ];
}

/** Hover with tokens over stdio: the first counts every turn, the warm ones look the totals up. */
async function hoverRows(root: string, workload: Workload, sites: readonly Position[]): Promise<Row[]> {
  const sizeMiB = workload.bytes / 2 ** 20;
  const timeoutMs = Math.max(60_000, sizeMiB * 6_000);
  const first: number[] = [];
  const warm: number[] = [];
  let failed: Value | undefined;
  for (let run = 0; run < Math.min(workload.runs, 3) && !failed; run++) {
    let server: LspClient | undefined;
    try {
      server = await LspClient.start({ server: nodeServer([], join(root, 'dist', 'server.js')), timeoutMs });
      await server.open(URI, workload.text);
      await server.symbols(URI);
      const [firstSite, ...rest] = sites;
      let start = performance.now();
      await server.hover(URI, firstSite!.line, firstSite!.character);
      first.push(performance.now() - start);
      for (const site of rest) {
        start = performance.now();
        await server.hover(URI, site.line, site.character);
        warm.push(performance.now() - start);
      }
    } catch (error) {
      failed = failure(error);
    } finally {
      server?.dispose();
    }
  }
  const target = sizeMiB >= 100 ? '< 20 ms' : '';
  const warmValue = failed ?? (warm.length ? median(warm) : null);
  return [
    {
      id: `tokens.hover-first.${workload.label}`,
      figure: `stdio hover on a tag with tokens (first: counts the document), ${workload.label}`,
      unit: 'ms',
      ours: failed ?? (first.length ? median(first) : null),
      floor: null,
      peer: null,
      target: '',
      met: null,
      note: 'the first hover loads the tokenizer and counts every turn, a slice at a time between other requests',
    },
    {
      id: `tokens.hover-warm.${workload.label}`,
      figure: `stdio hover on a tag with tokens (warm), ${workload.label}`,
      unit: 'ms',
      ours: warmValue,
      floor: null,
      peer: null,
      target,
      met: target && isNumber(warmValue) ? warmValue < 20 : null,
      note: "median over other turns' tags after the first",
    },
  ];
}

/** `smallest`: the first size of the run, where the first request is measured, on the first seed. */
export async function tokenFigures(
  root: string,
  workload: Workload,
  sites: readonly Position[],
  smallest: boolean,
): Promise<Row[]> {
  const rows: Row[] = [];
  if (smallest) {
    const seeds = join(root, 'seeds');
    const seed = readdirSync(seeds)
      .filter((name) => name.endsWith('.txt'))
      .sort()[0]!;
    const text = readFileSync(join(seeds, seed), 'utf8');
    rows.push(...(await firstRequestRows(root, text, { line: 0, character: 1 }, workload.runs)));
  }
  if (workload.isTargetSize) rows.push(await throughputRow(workload));
  rows.push(...(await hoverRows(root, workload, sites)));
  return rows;
}

function fmt(value: Value): string {
  return isNumber(value) ? value.toFixed(value < 10 ? 1 : 0) : '—';
}
