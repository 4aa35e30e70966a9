import {
  CodeActionKind,
  CodeActionRequest,
  CompletionRequest,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  DocumentHighlightRequest,
  type DocumentLink,
  type DocumentSymbol,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  type InitializeResult,
  PrepareRenameRequest,
  type Position,
  type Range,
  RenameRequest,
  RequestType,
  ResponseError,
  SelectionRangeRequest,
  TextDocumentSyncKind,
  WorkspaceDiagnosticRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver';
import type { ChatOptions, TurnWindow } from '../core/chat-html';
import { DEFAULT_SPEAKERS, type DatasetFormat } from '../core/dataset';
import { planImport, type ImportPlan } from '../core/dataset-import';
import { exportConversation, transcriptId, type DatasetExportAnswer, type SpeakerRole } from '../core/dataset-export';
import { COMPLETION_TRIGGERS, completions } from '../core/completion';
import { diagnostics, sameDiagnostics } from '../core/diagnostics';
import { foldingRanges } from '../core/folding';
import { speakerHighlights } from '../core/highlights';
import { hover } from '../core/hover';
import { ENGLISH } from '../core/messages-en';
import { type MessageTable, messagesFor } from '../core/messages';
import { FIX_ALL_KIND, codeActions } from '../core/quick-fixes';
import { prepareSpeakerRename, renameSpeaker } from '../core/rename';
import { turnWithTagAt } from '../core/sections';
import { selectionRange } from '../core/selection-ranges';
import { type LineSpan, type SpeakerLabels, speakerLabels } from '../core/speaker-labels';
import { statistics, wordsInRange } from '../core/statistics';
import { type TurnStep, turnStep } from '../core/turn-navigation';
import { type TurnSearch, searchTurns } from '../core/turn-search';
import { documentSymbolPieces } from '../core/symbols';
import type { Transcript } from '../core/model';
import { type TokenCounter, type TokenTotals, tokenCounting } from '../core/tokens';
import { TranscriptDocuments, type OpenDocument } from './documents';
import type { Handlers } from './gate';
import type { MemoryUsage, ServerHost } from './host';
import * as shapes from './shapes';
import { SERVER_VERSION } from './version';
import { TranscriptWorkspace } from './workspace';

// Requests for the views that LSP has no method for (the statistics page, the status bar), and for benchmarks.
const StatisticsRequest = new RequestType<{ uri: string }, ReturnType<typeof statistics> | null, void>(
  'transcript/statistics',
);
const WordsInRangeRequest = new RequestType<
  { uri: string; range: Range },
  ReturnType<typeof wordsInRange> | null,
  void
>('transcript/wordsInRange');
const TurnStepRequest = new RequestType<{ uri: string; position: Position; step: TurnStep }, Range | null, void>(
  'transcript/turnStep',
);
const SearchTurnsRequest = new RequestType<{ uri: string; query: string; speaker?: string }, TurnSearch | null, void>(
  'transcript/searchTurns',
);
const SpeakerLabelsRequest = new RequestType<{ uri: string; lines?: LineSpan }, SpeakerLabels | null, void>(
  'transcript/speakerLabels',
);
const RenderTurnsRequest = new RequestType<shapes.RenderTurnsParams, (TurnWindow & { version: number }) | null, void>(
  'transcript/renderTurns',
);
const ExportHtmlRequest = new RequestType<{ uri: string; title: string }, string | null, void>('transcript/exportHtml');
const ExportDatasetRequest = new RequestType<
  { uri: string; format: DatasetFormat; roles?: SpeakerRole[]; allowErrors: boolean },
  DatasetExportAnswer | null,
  void
>('transcript/exportDataset');
const ImportConversationsRequest = new RequestType<{ name: string; text: string }, ImportPlan, void>(
  'transcript/importConversations',
);
const MemoryUsageRequest = new RequestType<{ collect?: boolean }, MemoryUsage | null, void>('transcript/memoryUsage');

/** The id `transcript export` gives the file at `uri`: its name without the extension. */
function idOfUri(uri: string): string {
  const path = URL.canParse(uri) ? new URL(uri).pathname : uri;
  try {
    return transcriptId(decodeURIComponent(path));
  } catch {
    // A stray `%` is no escape: the name as it is spelled.
    return transcriptId(path);
  }
}

/** Code units of uncounted turns a hover counts before it answers without the speaker's tokens. */
const QUICK_TOKEN_COUNT = 64 * 1024;

/** Code blocks longer than this are shown plain in the preview: highlighting takes about 0.6 s per MiB. */
const PREVIEW_HIGHLIGHT_LIMIT = 64 * 1024;

/** How a document's problems are being published. */
interface Publication {
  /** How long the last publication took, in ms. */
  cost: number;
  /** When the last change came or the last publication ended (`host.now()`). */
  lastActivity: number;
  /** The publication waiting to be made; calling it makes it now, once. */
  pending: (() => void) | undefined;
}

/**
 * What an open binary document is shown instead of its problems: the command line skips such a file,
 * and the editor says why it is not checked rather than show problems for bytes that are not text.
 */
function notChecked(reason: string): Diagnostic {
  const start = { line: 0, character: 0 };
  return {
    range: { start, end: start },
    severity: DiagnosticSeverity.Information,
    source: 'transcript',
    message: `Not checked: ${reason}`,
  };
}

/** The problems of an open document in the language of `messages`, or for a binary one, why it is not checked. */
function documentDiagnostics(document: OpenDocument, messages: MessageTable): Diagnostic[] {
  return document.binary ? [notChecked(document.binary)] : diagnostics(document.model, document.uri, messages);
}

/**
 * Wires the transcript core to an LSP connection; every handler reads the model of the document's version.
 * Handlers are registered through `on`, with the shape of the parameters they read (see ProtocolGate); timers,
 * files and the renderer come from `host`, so that the same handlers run in Node and in a web worker.
 */
export function startServer(connection: Connection, on: Handlers, host: ServerHost): void {
  const documents = new TranscriptDocuments();
  let pullDiagnostics = false;
  let snippets = false;
  /** The messages of the client's language (Simplified Chinese for `zh*` locales, else English). */
  let messages = ENGLISH;
  /**
   * How the preview's turns are rendered, with and without remote pictures, and the export's page: made
   * once per language, since rendered turns are kept for the options object they were made with.
   */
  let chat: { preview: ChatOptions; previewRemote: ChatOptions; page: ChatOptions } | undefined;
  let locale: string | undefined;
  const chatOptions = (): NonNullable<typeof chat> => {
    if (chat) return chat;
    const labels = host.renderer().chatLabelsFor(locale);
    // The preview shows a large block plain rather than wait for it; the export highlights everything.
    const preview = { labels, messages, remoteImages: false, highlightLimit: PREVIEW_HIGHLIGHT_LIMIT };
    return (chat = {
      preview,
      previewRemote: { ...preview, remoteImages: true },
      page: { labels, messages, remoteImages: false, highlightLimit: Infinity },
    });
  };
  let workspace: TranscriptWorkspace | undefined;
  /** What was last pushed for each document, to skip sending the same again. */
  const published = new Map<string, readonly Diagnostic[]>();
  /** How each open document's problems are being published (see `publishSoon`). */
  const publications = new Map<string, Publication>();

  on.onInitialize(shapes.initializeParams, (params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    messages = messagesFor(params.locale ?? undefined);
    locale = params.locale ?? undefined;
    workspace = new TranscriptWorkspace(connection, on, host, documents, pullDiagnostics, publish, messages, params);
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
        ...(pullDiagnostics
          ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: true } }
          : {}),
      },
      serverInfo: { name: 'transcript-language-server', version: SERVER_VERSION },
    };
  });
  on.onNotification(InitializedNotification.type, shapes.anything, () => void workspace!.start());

  let tokenizerBroken = false;
  /** The token count going on for each open document, a slice at a time (see `countedTokens`). */
  const tokenCounts = new Map<
    string,
    { document: OpenDocument; counter: TokenCounter; counting: Generator<void, TokenTotals, undefined> }
  >();
  /**
   * The tokenizer of the setting, loaded by the first request that counts; none when the setting is
   * `off`, or when it cannot be loaded (said once in the log), so the counts go but the hover stays.
   */
  function tokens(): TokenCounter | undefined {
    const setting = workspace?.tokenSetting ?? 'off';
    if (setting === 'off' || tokenizerBroken) return undefined;
    try {
      return host.tokenizer(setting);
    } catch (error) {
      tokenizerBroken = true;
      connection.console.error(`transcript: cannot load the ${setting} tokenizer: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * The tokenizer, once every turn of `uri` has been counted: a slice at a time, with a turn of the event
   * loop between two, so that the first count of a large document (seconds for 100 MiB) does not hold up
   * the requests and diagnostics meanwhile. A document counted before costs a lookup, and after an edit
   * only the turns it changed are counted. An edit meanwhile moves the count to the new version; a close
   * ends it (undefined), so that no closed document is kept for it.
   */
  async function countedTokens(uri: string): Promise<TokenCounter | undefined> {
    const counter = tokens();
    if (!counter) return undefined;
    // Only the uri and the counter live across the waits: a document closed meanwhile is not kept.
    for (;;) {
      const state = countTokensOnce(uri, counter);
      if (state === 'closed') return undefined;
      if (state === 'counted') return counter;
      await new Promise<void>((resolve) => host.soon(resolve));
    }
  }

  /** Counts one slice of `uri`'s tokens, going on with the count of its current version. */
  function countTokensOnce(uri: string, counter: TokenCounter): 'counted' | 'closed' | 'more' {
    const document = documents.get(uri);
    if (!document) return 'closed';
    if (document.binary) return 'counted';
    let active = tokenCounts.get(uri);
    if (active?.document !== document || active.counter !== counter)
      tokenCounts.set(uri, (active = { document, counter, counting: tokenCounting(document.model, counter) }));
    const { counting } = active;
    if (!answerFrom(document, true, () => counting.next().done === true)) return 'more';
    tokenCounts.delete(uri);
    return 'counted';
  }

  /** The document's token totals if counting them now would be quick; else none, and the count goes on meanwhile. */
  function tokenTotalsSoon(uri: string, model: Transcript, counter: TokenCounter): TokenTotals | undefined {
    const step = tokenCounting(model, counter, QUICK_TOKEN_COUNT).next();
    if (step.done) return step.value;
    void countedTokens(uri);
    return undefined;
  }

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
    return new Promise((resolve) =>
      host.soon(() => {
        // The diagnostics of every change before the request go out before its answer, a delayed publication too.
        publications.get(uri)?.pending?.();
        resolve(answerFrom(document, fallback, answer));
      }),
    );
  }

  /**
   * The pieces of a long answer joined, with a turn of the event loop between two, so that the requests
   * sent meanwhile (a hover after typing) are answered between them rather than after the whole answer.
   */
  async function piecewise<T>(document: OpenDocument, pieces: Iterator<T[]>): Promise<T[]> {
    const all: T[] = [];
    for (;;) {
      const next = answerFrom(document, undefined, () => pieces.next());
      if (!next) return [];
      if (next.done) return all;
      for (const item of next.value) all.push(item);
      await new Promise<void>((resolve) => host.soon(resolve));
    }
  }

  /**
   * Publishes the problems of `uri` on the next turn of the event loop, or, for a change that comes
   * sooner after the change or publication before it than the last publication took, once that long
   * has passed. A keystroke
   * typed alone is published at once; a burst on a document whose problems take long to publish (a
   * 100 MiB transcript's 4,000 diagnostics take about 60 ms) is published every so often and after its
   * last keystroke, instead of once per keystroke, so that a request sent after the burst does not wait
   * behind a publication for every keystroke. vscode-jsonrpc handles one message per turn of the event
   * loop, so "the next turn" alone falls between two keystrokes of a burst.
   */
  function publishSoon(uri: string): void {
    if (pullDiagnostics) return;
    const state = publications.get(uri) ?? { cost: 0, lastActivity: -Infinity, pending: undefined };
    publications.set(uri, state);
    const now = host.now();
    const inBurst = now - state.lastActivity < state.cost;
    state.lastActivity = now;
    if (state.pending) return;
    const publishLatest = (): void => {
      if (state.pending !== publishLatest) return;
      state.pending = undefined;
      const document = documents.get(uri);
      if (!document) return;
      const start = host.now();
      publish(
        uri,
        answerFrom(document, [], (open) => documentDiagnostics(open, messages)),
        document.version,
      );
      state.lastActivity = host.now();
      state.cost = state.lastActivity - start;
    };
    state.pending = publishLatest;
    if (inBurst) host.later(state.cost, publishLatest);
    else host.soon(publishLatest);
  }

  /** Pushes the problems of `uri` unless they are what was pushed last; never pushes "none" for a document shown none. */
  function publish(uri: string, items: readonly Diagnostic[], version?: number): void {
    const last = published.get(uri);
    if ((last && sameDiagnostics(last, items)) || (items.length === 0 && !last && version === undefined)) return;
    if (items.length === 0 && version === undefined) published.delete(uri);
    else published.set(uri, items);
    const diagnostics = [...items];
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  on.onNotification(DidOpenTextDocumentNotification.type, shapes.didOpenParams, ({ textDocument }) => {
    documents.opened(textDocument.uri, textDocument.version, textDocument.text);
    published.delete(textDocument.uri);
    publishSoon(textDocument.uri);
  });
  on.onNotification(
    DidChangeTextDocumentNotification.type,
    shapes.didChangeParams,
    ({ textDocument, contentChanges }) => {
      try {
        if (documents.changed(textDocument.uri, textDocument.version, contentChanges)) publishSoon(textDocument.uri);
      } catch (error) {
        connection.console.error(
          `transcript: ${textDocument.uri}: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
    },
  );
  on.onNotification(DidCloseTextDocumentNotification.type, shapes.documentParams, ({ textDocument }) => {
    documents.closed(textDocument.uri);
    publications.delete(textDocument.uri);
    tokenCounts.delete(textDocument.uri);
    // A transcript of the workspace keeps showing its problems, read again from disk; any other is cleared.
    if (pullDiagnostics || workspace!.documentClosed(textDocument.uri)) return;
    if (published.has(textDocument.uri)) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    published.delete(textDocument.uri);
  });

  on.onRequest(DocumentSymbolRequest.type, shapes.documentParams, async ({ textDocument }) =>
    withDocument<Promise<DocumentSymbol[]> | DocumentSymbol[]>(textDocument.uri, [], (document) =>
      piecewise(document, documentSymbolPieces(document.model)),
    ),
  );
  on.onRequest(FoldingRangeRequest.type, shapes.documentParams, ({ textDocument }) =>
    withDocument(textDocument.uri, [], ({ model }) => foldingRanges(model)),
  );
  // Only a hover on a speaker tag shows tokens: one anywhere else neither loads the tokenizer nor counts.
  on.onRequest(HoverRequest.type, shapes.positionParams, async ({ textDocument, position }) => {
    const onTag = answerFrom(documents.get(textDocument.uri), false, ({ model }) =>
      Boolean(turnWithTagAt(model, position)),
    );
    // The turn's tokens at once; the speaker's once the document is counted, which a first hover starts.
    const counter = onTag ? tokens() : undefined;
    return withDocument(textDocument.uri, null, ({ model, binary }) =>
      hover(
        model,
        position,
        counter && { counter, totals: binary ? undefined : tokenTotalsSoon(textDocument.uri, model, counter) },
      ),
    );
  });
  on.onRequest(
    DocumentDiagnosticRequest.type,
    shapes.documentParams,
    async ({ textDocument }): Promise<DocumentDiagnosticReport> => ({
      kind: DocumentDiagnosticReportKind.Full,
      items: await withDocument(textDocument.uri, [], (document) => documentDiagnostics(document, messages)),
    }),
  );
  on.onRequest(WorkspaceDiagnosticRequest.type, shapes.workspaceDiagnosticParams, ({ previousResultIds }) =>
    workspace!.diagnosticReport(previousResultIds),
  );
  // The actions name the diagnostics they fix as they were published: editors match them by message.
  // A binary document shows no problems, so it has nothing to fix, and fix-all on save must not touch it.
  on.onRequest(CodeActionRequest.type, shapes.codeActionParams, ({ textDocument, range, context }) =>
    withDocument(textDocument.uri, [], ({ model, binary }) =>
      binary ? [] : codeActions(model, textDocument.uri, range, context.only, messages),
    ),
  );
  on.onRequest(SelectionRangeRequest.type, shapes.selectionRangeParams, ({ textDocument, positions }) =>
    withDocument(textDocument.uri, [], ({ model }) => positions.map((position) => selectionRange(model, position))),
  );
  on.onRequest(DocumentLinkRequest.type, shapes.documentParams, async ({ textDocument }) =>
    withDocument<Promise<DocumentLink[]> | DocumentLink[]>(textDocument.uri, [], ({ model }) =>
      workspace!.documentLinks(model, textDocument.uri),
    ),
  );
  on.onRequest(WorkspaceSymbolRequest.type, shapes.workspaceSymbolParams, ({ query }) => workspace!.symbols(query));
  on.onRequest(CompletionRequest.type, shapes.positionParams, ({ textDocument, position }) =>
    withDocument(textDocument.uri, [], ({ model }) => completions(model, position, snippets)),
  );
  on.onRequest(DocumentHighlightRequest.type, shapes.positionParams, ({ textDocument, position }) =>
    withDocument(textDocument.uri, [], ({ model }) => speakerHighlights(model, position)),
  );
  // A refusal is an error response, so the editor shows its reason instead of a generic "cannot rename".
  on.onRequest(PrepareRenameRequest.type, shapes.positionParams, async ({ textDocument, position }) => {
    const answer = await withDocument(textDocument.uri, null, ({ model }) => prepareSpeakerRename(model, position));
    if (answer && 'refused' in answer) throw new ResponseError(ErrorCodes.InvalidRequest, answer.refused);
    return answer;
  });
  on.onRequest(RenameRequest.type, shapes.renameParams, async ({ textDocument, position, newName }) => {
    const answer = await withDocument(textDocument.uri, null, ({ model }) => renameSpeaker(model, position, newName));
    if (answer && 'refused' in answer) throw new ResponseError(ErrorCodes.InvalidParams, answer.refused);
    return answer && { changes: { [textDocument.uri]: answer } };
  });
  on.onRequest(StatisticsRequest, shapes.statisticsParams, async ({ uri }) => {
    const counter = await countedTokens(uri);
    return withDocument(uri, null, ({ model }) => statistics(model, counter));
  });
  on.onRequest(WordsInRangeRequest, shapes.wordsInRangeParams, ({ uri, range }) =>
    withDocument(uri, null, ({ model }) =>
      wordsInRange(model, {
        start: model.lines.offsetAt(range.start),
        end: model.lines.offsetAt(range.end),
      }),
    ),
  );
  // The tag of the turn a navigation command lands on: one binary search, where the outline is every turn.
  on.onRequest(TurnStepRequest, shapes.turnStepParams, ({ uri, position, step }) =>
    withDocument(uri, null, ({ model }) => {
      const turn = turnStep(model, position, step);
      return turn ? model.lines.rangeOf(turn.tag.start, turn.tag.end) : null;
    }),
  );
  // Go to Turn asks as the user types: the turns whose text holds the query, where the outline is every turn.
  on.onRequest(SearchTurnsRequest, shapes.searchTurnsParams, ({ uri, query, speaker }) =>
    withDocument(uri, null, ({ model }) => searchTurns(model, query, speaker)),
  );
  // Speaker colours ask for the lines on screen: their labels, where the outline is every turn.
  on.onRequest(SpeakerLabelsRequest, shapes.speakerLabelsParams, ({ uri, lines }) =>
    withDocument(uri, null, ({ model }) => speakerLabels(model, lines)),
  );
  // The preview's turns: a window of them, the unchanged ones from the turns' memos.
  on.onRequest(RenderTurnsRequest, shapes.renderTurnsParams, ({ uri, remoteImages, ...request }) =>
    withDocument(uri, null, ({ model, version }) => ({
      version,
      ...host.renderer().turnWindow(model, request, remoteImages ? chatOptions().previewRemote : chatOptions().preview),
    })),
  );
  on.onRequest(ExportHtmlRequest, shapes.exportHtmlParams, ({ uri, title }) =>
    withDocument(uri, null, ({ model }) =>
      host.renderer().renderChatPage(model, {
        title,
        options: chatOptions().page,
        language: messages === ENGLISH ? 'en' : 'zh-CN',
      }),
    ),
  );
  // Export's dataset line, made as `transcript export` makes it, from the document as it is in the editor.
  on.onRequest(ExportDatasetRequest, shapes.exportDatasetParams, ({ uri, format, roles, allowErrors }) =>
    withDocument(uri, null, ({ model }): DatasetExportAnswer => {
      const exported = exportConversation(model, idOfUri(uri), {
        format,
        files: 'keep',
        roles: roles && new Map(roles.map(({ speaker, role }) => [speaker, role])),
        system: undefined,
        allowErrors,
        strict: false,
      });
      return exported.ok || exported.kind !== 'errors' ? exported : { ...exported, errors: exported.errors.length };
    }),
  );
  // Import's transcripts, planned as `transcript import` plans them (with its default speakers); the client writes them.
  on.onRequest(ImportConversationsRequest, shapes.importConversationsParams, ({ name, text }) =>
    planImport(name, text, {
      format: undefined,
      speakers: new Map<string, string>(Object.entries(DEFAULT_SPEAKERS)),
      normalize: false,
    }),
  );
  // For benchmarks and leak tests: `collect` runs a full GC first where the host can.
  on.onRequest(MemoryUsageRequest, shapes.memoryUsageParams, ({ collect }) => host.memoryUsage(collect === true));

  connection.listen();
}
