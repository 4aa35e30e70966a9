/**
 * Speaker colours: each speaker's label gets a colour of its own, taken from the theme so that it
 * reads well in light, dark and high-contrast themes. Colours go by order of first appearance in the whole
 * document, so the first speaker is always blue, the second green, and so on, wherever the editor is
 * scrolled to. Only the labels on the lines each editor shows, and a margin around them, are asked of the
 * server and decorated: a long transcript costs no more than a short one. Switched by
 * `transcript.speakerColors`.
 */
import * as vscode from 'vscode';
import type { LineSpan } from '../core/speaker-labels';
import { Debouncer } from './debounce';
import type { TranscriptRequests } from './requests';

/** Theme colours that every built-in theme defines and that differ from each other. */
export const SPEAKER_PALETTE: readonly string[] = [
  'charts.blue',
  'charts.green',
  'charts.orange',
  'charts.purple',
  'charts.red',
  'charts.yellow',
  'terminal.ansiCyan',
  'terminal.ansiMagenta',
  'terminal.ansiBrightBlue',
  'terminal.ansiBrightGreen',
];

export const SPEAKER_COLORS_SETTING = 'transcript.speakerColors';

/** The palette colour of the speaker who appears `order`th (from 0) in the document; beyond the palette, colours repeat. */
export function speakerColor(order: number): string {
  return SPEAKER_PALETTE[order % SPEAKER_PALETTE.length]!;
}

/**
 * Lines above and below what an editor shows whose labels are coloured too, so that a scroll of a few
 * pages shows them coloured already; the rest of a long transcript is never asked for.
 */
const MARGIN_LINES = 200;

/** How long scrolling or typing must pause before the labels are asked for again. */
const DELAY_MS = 150;

/** The lines `editor` shows, each stretch widened by `MARGIN_LINES`, with stretches that meet merged. */
function linesAround(editor: vscode.TextEditor): LineSpan[] {
  // An editor not laid out yet shows nothing: its cursor's lines are the ones it is about to show.
  const shown = editor.visibleRanges.length ? editor.visibleRanges : [editor.selection];
  const spans = shown
    .map((range) => ({ start: Math.max(0, range.start.line - MARGIN_LINES), end: range.end.line + 1 + MARGIN_LINES }))
    .sort((a, b) => a.start - b.start);
  const merged: LineSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

export class SpeakerColors implements vscode.Disposable {
  private readonly decorationTypes = SPEAKER_PALETTE.map((color) =>
    vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor(color) }),
  );
  private readonly debouncer = new Debouncer<vscode.TextEditor>(DELAY_MS);
  private readonly subscriptions: vscode.Disposable[];
  /** What each visible editor was last decorated with: each speaker's order of first appearance. */
  private readonly applied = new Map<vscode.TextEditor, ReadonlyMap<string, number>>();
  /** The latest refresh of each editor: an answer to an earlier one is dropped. */
  private readonly latest = new Map<vscode.TextEditor, number>();
  private refreshes = 0;

  /** `opened` fires once the server has been sent a document. */
  constructor(
    private readonly requests: TranscriptRequests,
    opened: vscode.Event<vscode.TextDocument>,
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => this.schedule(textEditor)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.scheduleEditorsOf(document)),
      opened((document) => this.scheduleEditorsOf(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SPEAKER_COLORS_SETTING)) this.refreshAll();
      }),
    ];
    this.refreshAll();
  }

  /**
   * The colour of each speaker decorated in `uri`'s visible editors, as last applied, by order of first
   * appearance; for tests and diagnostics.
   */
  colorsOf(uri: vscode.Uri): ReadonlyMap<string, string> | undefined {
    const key = uri.toString();
    const orders = new Map<string, number>();
    let decorated = false;
    for (const [editor, applied] of this.applied) {
      if (editor.document.uri.toString() !== key) continue;
      decorated = true;
      for (const [speaker, order] of applied) orders.set(speaker, order);
    }
    if (!decorated) return undefined;
    return new Map([...orders].sort((a, b) => a[1] - b[1]).map(([speaker, order]) => [speaker, speakerColor(order)]));
  }

  /** Re-decorates every visible transcript, for instance once the language server has (re)started. */
  refreshAll(): void {
    const editors = vscode.window.visibleTextEditors;
    for (const editor of editors) if (editor.document.languageId === 'transcript') void this.refresh(editor);
    // Every refreshed editor has an entry in `latest`, a decorated one in `applied` too.
    for (const editor of [...this.latest.keys()]) {
      if (editors.includes(editor)) continue;
      this.applied.delete(editor);
      this.latest.delete(editor);
    }
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(SPEAKER_COLORS_SETTING, true);
  }

  private schedule(editor: vscode.TextEditor): void {
    if (editor.document.languageId !== 'transcript' || !this.enabled()) return;
    this.debouncer.schedule(editor, () => void this.refresh(editor));
  }

  private scheduleEditorsOf(document: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.schedule(editor);
  }

  private async refresh(editor: vscode.TextEditor): Promise<void> {
    const refresh = ++this.refreshes;
    this.latest.set(editor, refresh);
    const answers = this.enabled()
      ? await Promise.all(linesAround(editor).map((lines) => this.requests.speakerLabels(editor.document, lines)))
      : [];
    // The editor may have scrolled or closed while the server answered, or a server restarting have answered
    // nothing: a later refresh decorates it.
    if (this.latest.get(editor) !== refresh || !vscode.window.visibleTextEditors.includes(editor)) return;
    if (answers.includes(null)) return;
    // Read again after the wait: the setting may have been switched off while the server answered.
    const enabled = this.enabled();
    const orders = new Map<string, number>();
    const rangesByColor = this.decorationTypes.map((): vscode.Range[] => []);
    for (const answer of enabled ? answers : []) {
      for (const { speaker, order } of answer!.speakers) orders.set(speaker, order);
      for (const label of answer!.labels)
        rangesByColor[orders.get(label.speaker)! % SPEAKER_PALETTE.length]!.push(label.range);
    }
    this.decorationTypes.forEach((type, index) => editor.setDecorations(type, rangesByColor[index]!));
    if (enabled) this.applied.set(editor, orders);
    else this.applied.delete(editor);
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const type of this.decorationTypes) type.dispose();
  }
}
