/** `check --format json`: every file checked with its diagnostics, the files left out, and the totals. */
import type { CheckReport } from './check';
import { CLI_VERSION } from './io';

/** The JSON report. Positions are 1-based with UTF-16 columns and exclusive ends, as in the text output. */
export function jsonReport(report: CheckReport): string {
  return `${JSON.stringify({ tool: { name: 'transcript', version: CLI_VERSION }, ...report }, null, 2)}\n`;
}
