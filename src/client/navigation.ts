/**
 * Moving between turns: next, previous and next by the same speaker, each one small server request
 * (`transcript/turnStep`); and a filterable list of all turns, from the server's outline (see turns.ts).
 */
import * as vscode from 'vscode';
import type { TurnStep } from '../core/turn-navigation';
import type { TranscriptRequests } from './requests';
import { turnAt, turnsOf, type Turn } from './turns';

export interface TurnPickItem extends vscode.QuickPickItem {
  readonly turn: Turn;
}

/** The Go to Turn list: the outline name as label, its number and line as description. */
export function goToTurnItems(turns: readonly Turn[]): TurnPickItem[] {
  return turns.map((turn, index) => ({
    label: turn.name,
    description: vscode.l10n.t('#{0} · line {1}', index + 1, turn.tag.start.line + 1),
    turn,
  }));
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

async function goToTurn(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'transcript') return;
  const turns = await turnsOf(editor.document);
  const items = goToTurnItems(turns);
  const current = turnAt(turns, editor.selection.active);
  const picked = await new Promise<TurnPickItem | undefined>((resolve) => {
    const pick = vscode.window.createQuickPick<TurnPickItem>();
    pick.placeholder = vscode.l10n.t('Type a speaker or words to find a turn');
    pick.matchOnDescription = true;
    pick.items = items;
    pick.activeItems = items.filter((item) => item.turn === current);
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
  if (picked) reveal(editor, picked.turn.tag, true);
}

export function registerNavigation(requests: TranscriptRequests): vscode.Disposable {
  return vscode.Disposable.from(
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
    vscode.commands.registerCommand('transcript.goToTurn', goToTurn),
  );
}
