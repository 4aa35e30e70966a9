/**
 * Speaker colours: each speaker's label gets a colour of its own, taken from the theme so that it
 * reads well in light, dark and high-contrast themes. Colours go by order of first appearance, so
 * the first speaker is always blue, the second green, and so on. Switched by
 * `transcript.speakerColors`.
 */
import * as vscode from 'vscode';
import { Debouncer } from './debounce';
import { turnsOf } from './turns';

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

/** Palette indices by speaker, in order of first appearance; beyond the palette, colours repeat. */
export function assignSpeakerColors(speakers: Iterable<string>): Map<string, number> {
  const assigned = new Map<string, number>();
  for (const speaker of speakers) {
    if (!assigned.has(speaker)) assigned.set(speaker, assigned.size % SPEAKER_PALETTE.length);
  }
  return assigned;
}

export class SpeakerColors implements vscode.Disposable {
  private readonly decorationTypes = SPEAKER_PALETTE.map((color) =>
    vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor(color) }),
  );
  private readonly debouncer = new Debouncer<string>(250);
  private readonly subscriptions: vscode.Disposable[];
  /** What each visible document was last decorated with: the colour (palette id) of each speaker. */
  private readonly applied = new Map<string, Map<string, string>>();

  constructor() {
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (document.languageId !== 'transcript' || !this.enabled()) return;
        if (!vscode.window.visibleTextEditors.some((editor) => editor.document === document)) return;
        this.debouncer.schedule(document.uri.toString(), () => void this.refresh(document));
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SPEAKER_COLORS_SETTING)) this.refreshAll();
      }),
    ];
    this.refreshAll();
  }

  /** The colour of each speaker in `uri`'s editors, as last applied; for tests and diagnostics. */
  colorsOf(uri: vscode.Uri): ReadonlyMap<string, string> | undefined {
    return this.applied.get(uri.toString());
  }

  /** Re-decorates every visible transcript, for instance once the language server has (re)started. */
  refreshAll(): void {
    const documents = new Set(vscode.window.visibleTextEditors.map((editor) => editor.document));
    for (const document of documents) if (document.languageId === 'transcript') void this.refresh(document);
    for (const uri of this.applied.keys()) {
      if (![...documents].some((document) => document.uri.toString() === uri)) this.applied.delete(uri);
    }
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(SPEAKER_COLORS_SETTING, true);
  }

  private async refresh(document: vscode.TextDocument): Promise<void> {
    const answered = this.enabled() ? await turnsOf(document) : [];
    // Read again after the wait: the setting may have been switched off while the server answered.
    const enabled = this.enabled();
    const turns = enabled ? answered : [];
    const colors = assignSpeakerColors(turns.map((turn) => turn.speaker));
    const rangesByColor = this.decorationTypes.map((): vscode.Range[] => []);
    for (const turn of turns) rangesByColor[colors.get(turn.speaker)!]!.push(turn.label);
    // Editors may have changed while the server answered: decorate the ones showing it now.
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== document) continue;
      this.decorationTypes.forEach((type, index) => editor.setDecorations(type, rangesByColor[index]!));
    }
    const key = document.uri.toString();
    if (enabled)
      this.applied.set(key, new Map([...colors].map(([speaker, index]) => [speaker, SPEAKER_PALETTE[index]!])));
    else this.applied.delete(key);
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const type of this.decorationTypes) type.dispose();
  }
}
