/** `check`'s default output: one line per diagnostic, as editors' problem matchers read them. */
import { formatCount, plural } from '../core/format';
import type { Severity } from '../core/model';
import type { CliDiagnostic } from './analysis';
import type { CheckTotals } from './check';
import { printable } from './printable';

/** `info` rather than `information`: the word VS Code's problem matchers (and most others) recognise. */
const SEVERITY_WORDS: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
};

/**
 * `path:line:column: severity code message`, 1-based, the column in UTF-16 code units.
 *
 * @example `seeds/a.txt:3:1: error file-block/stray-closer This FILE>>> closes nothing…`
 */
export function diagnosticLine(path: string, diagnostic: CliDiagnostic): string {
  // A message on one line keeps the one-line-per-diagnostic contract that matchers rely on; a line
  // break inside a quoted path is shown escaped by `printable`, like any other control.
  const message = diagnostic.message.replace(/\s*[\r\n]+\s*/g, ' ');
  return printable(
    `${path}:${diagnostic.line}:${diagnostic.column}: ${SEVERITY_WORDS[diagnostic.severity]} ${diagnostic.code} ${message}`,
  );
}

/**
 * The closing line of a text report.
 *
 * @example `2 files checked: 1 error, 3 warnings, 2 info.`
 */
export function summaryLine(totals: CheckTotals): string {
  const counts = [plural(totals.errors, 'error'), plural(totals.warnings, 'warning')];
  if (totals.information) counts.push(`${formatCount(totals.information)} info`);
  if (totals.hints) counts.push(plural(totals.hints, 'hint'));
  const problems = totals.errors + totals.warnings + totals.information + totals.hints;
  let line = `${plural(totals.files, 'file')} checked: ${problems === 0 ? 'no problems' : counts.join(', ')}.`;
  if (totals.skipped) line += ` ${formatCount(totals.skipped)} skipped (binary, not UTF-8, too large or not a file).`;
  if (totals.failed) line += ` ${formatCount(totals.failed)} could not be read.`;
  return line;
}

/** Said when `--max-warnings` is exceeded, as ESLint says it. */
export function tooManyWarningsLine(warnings: number, maxWarnings: number): string {
  return `Too many warnings: ${formatCount(warnings)}, more than --max-warnings ${formatCount(maxWarnings)} allows.`;
}
