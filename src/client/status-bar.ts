/**
 * The status bar item for the active transcript: `20 turns · 3456 words · 4,210 tokens`, and the
 * words of the selection when there is one. Hidden for other editors.
 */
import * as vscode from 'vscode';
import { Debouncer } from './debounce';
import type { WordCounts } from '../core/model';
import type { TranscriptRequests } from './requests';
import type { DocumentStatistics } from './statistics-html';

/** Digits grouped as the display language groups them, as the hover and the statistics page show them. */
const count = new Intl.NumberFormat(vscode.env.language, { maximumFractionDigits: 0 });

export function turnsText(turns: number): string {
  return turns === 1 ? vscode.l10n.t('1 turn') : vscode.l10n.t('{0} turns', count.format(turns));
}

export function wordsText(words: number): string {
  return words === 1 ? vscode.l10n.t('1 word') : vscode.l10n.t('{0} words', count.format(words));
}

export function tokensText(tokens: number): string {
  return tokens === 1 ? vscode.l10n.t('1 token') : vscode.l10n.t('{0} tokens', count.format(tokens));
}

/**
 * `20 turns · 1,915 words`, then `· 2,480 tokens` when the server counted them, and `· 25 words selected`
 * when the selection holds words (a tag alone holds none).
 */
export function statusText(statistics: DocumentStatistics, selected: WordCounts | undefined): string {
  let text = `${turnsText(statistics.turns)} · ${wordsText(statistics.words)}`;
  if (statistics.tokens !== undefined) text += ` · ${tokensText(statistics.tokens)}`;
  return selected && selected.words > 0
    ? `${text} · ${vscode.l10n.t('{0} selected', wordsText(selected.words))}`
    : text;
}

export class TranscriptStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'transcript.statistics',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly debouncer = new Debouncer<'refresh'>(200);
  private readonly subscriptions: vscode.Disposable[];
  private visible = false;

  /** `opened` fires once the server has been sent a document. */
  constructor(
    private readonly requests: TranscriptRequests,
    opened: vscode.Event<vscode.TextDocument>,
  ) {
    this.item.name = vscode.l10n.t('Transcript Statistics');
    this.item.command = 'transcript.showStatistics';
    this.item.tooltip = vscode.l10n.t('Show the statistics of this transcript');
    const schedule = () => this.debouncer.schedule('refresh', () => void this.refresh());
    this.subscriptions = [
      // Switching editors is not a burst: answer at once rather than show the previous file's counts.
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => {
        if (textEditor === vscode.window.activeTextEditor) schedule();
      }),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (document === vscode.window.activeTextEditor?.document) schedule();
      }),
      opened((document) => {
        if (document === vscode.window.activeTextEditor?.document) void this.refresh();
      }),
    ];
    void this.refresh();
  }

  /** What the item shows, or undefined while it is hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'transcript') {
      this.hide();
      return;
    }
    const selection = editor.selection;
    const [statistics, selected] = await Promise.all([
      this.requests.statistics(editor.document),
      selection.isEmpty ? undefined : this.requests.wordsInRange(editor.document, selection),
    ]);
    // Another editor may have become active while the server answered; its own refresh is queued.
    if (editor !== vscode.window.activeTextEditor) return;
    if (!statistics) {
      this.hide();
      return;
    }
    this.item.text = statusText(statistics, selected ?? undefined);
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
