/**
 * The statistics page as HTML: a pure function of the numbers, with no `vscode` import, so that
 * what the webview shows can be checked without a window. Every string from the document is
 * escaped; the page runs no script and loads nothing.
 */

// The shape of the server's `transcript/statistics` answer; a type-only import, erased from the bundle.
import type { DocumentStatistics, SpeakerStatistics } from '../core/statistics';

export type { DocumentStatistics, SpeakerStatistics };

/** The page's words, already translated by the caller. */
export interface StatisticsLabels {
  readonly heading: string;
  /** The totals line, from the formatted numbers of turns and words. */
  readonly summary: (turns: string, words: string) => string;
  readonly speaker: string;
  readonly turns: string;
  readonly words: string;
  readonly cjk: string;
  readonly other: string;
  readonly share: string;
  readonly averageWordsPerTurn: string;
  readonly fileBlocks: string;
  readonly codeLines: string;
  /** The tokens column's heading. */
  readonly tokens: string;
  /** After the totals line when tokens were counted: the formatted total and the encoding's name. */
  readonly tokenSummary: (tokens: string, encoding: string) => string;
  readonly chart: string;
  readonly empty: string;
  readonly copyCsv: string;
  readonly copyJson: string;
}

/** The commands the page's links run: the only command URIs its webview allows. */
export const COPY_COMMANDS = {
  csv: 'transcript.copyStatisticsAsCsv',
  json: 'transcript.copyStatisticsAsJson',
} as const;

export interface StatisticsPage {
  /** The document's name, shown as the title. */
  readonly title: string;
  readonly statistics: DocumentStatistics;
  readonly labels: StatisticsLabels;
  /** CSS colour of each speaker's bar, in order; a speaker beyond the list gets the foreground colour. */
  readonly colors: readonly string[];
  /** A fresh random value per rendering that lets the page's one style element through the policy. */
  readonly nonce: string;
  /** BCP 47 language for number formatting, `vscode.env.language`. */
  readonly locale: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/**
 * The policy: nothing may load or run except the page's own style element. Inline `style`
 * attributes are blocked too, which is why the bar widths are classes in that element.
 */
function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; form-action 'none'; frame-src 'none'`;
}

export function renderStatisticsHtml(page: StatisticsPage): string {
  const { statistics, labels, colors, nonce } = page;
  const integer = new Intl.NumberFormat(page.locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(page.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(page.locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const words = labels.summary(integer.format(statistics.turns), integer.format(statistics.words));
  const counted = statistics.tokens !== undefined && statistics.encoding !== undefined;
  const summary = counted
    ? `${words} · ${labels.tokenSummary(integer.format(statistics.tokens), statistics.encoding)}`
    : words;

  // Numbers and palette colours only: no document text ever reaches the style element.
  const barStyles = statistics.speakers.map(
    (row, index) =>
      `.bar-${index} { width: ${(row.share * 100).toFixed(2)}%; background: ${colors[index] ?? 'var(--vscode-foreground)'}; }`,
  );

  const headers = [
    labels.speaker,
    labels.turns,
    labels.words,
    labels.cjk,
    labels.other,
    labels.share,
    labels.averageWordsPerTurn,
    labels.fileBlocks,
    labels.codeLines,
    ...(counted ? [labels.tokens] : []),
  ];
  const rows = statistics.speakers.map((row) =>
    [
      `<th scope="row">${escapeHtml(row.speaker)}</th>`,
      ...[
        integer.format(row.turns),
        integer.format(row.words),
        integer.format(row.cjk),
        integer.format(row.other),
        percent.format(row.share),
        decimal.format(row.averageWordsPerTurn),
        integer.format(row.fileBlocks),
        integer.format(row.codeLines),
        ...(counted ? [integer.format(row.tokens ?? 0)] : []),
      ].map((cell) => `<td>${cell}</td>`),
    ].join(''),
  );
  const bars = statistics.speakers.map(
    (row, index) =>
      `<div class="bar-row"><span class="bar-label">${escapeHtml(row.speaker)}</span>` +
      `<span class="bar-track"><span class="bar bar-${index}"></span></span>` +
      `<span class="bar-value">${percent.format(row.share)}</span></div>`,
  );

  const body =
    statistics.speakers.length === 0
      ? `<p>${escapeHtml(labels.empty)}</p>`
      : `<div class="table"><table>
<thead><tr>${headers.map((header, index) => `<th scope="col"${index === 0 ? '' : ' class="number"'}>${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row}</tr>`).join('\n')}
</tbody>
</table></div>
<h2>${escapeHtml(labels.chart)}</h2>
<div class="chart">
${bars.join('\n')}
</div>`;

  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(labels.heading)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px; }
h1 { font-size: 1.3em; font-weight: 600; overflow-wrap: break-word; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.5em; }
.table { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); }
th { text-align: left; font-weight: 600; }
td, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.number { white-space: normal; }
tbody th { white-space: nowrap; }
.actions a { color: var(--vscode-textLink-foreground); }
.chart { display: grid; gap: 6px; max-width: 640px; }
.bar-row { display: grid; grid-template-columns: minmax(6em, 12em) 1fr 4.5em; gap: 8px; align-items: center; }
.bar-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar-track { height: 12px; background: var(--vscode-editorWidget-background, transparent); border: 1px solid var(--vscode-editorWidget-border, transparent); }
.bar { display: block; height: 100%; }
.bar-value { text-align: right; font-variant-numeric: tabular-nums; }
${barStyles.join('\n')}
</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(summary)}</p>
<p class="actions"><a href="command:${COPY_COMMANDS.csv}">${escapeHtml(labels.copyCsv)}</a> · <a href="command:${COPY_COMMANDS.json}">${escapeHtml(labels.copyJson)}</a></p>
${body}
</body>
</html>
`;
}
