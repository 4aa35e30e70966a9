/**
 * Transcript: Show Statistics — a webview beside the editor with a table per speaker and a bar
 * chart of their shares. It follows the active transcript and re-renders as it changes. The page
 * is rendered here (statistics-html.ts) and runs no script.
 */
import * as vscode from 'vscode';
import { Debouncer } from './debounce';
import type { TranscriptRequests } from './requests';
import { SPEAKER_PALETTE } from './speaker-colors';
import { statisticsCsv, statisticsJson } from './statistics-export';
import { COPY_COMMANDS, renderStatisticsHtml, type DocumentStatistics, type StatisticsLabels } from './statistics-html';
import { nonce } from './nonce';
import { baseName } from './uri-path';

/** `charts.blue` → `var(--vscode-charts-blue)`: webviews get every theme colour as a CSS variable. */
function cssColor(themeColor: string): string {
  return `var(--vscode-${themeColor.replace(/\./g, '-')})`;
}

function labels(): StatisticsLabels {
  return {
    heading: vscode.l10n.t('Transcript Statistics'),
    summary: (turns, words) => vscode.l10n.t('{0} turns, {1} words', turns, words),
    speaker: vscode.l10n.t('Speaker'),
    turns: vscode.l10n.t('Turns'),
    words: vscode.l10n.t('Words'),
    cjk: vscode.l10n.t('CJK characters'),
    other: vscode.l10n.t('Other words'),
    share: vscode.l10n.t('Share'),
    averageWordsPerTurn: vscode.l10n.t('Words per turn'),
    fileBlocks: vscode.l10n.t('FILE blocks'),
    codeLines: vscode.l10n.t('Code lines'),
    tokens: vscode.l10n.t('Tokens'),
    tokenSummary: (tokens, encoding) => vscode.l10n.t('{0} tokens ({1})', tokens, encoding),
    chart: vscode.l10n.t('Share of words'),
    empty: vscode.l10n.t('This transcript has no turns yet.'),
    copyCsv: vscode.l10n.t('Copy as CSV'),
    copyJson: vscode.l10n.t('Copy as JSON'),
  };
}

/** The page for `statistics` of the document at `uri`; the same colours as the speaker labels. */
export function statisticsHtml(uri: vscode.Uri, statistics: DocumentStatistics): string {
  return renderStatisticsHtml({
    title: baseName(uri.path),
    statistics,
    labels: labels(),
    colors: statistics.speakers.map((_, index) => cssColor(SPEAKER_PALETTE[index % SPEAKER_PALETTE.length]!)),
    nonce: nonce(),
    locale: vscode.env.language,
  });
}

export class StatisticsView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private readonly debouncer = new Debouncer<'render'>(300);
  private readonly subscriptions: vscode.Disposable[];

  /**
   * `opened` fires once the server has been sent a document: a page asked for before then got no
   * answer (the server does not have the document yet) and is rendered again.
   */
  constructor(
    private readonly requests: TranscriptRequests,
    opened: vscode.Event<vscode.TextDocument>,
  ) {
    this.subscriptions = [
      opened((document) => {
        if (this.panel && document === this.document) void this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor?.document.languageId === 'transcript' && editor.document !== this.document) {
          this.document = editor.document;
          void this.render();
        }
      }),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (this.panel && document === this.document) this.debouncer.schedule('render', () => void this.render());
      }),
      vscode.commands.registerCommand(COPY_COMMANDS.csv, () => this.copy(statisticsCsv, 'CSV')),
      vscode.commands.registerCommand(COPY_COMMANDS.json, () => this.copy(statisticsJson, 'JSON')),
    ];
  }

  /**
   * Copies the statistics of the transcript the page shows, else of the active one, as `format` makes
   * them; answers whether there were statistics to copy (none before the server has the document).
   */
  private async copy(format: (statistics: DocumentStatistics) => string, name: string): Promise<boolean> {
    const active = vscode.window.activeTextEditor?.document;
    const document = this.panel ? this.document : active?.languageId === 'transcript' ? active : undefined;
    const statistics = document && (await this.requests.statistics(document));
    if (!document || !statistics) return false;
    await vscode.env.clipboard.writeText(format(statistics));
    vscode.window.setStatusBarMessage(
      vscode.l10n.t('Copied the statistics of {0} as {1}', baseName(document.uri.path), name),
      3000,
    );
    return true;
  }

  /** The HTML the panel shows now, or undefined when it is closed. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  async show(document: vscode.TextDocument): Promise<void> {
    this.document = document;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        'transcript.statistics',
        vscode.l10n.t('Transcript Statistics'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: false,
          enableCommandUris: [COPY_COMMANDS.csv, COPY_COMMANDS.json],
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.document = undefined;
      });
    }
    await this.render();
  }

  /** Renders again, for instance once the language server has (re)started. */
  async render(): Promise<void> {
    const document = this.document;
    if (!document) return;
    const statistics = await this.requests.statistics(document);
    // Skip answers that are stale (another document shown meanwhile) or absent (server not ready).
    if (!this.panel || document !== this.document || !statistics) return;
    this.panel.title = vscode.l10n.t('Statistics: {0}', baseName(document.uri.path));
    this.panel.webview.html = statisticsHtml(document.uri, statistics);
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel?.dispose();
  }
}
