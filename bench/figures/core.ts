/**
 * Core analysis, in process: the core's full analysis (parse, symbols, diagnostics, folding) against the
 * floor (one `indexOf('\n')` pass over the text) and vscode-markdown-languageservice on the markdown
 * version of the same content; plus the core's reparse after a one-character edit.
 */
import { diagnostics } from '../../src/core/diagnostics.js';
import { foldingRanges } from '../../src/core/folding.js';
import { parseTranscript } from '../../src/core/parse.js';
import { applyChange } from '../../src/core/reparse.js';
import { documentSymbols } from '../../src/core/symbols.js';
import { median, megabytesPerSecond, timeRuns } from '../measure.js';
import { markdownServiceFullAnalysis, markdownServiceSymbols } from '../peers/markdown-service.js';
import { failure, isNumber, type Row, type Value } from '../report.js';
import { transcriptEditSite } from '../sites.js';
import type { Workload } from './workload.js';

const URI = 'file:///bench/transcript.txt';

/** The floor: the least any line-based analysis must do, one pass finding every line end. */
export function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

function analyse(text: string): number {
  const model = parseTranscript(text);
  return documentSymbols(model).length + diagnostics(model, URI).length + foldingRanges(model).length;
}

async function medianMs(runs: number, warmups: number, run: () => unknown): Promise<Value> {
  try {
    return median(await timeRuns(runs, warmups, run));
  } catch (error) {
    return failure(error);
  }
}

export async function coreFigures(workload: Workload): Promise<Row[]> {
  const { text, markdown, bytes, label } = workload;
  const { runs, peerRuns, warmups } = workload;
  const oursMs = await medianMs(runs, warmups, () => analyse(text));
  const floorMs = await medianMs(runs, warmups, () => countLines(text));
  const peerSymbolsMs = workload.withPeers
    ? await medianMs(peerRuns, warmups, () => markdownServiceSymbols(markdown))
    : null;
  const peerFullMs = workload.withPeers
    ? await medianMs(peerRuns, warmups, () => markdownServiceFullAnalysis(markdown))
    : null;

  const throughput = (ms: Value): Value => (isNumber(ms) ? megabytesPerSecond(bytes, ms) : ms);
  const isTargetSize = workload.isTargetSize;
  const analysisMet =
    isTargetSize && isNumber(oursMs) && isNumber(floorMs) && isNumber(peerSymbolsMs)
      ? oursMs <= 3 * floorMs && peerSymbolsMs >= 20 * oursMs
      : null;

  const model = parseTranscript(text);
  const site = transcriptEditSite(model);
  const edit = { range: { start: site, end: site }, text: 'a' };
  const reparseMs = await medianMs(runs, warmups, () => {
    const edited = applyChange(model, edit);
    return documentSymbols(edited).length + diagnostics(edited, URI).length;
  });

  return [
    {
      id: `core.analysis.${label}`,
      figure: `core parse+symbols+diagnostics+folding, ${label}`,
      unit: 'MB/s',
      ours: throughput(oursMs),
      floor: throughput(floorMs),
      peer: throughput(peerSymbolsMs),
      target: isTargetSize ? 'time ≤3× floor scan; ≥20× faster than md service symbols' : '',
      met: analysisMet,
      note: isTargetSize
        ? `ours ${fmt(oursMs)} ms, floor scan ${fmt(floorMs)} ms, md service symbols ${fmt(peerSymbolsMs)} ms (peer parses the markdown version; MB/s are of the transcript's UTF-8 bytes in every column)`
        : undefined,
    },
    {
      id: `core.analysis-vs-markdown-full.${label}`,
      figure: `core analysis vs md service symbols+diagnostics+folding, ${label}`,
      unit: 'ms',
      ours: oursMs,
      floor: floorMs,
      peer: peerFullMs,
      target: '',
      met: null,
    },
    {
      id: `core.reparse.${label}`,
      figure: `core reparse after 1-char edit + symbols + diagnostics, ${label}`,
      unit: 'ms',
      ours: reparseMs,
      floor: floorMs,
      peer: null,
      target: '',
      met: null,
    },
  ];
}

function fmt(value: Value): string {
  return isNumber(value) ? value.toFixed(1) : value === null ? 'n/a' : `failed (${value.failed})`;
}
