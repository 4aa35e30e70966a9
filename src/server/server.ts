import {
  type Connection, type Diagnostic, type Range, DocumentDiagnosticReportKind, type InitializeResult, TextDocumentSyncKind,
} from 'vscode-languageserver';
import { diagnostics } from '../core/diagnostics';
import { foldingRanges } from '../core/folding';
import { hover } from '../core/hover';
import { statistics, wordsInRange } from '../core/statistics';
import { documentSymbols } from '../core/symbols';
import { TranscriptDocuments, type OpenDocument } from './documents';

/** Wires the transcript core to an LSP connection; every handler reads the model of the document's version. */
export function startServer(connection: Connection): void {
  const documents = new TranscriptDocuments();
  let pullDiagnostics = false;
  const published = new Map<string, string>();
  const pendingPublish = new Set<string>();

  connection.onInitialize((params): InitializeResult => {
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Transcript' },
        hoverProvider: true,
        foldingRangeProvider: true,
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'transcript-language-server', version: VERSION },
    };
  });

  /** Answers from the open document's model; a failure is logged and answered with `fallback`, never thrown. */
  function withDocument<T>(uri: string, fallback: T, answer: (document: OpenDocument) => T): T {
    const document = documents.get(uri);
    if (!document) return fallback;
    try {
      return answer(document);
    } catch (error) {
      connection.console.error(`transcript: ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
      return fallback;
    }
  }

  function publishSoon(uri: string): void {
    if (pullDiagnostics || pendingPublish.has(uri)) return;
    pendingPublish.add(uri);
    // A burst of changes read in one go is published once, after the last of them.
    setImmediate(() => {
      pendingPublish.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      const items = withDocument<Diagnostic[]>(uri, [], ({ model }) => diagnostics(model, uri));
      const key = JSON.stringify(items);
      if (published.get(uri) === key) return;
      published.set(uri, key);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: items });
    });
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    documents.opened(textDocument.uri, textDocument.version, textDocument.text);
    published.delete(textDocument.uri);
    publishSoon(textDocument.uri);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    try {
      if (documents.changed(textDocument.uri, textDocument.version, contentChanges)) publishSoon(textDocument.uri);
    } catch (error) {
      connection.console.error(`transcript: ${textDocument.uri}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.closed(textDocument.uri);
    if (!pullDiagnostics && published.has(textDocument.uri)) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    published.delete(textDocument.uri);
  });

  connection.onDocumentSymbol(({ textDocument }) => withDocument(textDocument.uri, [], ({ model }) => documentSymbols(model)));
  connection.onFoldingRanges(({ textDocument }) => withDocument(textDocument.uri, [], ({ model }) => foldingRanges(model)));
  connection.onHover(({ textDocument, position }) => withDocument(textDocument.uri, null, ({ model }) => hover(model, position)));
  connection.languages.diagnostics.on(({ textDocument }) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: withDocument<Diagnostic[]>(textDocument.uri, [], ({ model }) => diagnostics(model, textDocument.uri)),
  }));
  // Custom requests for views that LSP has no method for (the statistics page, the status bar).
  connection.onRequest('transcript/statistics', ({ uri }: { uri: string }) => withDocument(uri, null, ({ model }) => statistics(model)));
  connection.onRequest('transcript/wordsInRange', ({ uri, range }: { uri: string; range: Range }) =>
    withDocument(uri, null, ({ model }) => wordsInRange(model, {
      start: model.lines.offsetAt(range.start, model.text),
      end: model.lines.offsetAt(range.end, model.text),
    })));
  // For benchmarks and leak tests: `collect` runs a full GC first when node was started with --expose-gc.
  connection.onRequest('transcript/memoryUsage', (params?: { collect?: boolean }) => {
    if (params?.collect) (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  });

  connection.listen();
}

declare const VERSION: string;
