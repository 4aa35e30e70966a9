import {
  CodeActionKind, type Connection, type Diagnostic, DocumentDiagnosticReportKind, type DocumentLink, ErrorCodes, type InitializeResult, type Range, ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { COMPLETION_TRIGGERS, completions } from '../core/completion';
import { diagnostics } from '../core/diagnostics';
import { foldingRanges } from '../core/folding';
import { speakerHighlights } from '../core/highlights';
import { hover } from '../core/hover';
import { diagnosticsInChinese, wantsChinese } from '../core/messages-zh';
import { FIX_ALL_KIND, codeActions } from '../core/quick-fixes';
import { prepareSpeakerRename, renameSpeaker } from '../core/rename';
import { selectionRange } from '../core/selection-ranges';
import { statistics, wordsInRange } from '../core/statistics';
import { documentSymbols } from '../core/symbols';
import { documentLinks } from './document-links';
import { TranscriptDocuments, type OpenDocument } from './documents';
import { TranscriptWorkspace } from './workspace';

/** Typing faster than this is a burst; the text is flattened after it (see `settleWhenIdle`). */
const SETTLE_AFTER_MS = 50;

/** Wires the transcript core to an LSP connection; every handler reads the model of the document's version. */
export function startServer(connection: Connection): void {
  const documents = new TranscriptDocuments();
  let pullDiagnostics = false;
  let snippets = false;
  /** Diagnostics as the client's language wants them (Simplified Chinese for `zh*` locales, else English). */
  let localize = (items: readonly Diagnostic[]): Diagnostic[] => [...items];
  let workspace: TranscriptWorkspace | undefined;
  /** What was last pushed for each document, to skip sending the same again. */
  const published = new Map<string, string>();
  const pendingPublish = new Set<string>();
  const settleTimers = new Map<string, NodeJS.Timeout>();

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    if (wantsChinese(params.locale)) localize = diagnosticsInChinese;
    workspace = new TranscriptWorkspace(connection, documents, pullDiagnostics, publish, localize, params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Transcript' },
        hoverProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        renameProvider: capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        documentHighlightProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'transcript-language-server', version: VERSION },
    };
  });
  connection.onInitialized(() => void workspace!.start());

  /** Answers from `document`'s model; a failure is logged and answered with `fallback`, never thrown. */
  function answerFrom<T>(document: OpenDocument | undefined, fallback: T, answer: (document: OpenDocument) => T): T {
    if (!document) return fallback;
    try {
      return answer(document);
    } catch (error) {
      connection.console.error(`transcript: ${document.uri}: ${error instanceof Error ? error.stack : String(error)}`);
      return fallback;
    }
  }

  /**
   * Answers a request from the model of the document as the request found it, one turn of the event
   * loop later. vscode-jsonrpc writes a message on a later turn than it is sent on, so without the wait
   * the diagnostics published for an edit would be written only after a long answer read in the same
   * go (the symbols of a 10 MiB transcript take about 100 ms) had been computed.
   */
  function withDocument<T>(uri: string, fallback: T, answer: (document: OpenDocument) => T): Promise<T> {
    const document = documents.get(uri);
    return new Promise((resolve) => setImmediate(() => resolve(answerFrom(document, fallback, answer))));
  }

  function publishSoon(uri: string): void {
    if (pullDiagnostics || pendingPublish.has(uri)) return;
    pendingPublish.add(uri);
    // A burst of changes read in one go is published once, after the last of them.
    setImmediate(() => {
      pendingPublish.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      publish(uri, answerFrom<Diagnostic[]>(document, [], ({ model }) => diagnostics(model, uri)), document.version);
    });
  }

  /**
   * Flattens the document's text (`documents.settle`) once no change has come for `SETTLE_AFTER_MS`.
   * vscode-jsonrpc handles one message per turn of the event loop, so "after this turn" would fall
   * between two keystrokes of a burst and copy the document once per keystroke.
   */
  function settleWhenIdle(uri: string): void {
    const timer = settleTimers.get(uri);
    if (timer) {
      timer.refresh();
      return;
    }
    const settle = setTimeout(() => {
      settleTimers.delete(uri);
      documents.settle(uri);
    }, SETTLE_AFTER_MS);
    // Nothing to wait for at exit: the copy only saves the next request some time.
    settle.unref();
    settleTimers.set(uri, settle);
  }

  /** Pushes the problems of `uri` unless they are what was pushed last; never pushes "none" for a document shown none. */
  function publish(uri: string, english: readonly Diagnostic[], version?: number): void {
    const items = localize(english);
    const key = JSON.stringify(items);
    if (published.get(uri) === key || (items.length === 0 && !published.has(uri) && version === undefined)) return;
    if (items.length === 0 && version === undefined) published.delete(uri);
    else published.set(uri, key);
    void connection.sendDiagnostics({ uri, version, diagnostics: items });
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    documents.opened(textDocument.uri, textDocument.version, textDocument.text);
    published.delete(textDocument.uri);
    publishSoon(textDocument.uri);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    try {
      if (documents.changed(textDocument.uri, textDocument.version, contentChanges)) {
        publishSoon(textDocument.uri);
        settleWhenIdle(textDocument.uri);
      }
    } catch (error) {
      connection.console.error(`transcript: ${textDocument.uri}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    clearTimeout(settleTimers.get(textDocument.uri));
    settleTimers.delete(textDocument.uri);
    documents.closed(textDocument.uri);
    // A transcript of the workspace keeps showing its problems, read again from disk; any other is cleared.
    if (pullDiagnostics || workspace!.documentClosed(textDocument.uri)) return;
    if (published.has(textDocument.uri)) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    published.delete(textDocument.uri);
  });

  connection.onDocumentSymbol(({ textDocument }) => withDocument(textDocument.uri, [], ({ model }) => documentSymbols(model)));
  connection.onFoldingRanges(({ textDocument }) => withDocument(textDocument.uri, [], ({ model }) => foldingRanges(model)));
  connection.onHover(({ textDocument, position }) => withDocument(textDocument.uri, null, ({ model }) => hover(model, position)));
  connection.languages.diagnostics.on(async ({ textDocument }) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: localize(await withDocument<Diagnostic[]>(textDocument.uri, [], ({ model }) => diagnostics(model, textDocument.uri))),
  }));
  connection.languages.diagnostics.onWorkspace(({ previousResultIds }) => workspace!.diagnosticReport(previousResultIds));
  // The actions name the diagnostics they fix as they were published: editors match them by message.
  connection.onCodeAction(({ textDocument, range, context }) =>
    withDocument(textDocument.uri, [], ({ model }) => codeActions(model, textDocument.uri, range, context.only)
      .map((action) => (action.diagnostics ? { ...action, diagnostics: localize(action.diagnostics) } : action))));
  connection.onSelectionRanges(({ textDocument, positions }) =>
    withDocument(textDocument.uri, [], ({ model }) => positions.map((position) => selectionRange(model, position))));
  connection.onDocumentLinks(async ({ textDocument }) =>
    withDocument<Promise<DocumentLink[]> | DocumentLink[]>(textDocument.uri, [], ({ model }) => documentLinks(model, textDocument.uri, workspace!.folderPaths)));
  connection.onWorkspaceSymbol(({ query }) => workspace!.symbols(query));
  connection.onCompletion(({ textDocument, position }) => withDocument(textDocument.uri, [], ({ model }) => completions(model, position, snippets)));
  connection.onDocumentHighlight(({ textDocument, position }) => withDocument(textDocument.uri, [], ({ model }) => speakerHighlights(model, position)));
  // A refusal is an error response, so the editor shows its reason instead of a generic "cannot rename".
  connection.onPrepareRename(async ({ textDocument, position }) => {
    const answer = await withDocument(textDocument.uri, null, ({ model }) => prepareSpeakerRename(model, position));
    if (answer && 'refused' in answer) throw new ResponseError(ErrorCodes.InvalidRequest, answer.refused);
    return answer;
  });
  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const answer = await withDocument(textDocument.uri, null, ({ model }) => renameSpeaker(model, position, newName));
    if (answer && 'refused' in answer) throw new ResponseError(ErrorCodes.InvalidParams, answer.refused);
    return answer && { changes: { [textDocument.uri]: answer } };
  });
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
