/** Plain-text tables for a terminal, aligned by how wide characters look, not how many there are. */
import { printable } from './printable';

export type Align = 'left' | 'right';

export interface Column {
  readonly title: string;
  readonly align: Align;
}

/**
 * The rows under a header, columns two spaces apart, the last column's trailing spaces trimmed.
 *
 * @example `renderTable([{ title: 'speaker', align: 'left' }, { title: 'turns', align: 'right' }], [['用户', '3']])`
 * gives `speaker  turns\n用户         3\n` (`用户` is four columns wide on a terminal).
 */
export function renderTable(columns: readonly Column[], rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((row) => row.map(printable));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.title), ...rows.map((row) => displayWidth(row[index]!))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, index) => {
        const padding = ' '.repeat(widths[index]! - displayWidth(cell));
        return columns[index]!.align === 'left' ? cell + padding : padding + cell;
      })
      .join('  ')
      .trimEnd();
  return [columns.map((column) => column.title), ...rows].map((cells) => `${line(cells)}\n`).join('');
}

// East Asian wide and fullwidth characters and emoji take two terminal columns; marks and joiners none.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
// eslint-disable-next-line no-misleading-character-class -- variation selectors are listed to be matched on their own
const ZERO_WIDTH = /[\p{M}\u200b-\u200f\ufe00-\ufe0f]/u;

/** How many terminal columns `text` takes, by the East Asian width rule terminals follow. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += ZERO_WIDTH.test(character) ? 0 : WIDE.test(character) ? 2 : 1;
  return width;
}

/** `0.4923` → `49.2%`. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
