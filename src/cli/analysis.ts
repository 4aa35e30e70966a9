/**
 * The work done on one file, in a worker thread or in process: what `check` and `stats` need from it,
 * as plain data that can cross a `postMessage`. Built on the same core functions the language server
 * calls, so the CLI and the editor report the same thing.
 */
import { problems } from '../core/diagnostics';
import type { Transcript } from '../core/model';
import { problemMessage, relatedMessage } from '../core/messages';
import { ENGLISH } from '../core/messages-en';
import type { ProblemCode, Severity, Span, TurnTotals } from '../core/model';
import { exportText, type ExportResult, type ExportSettings } from './export-file';
import { fixFile, type FixResult } from './fix-file';
import { parseTranscript } from '../core/parse';
import type { Range } from '../core/lines';
import { speakerTotals } from '../core/speakers';
import { type TokenEncoding, tokenTotals } from '../core/tokens';
import { isTranscriptFile } from '../core/transcript-files';
import { readTranscriptFile } from './read';
import { tokenCounter } from './tokens';

/** 1-based line and column; columns count UTF-16 code units, as VS Code and LSP do. End is exclusive. */
export interface Place {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface CliDiagnostic extends Place {
  readonly severity: Severity;
  readonly code: ProblemCode;
  readonly message: string;
  /** Other places in the same file that explain the problem (the first of two duplicate paths, …). */
  readonly related?: readonly (Place & { readonly message: string })[];
}

/** Turns and words of one speaker; `words` is `cjk + other`; `tokens` when they were counted. */
export interface SpeakerCount extends TurnTotals {
  readonly speaker: string;
  readonly tokens?: number;
}

export interface FileStats extends TurnTotals {
  readonly tokens?: number;
  /** In order of first appearance. */
  readonly speakers: readonly SpeakerCount[];
}

export type TaskKind = 'check' | 'stats' | 'export' | 'fix';

export interface TaskResults {
  check: CliDiagnostic[];
  stats: FileStats;
  export: ExportResult;
  fix: FixResult;
}

/** What a task needs besides the text: `export`'s and `fix`'s options, the encoding `stats` counts tokens in. */
export interface TaskSettings {
  readonly export?: ExportSettings | undefined;
  readonly fix?: { readonly dryRun: boolean } | undefined;
  readonly tokens?: TokenEncoding | undefined;
}

/**
 * What became of one file: its result, or why there is none. `skipped` files are not transcripts
 * (binary, not UTF-8) and do not fail a run; `failed` ones could not be read or checked, which does.
 * `passed over` files were found in a folder and are text, but not transcripts (`isTranscriptFile`);
 * nothing is said of them, as the editor says nothing of such a file.
 */
export type FileOutcome<K extends TaskKind> =
  | { readonly status: 'done'; readonly path: string; readonly result: TaskResults[K] }
  | { readonly status: 'passed over'; readonly path: string }
  | { readonly status: 'skipped' | 'failed'; readonly path: string; readonly reason: string };

/**
 * The diagnostics of a transcript: the problems the language server publishes, with the same ranges
 * (`rangeOf`, as its `toDiagnostic` computes them), made 1-based, and their English messages.
 */
export function checkText(text: string): CliDiagnostic[] {
  return diagnosticsOf(parseTranscript(text));
}

/** `checkText` of a transcript already parsed. */
export function diagnosticsOf(model: Transcript): CliDiagnostic[] {
  const placeOf = (span: Span): Place => toPlace(model.lines.rangeOf(span.start, span.end));
  return problems(model).map((problem): CliDiagnostic => {
    const diagnostic = {
      ...placeOf(problem.span),
      severity: problem.severity,
      code: problem.code,
      message: problemMessage(ENGLISH, problem),
    };
    if (!problem.related) return diagnostic;
    return {
      ...diagnostic,
      related: problem.related.map((place) => ({ ...placeOf(place.span), message: relatedMessage(ENGLISH, place) })),
    };
  });
}

function toPlace(range: Range): Place {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * Turns and words per speaker, counted as the hover and the outline count them; tokens too, with
 * `tokens`, as the hover counts them.
 */
export function statsOfText(text: string, tokens?: TokenEncoding): FileStats {
  const model = parseTranscript(text);
  const totals = speakerTotals(model);
  const counted = tokens === undefined ? undefined : tokenTotals(model, tokenCounter(tokens));
  const speakers: SpeakerCount[] = [];
  let turns = 0;
  let cjk = 0;
  let other = 0;
  for (const [speaker, count] of totals.speakers) {
    speakers.push(counted ? { speaker, ...count, tokens: counted.speakers.get(speaker)! } : { speaker, ...count });
    turns += count.turns;
    cjk += count.cjk;
    other += count.other;
  }
  const stats = { turns, words: totals.words, cjk, other };
  return counted ? { ...stats, tokens: counted.tokens, speakers } : { ...stats, speakers };
}

const ANALYSERS: { [K in TaskKind]: (text: string, path: string, settings: TaskSettings) => TaskResults[K] } = {
  check: checkText,
  stats: (text, _path, settings) => statsOfText(text, settings.tokens),
  export: (text, path, settings) => exportText(path, text, settings.export!),
  fix: (text, path, settings) => fixFile(path, text, settings.fix?.dryRun ?? true),
};

/** Analyses text already in memory (standard input). */
export function analyseText<K extends TaskKind>(
  kind: K,
  path: string,
  text: string,
  settings: TaskSettings = {},
): FileOutcome<K> {
  return { status: 'done', path, result: ANALYSERS[kind](text, path, settings) };
}

/**
 * Reads and analyses one file; never throws for a bad file, so one cannot stop a run over thousands.
 * A file `searched` for in a folder is passed over unless it is a transcript.
 */
export function analyseFile<K extends TaskKind>(
  kind: K,
  path: string,
  maxBytes: number,
  searched = false,
  settings: TaskSettings = {},
): FileOutcome<K> {
  const read = readTranscriptFile(path, maxBytes);
  if (!read.ok) return { status: read.problem, path, reason: read.reason };
  if (searched && !isTranscriptFile(path, read.text)) return { status: 'passed over', path };
  return analyseText(kind, path, read.text, settings);
}
