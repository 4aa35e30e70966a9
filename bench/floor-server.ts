/**
 * The transport floor: a language server that does almost nothing. It keeps documents with incremental
 * sync, re-splits the whole text into lines after each change and pushes empty diagnostics, and answers
 * documentSymbol by splitting the text once and returning one symbol. What it costs is what any server
 * on vscode-languageserver pays to receive, store and answer; a real server cannot go below it.
 */
import {
  createConnection,
  DocumentSymbol,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

function lineCount(text: string): number {
  return text.split('\n').length;
}

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, documentSymbolProvider: true },
}));

documents.onDidChangeContent(({ document }) => {
  // The full re-split a server without incremental analysis pays on every keystroke.
  lineCount(document.getText());
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
});

connection.onDocumentSymbol(({ textDocument }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return [];
  const lastLine = lineCount(document.getText()) - 1;
  const range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } };
  return [DocumentSymbol.create('document', undefined, SymbolKind.File, range, range)];
});

documents.listen(connection);
connection.listen();
