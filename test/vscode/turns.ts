/**
 * The turns of a transcript as VS Code's outline has them: read from the language server's document
 * symbols (one symbol per turn, its selection range on the `[Speaker]:` tag), for tests that wait for the
 * server to have outlined a document or that check the outline's ranges.
 */
import * as vscode from 'vscode';

export interface Turn {
  readonly speaker: string;
  /** The `[Speaker]:` tag. */
  readonly tag: vscode.Range;
  /** The speaker's name inside the tag's brackets. */
  readonly label: vscode.Range;
  /** The whole turn, from its tag to its last line. */
  readonly range: vscode.Range;
}

/** The document's turns in order, or none while the language server has not answered yet. */
export async function turnsOf(document: vscode.TextDocument): Promise<Turn[]> {
  const symbols = await vscode.commands.executeCommand<
    (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined
  >('vscode.executeDocumentSymbolProvider', document.uri);
  const turns: Turn[] = [];
  for (const symbol of symbols ?? []) {
    // Only the transcript server answers with hierarchical symbols whose selection is a speaker tag.
    if (!('selectionRange' in symbol)) continue;
    const tag = symbol.selectionRange;
    const tagText = document.getText(tag);
    if (!tagText.startsWith('[') || !tagText.endsWith(']:')) continue;
    const label = new vscode.Range(tag.start.translate(0, 1), tag.end.translate(0, -2));
    turns.push({ speaker: tagText.slice(1, -2), tag, label, range: symbol.range });
  }
  return turns.sort((a, b) => a.tag.start.compareTo(b.tag.start));
}
