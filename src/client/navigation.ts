/**
 * Moving between turns: next, previous and next by the same speaker, each one small server request
 * (`transcript/turnStep`); and Go to Turn, a list of the turns that the server fills as the user types
 * (`transcript/searchTurns`), so the client never holds the whole outline.
 */
import * as vscode from 'vscode';
import type { TurnStep } from '../core/turn-navigation';
import { Debouncer } from './debounce';
import type { FoundTurn, TranscriptRequests } from './requests';
import { turnQuery } from './turn-query';

/** How long typing must pause before Go to Turn asks the server again. */
const SEARCH_DELAY_MS = 100;
/** Characters of a matched line kept before the match, so that a match far along a long line is in view. */
const DETAIL_LEAD = 24;

interface TurnPickItem extends vscode.QuickPickItem {
  readonly turn: FoundTurn;
}

/** A found turn as Go to Turn lists it: the server has filtered already, so VS Code must show every item. */
function pickItem(document: vscode.TextDocument, turn: FoundTurn): TurnPickItem {
  const item = { label: turn.name, description: vscode.l10n.t('line {0}', turn.line + 1), alwaysShow: true, turn };
  const at = turn.match?.start;
  // The name shows the first line already; the document may have lost the line since the server answered.
  if (!at || at.line === turn.line || at.line >= document.lineCount) return item;
  return { ...item, detail: lineAround(document.lineAt(at.line).text, at.character) };
}

/** `text` trimmed, cut before `character` when that is far along, but not inside a surrogate pair. */
function lineAround(text: string, character: number): string {
  let from = character - DETAIL_LEAD;
  if (from <= 0) return text.trim();
  const code = text.charCodeAt(from);
  if (code >= 0xdc00 && code <= 0xdfff) from--;
  return `…${text.slice(from).trimEnd()}`;
}

/** Puts the cursor on a turn's tag (selecting it when asked) and scrolls it into view. */
function reveal(editor: vscode.TextEditor, tag: vscode.Range, selectTag: boolean): void {
  editor.selection = selectTag ? new vscode.Selection(tag.start, tag.end) : new vscode.Selection(tag.start, tag.start);
  editor.revealRange(tag, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** A command that moves the cursor by `step`, or says briefly why it did not move. */
function moveCommand(requests: TranscriptRequests, step: TurnStep, noTurnMessage: () => string): () => Promise<void> {
  return async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'transcript') return;
    const tag = await requests.turnStep(editor.document, editor.selection.active, step);
    if (tag) reveal(editor, tag, false);
    else vscode.window.setStatusBarMessage(noTurnMessage(), 3000);
  };
}

export class TurnNavigation implements vscode.Disposable {
  private readonly commands: vscode.Disposable;
  private shownPick: vscode.QuickPick<TurnPickItem> | undefined;

  constructor(private readonly requests: TranscriptRequests) {
    this.commands = vscode.Disposable.from(
      vscode.commands.registerCommand(
        'transcript.nextTurn',
        moveCommand(requests, 'next', () => vscode.l10n.t('No later turn')),
      ),
      vscode.commands.registerCommand(
        'transcript.previousTurn',
        moveCommand(requests, 'previous', () => vscode.l10n.t('No earlier turn')),
      ),
      vscode.commands.registerCommand(
        'transcript.nextTurnBySameSpeaker',
        moveCommand(requests, 'next-by-same-speaker', () => vscode.l10n.t('No later turn by this speaker')),
      ),
      vscode.commands.registerCommand('transcript.goToTurn', () => this.goToTurn()),
    );
  }

  /** The Go to Turn list while it is shown (for the integration tests, which type into it). */
  goToTurnPick(): vscode.QuickPick<vscode.QuickPickItem> | undefined {
    return this.shownPick;
  }

  dispose(): void {
    this.commands.dispose();
  }

  /** Shows Go to Turn and, once a turn is accepted, selects its tag; resolves when the list has closed. */
  private async goToTurn(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'transcript') return;
    const { document } = editor;
    const cursor = editor.selection.active;
    const pick = vscode.window.createQuickPick<TurnPickItem>();
    const debouncer = new Debouncer<'search'>(SEARCH_DELAY_MS);
    let asked = 0;
    let hidden = false;
    const search = async (value: string): Promise<void> => {
      const ask = ++asked;
      const { query, speaker } = turnQuery(value);
      const found = await this.requests.searchTurns(document, query, speaker);
      // Answers can arrive after the user typed on or closed the list: only the latest is shown.
      if (ask !== asked || hidden) return;
      const items = (found?.turns ?? []).map((turn) => pickItem(document, turn));
      pick.items = items;
      // The server lists the first matches only: say so, rather than let a short list look complete.
      pick.title = found?.truncated
        ? vscode.l10n.t('The first {0} matching turns; type more to narrow the list', items.length.toLocaleString())
        : undefined;
      pick.busy = false;
      if (query !== '') return;
      const current = items.filter((item) => !item.turn.tag.start.isAfter(cursor)).at(-1);
      if (current) pick.activeItems = [current];
    };
    pick.placeholder = vscode.l10n.t(
      'Type words to find a turn; start with @Name or @"Full Name" for the turns of one speaker',
    );
    // Highlights the words in a matched line; the server has already chosen what is listed.
    pick.matchOnDetail = true;
    pick.busy = true;
    const picked = await new Promise<TurnPickItem | undefined>((resolve) => {
      pick.onDidChangeValue((value) => {
        pick.busy = true;
        debouncer.schedule('search', () => void search(value));
      });
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]);
        pick.hide();
      });
      pick.onDidHide(() => {
        hidden = true;
        resolve(undefined);
      });
      pick.show();
      this.shownPick = pick;
      void search('');
    });
    this.shownPick = undefined;
    debouncer.dispose();
    pick.dispose();
    if (picked) reveal(editor, picked.turn.tag, true);
  }
}
