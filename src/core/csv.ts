/**
 * CSV as RFC 4180 writes it and a spreadsheet reads it safely: the statistics page's copy and
 * `transcript stats --format csv` share it. Holds no model, so the client may import it.
 */

/** A character that makes a spreadsheet read a cell as a formula (or, tab and CR, start a new one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One text cell: a leading `'` when a spreadsheet would run it as a formula, then quoted when it holds a
 * comma, a quote or a line break, its quotes doubled.
 *
 * @example `csvField('=1+1')` is `'=1+1`; `csvField('Smith, "Jo"')` is `"Smith, ""Jo"""`.
 */
export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows of cells as CSV with CRLF line ends: text cells through `csvField`, numbers as JavaScript writes them.
 *
 * @example `csvRows([['speaker', 'turns'], ['A', 2]])` is `speaker,turns\r\nA,2\r\n`.
 */
export function csvRows(rows: readonly (readonly (string | number)[])[]): string {
  return rows
    .map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : csvField(cell))).join(',') + '\r\n')
    .join('');
}
