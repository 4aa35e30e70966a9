/**
 * Moving between turns: next, previous, next by the same speaker, and a filterable list of all
 * turns. The turns come from the language server's outline (see turns.ts).
 */
import * as vscode from 'vscode';
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

/** The first turn that starts after `position`. */
export function nextTurn(turns: readonly Turn[], position: vscode.Position): Turn | undefined {
  return turns.find((turn) => turn.tag.start.isAfter(position));
}

/** The last turn that starts before `position`: from inside a turn, that turn's own start. */
export function previousTurn(turns: readonly Turn[], position: vscode.Position): Turn | undefined {
  let found: Turn | undefined;
  for (const turn of turns) {
    if (!turn.tag.start.isBefore(position)) break;
    found = turn;
  }
  return found;
}

/** The next turn by the speaker of the turn at `position`. */
export function nextTurnBySameSpeaker(turns: readonly Turn[], position: vscode.Position): Turn | undefined {
  const current = turnAt(turns, position);
  if (!current) return undefined;
  return turns.find((turn) => turn.speaker === current.speaker && turn.tag.start.isAfter(current.tag.start));
}

/** Puts the cursor on the turn's tag (selecting it when asked) and scrolls it into view. */
function reveal(editor: vscode.TextEditor, turn: Turn, selectTag: boolean): void {
  editor.selection = selectTag
    ? new vscode.Selection(turn.tag.start, turn.tag.end)
    : new vscode.Selection(turn.tag.start, turn.tag.start);
  editor.revealRange(turn.tag, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

type Step = (turns: readonly Turn[], position: vscode.Position) => Turn | undefined;

/** A command that moves the cursor by `step`, or says briefly why it did not move. */
function moveCommand(step: Step, noTurnMessage: () => string): () => Promise<void> {
  return async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'transcript') return;
    const target = step(await turnsOf(editor.document), editor.selection.active);
    if (target) reveal(editor, target, false);
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
  if (picked) reveal(editor, picked.turn, true);
}

export function registerNavigation(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(
      'transcript.nextTurn',
      moveCommand(nextTurn, () => vscode.l10n.t('No later turn')),
    ),
    vscode.commands.registerCommand(
      'transcript.previousTurn',
      moveCommand(previousTurn, () => vscode.l10n.t('No earlier turn')),
    ),
    vscode.commands.registerCommand(
      'transcript.nextTurnBySameSpeaker',
      moveCommand(nextTurnBySameSpeaker, () => vscode.l10n.t('No later turn by this speaker')),
    ),
    vscode.commands.registerCommand('transcript.goToTurn', goToTurn),
  );
}
