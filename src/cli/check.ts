/** `transcript check`: the language server's diagnostics for many files, for CI and the terminal. */
import type { CliDiagnostic } from './analysis';
import type { DiscoveryOptions } from './files';
import { jsonReport } from './format-json';
import { sarifReport } from './format-sarif';
import { diagnosticLine, summaryLine, tooManyWarningsLine } from './format-text';
import { complain, EXIT, GatheredWriter, type Io } from './io';
import { analyseInputs, discoverInputs } from './run-files';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckOptions extends DiscoveryOptions {
  readonly paths: readonly string[];
  readonly format: CheckFormat;
  /** More warnings than this fail the run, as ESLint's option of the same name does. */
  readonly maxWarnings?: number | undefined;
  readonly jobs?: number | undefined;
  readonly stdinName: string;
  /** The largest file read (`--max-size`). */
  readonly maxBytes: number;
  /** The folder SARIF paths are relative to. */
  readonly cwd: string;
}

export interface CheckedFile {
  readonly path: string;
  readonly diagnostics: readonly CliDiagnostic[];
}

/** A file that was not checked, and why. */
export interface Unchecked {
  readonly path: string;
  readonly reason: string;
}

export interface CheckTotals {
  /** Files checked. */
  files: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Not read as transcripts: binary, not UTF-8, over the size limit, or not a regular file. */
  skipped: number;
  /** Could not be read. */
  failed: number;
}

export interface CheckReport {
  readonly files: CheckedFile[];
  readonly skipped: Unchecked[];
  readonly failed: Unchecked[];
  readonly summary: CheckTotals;
}

/**
 * Checks every input and prints the report. Returns the exit code: 0 without errors, 1 with errors or
 * too many warnings, 2 when a path could not be read (its message names it).
 */
export async function runCheck(options: CheckOptions, io: Io): Promise<number> {
  const discovery = discoverInputs(options, io);
  if (!discovery) return EXIT.trouble;
  const report: CheckReport = {
    files: [],
    skipped: [],
    failed: [],
    summary: { files: 0, errors: 0, warnings: 0, information: 0, hints: 0, skipped: 0, failed: 0 },
  };
  const totals = report.summary;
  for (const failure of discovery.failures) {
    report.failed.push(failure);
    totals.failed++;
  }

  const stdoutIsTerminal = (io.stdout as NodeJS.WriteStream).isTTY === true;
  const lines = stdoutIsTerminal ? io.stdout : new GatheredWriter(io.stdout);
  await analyseInputs(
    'check',
    discovery,
    io,
    { jobs: options.jobs, stdinName: options.stdinName, activity: 'checking', maxBytes: options.maxBytes },
    (outcome) => {
      if (outcome.status === 'passed over') return;
      if (outcome.status !== 'done') {
        complain(io, `${outcome.status === 'skipped' ? 'skipped' : 'cannot read'} ${outcome.path}: ${outcome.reason}`);
        report[outcome.status].push({ path: outcome.path, reason: outcome.reason });
        totals[outcome.status]++;
        return;
      }
      totals.files++;
      for (const diagnostic of outcome.result) {
        if (diagnostic.severity === 'error') totals.errors++;
        else if (diagnostic.severity === 'warning') totals.warnings++;
        else if (diagnostic.severity === 'information') totals.information++;
        else totals.hints++;
      }
      // Text streams out file by file; the machine formats are one document, written at the end.
      if (options.format !== 'text') report.files.push({ path: outcome.path, diagnostics: outcome.result });
      else for (const diagnostic of outcome.result) lines.write(`${diagnosticLine(outcome.path, diagnostic)}\n`);
    },
  );
  if (lines instanceof GatheredWriter) lines.flush();

  const tooManyWarnings = options.maxWarnings !== undefined && totals.warnings > options.maxWarnings;
  if (options.format === 'json') io.stdout.write(jsonReport(report));
  else if (options.format === 'sarif') io.stdout.write(sarifReport(report, options.cwd));
  else io.stdout.write(`${summaryLine(totals)}\n`);
  // On standard error for the machine formats, whose standard output must stay one JSON document.
  if (tooManyWarnings)
    (options.format === 'text' ? io.stdout : io.stderr).write(
      `${tooManyWarningsLine(totals.warnings, options.maxWarnings)}\n`,
    );

  if (totals.failed) return EXIT.trouble;
  return totals.errors || tooManyWarnings ? EXIT.problems : EXIT.ok;
}
