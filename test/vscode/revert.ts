import * as vscode from 'vscode';
import { eventually } from '../support/eventually';

/**
 * Undoes a test's edits to a file on disk and closes it. A revert acts on the active editor, and on a
 * busy machine a view opened beside (the statistics page) can still be taking focus when it runs: so
 * until the document is clean, show it and revert again. Left dirty, the file would open with the edit
 * in the next test.
 */
export async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  if (document.isUntitled) throw new Error('an untitled document has no text on disk to revert to');
  await eventually(
    `${document.uri.path} reverted to its text on disk`,
    async () => {
      if (document.isDirty) {
        await vscode.window.showTextDocument(document, { preview: false });
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      return document.isDirty;
    },
    (dirty) => !dirty,
  );
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}
