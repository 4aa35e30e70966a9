/**
 * Transcript: Export to HTML — the page `transcript export --format html` writes, made by the language
 * server from the document as it is in the editor (saved or not), written where the user picks.
 */
import * as vscode from 'vscode';
import type { TranscriptRequests } from './requests';
import { baseName } from './uri-path';

/**
 * Exports `document` to `target`, or to where the save dialog says; answers the file written, or
 * undefined when the user cancelled or the server could not render the page (which it then says).
 */
export async function exportHtml(
  requests: TranscriptRequests,
  document: vscode.TextDocument,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const name = baseName(document.uri.path);
  const destination =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: document.uri.with({ path: document.uri.path.replace(/(\.[^./]*)?$/, '.html') }),
      filters: { HTML: ['html', 'htm'] },
      title: vscode.l10n.t('Export {0} to HTML', name),
    }));
  if (!destination) return undefined;
  const html = await requests.exportHtml(document, name);
  if (html === null) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} could not be exported: the language server is not ready. Try again in a moment.', name),
    );
    return undefined;
  }
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(html));
  vscode.window.setStatusBarMessage(vscode.l10n.t('Exported {0} to {1}', name, baseName(destination.path)), 5000);
  return destination;
}
