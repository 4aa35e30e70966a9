/**
 * The statistics page's numbers as text to paste elsewhere: CSV for a spreadsheet, JSON for a
 * script. A pure function of the server's answer, with no `vscode` import.
 */
import { csvRows } from '../core/csv';
import type { DocumentStatistics, SpeakerStatistics } from './statistics-html';

/** The CSV columns, named as the JSON's fields are, so that both read the same in a script. */
const COLUMNS: readonly (keyof SpeakerStatistics)[] = [
  'speaker',
  'turns',
  'words',
  'cjk',
  'other',
  'share',
  'averageWordsPerTurn',
  'fileBlocks',
  'codeLines',
];

/**
 * One header row and one row per speaker, RFC 4180 quoting, CRLF line ends. A speaker name a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) gets a
 * leading `'`, so pasting a transcript's names into a sheet never runs them.
 *
 * @example A speaker `A` with 2 turns of 10 words gives the row `A,2,10,…`.
 */
export function statisticsCsv(statistics: DocumentStatistics): string {
  // A tokens column only when tokens were counted: an empty one would read as zero in a sheet.
  const columns = statistics.tokens === undefined ? COLUMNS : [...COLUMNS, 'tokens' as const];
  return csvRows([columns, ...statistics.speakers.map((row) => columns.map((column) => row[column] ?? 0))]);
}

/** The statistics as the server gave them, indented. */
export function statisticsJson(statistics: DocumentStatistics): string {
  return `${JSON.stringify(statistics, null, 2)}\n`;
}
