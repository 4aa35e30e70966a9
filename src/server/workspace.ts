import {
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  type DocumentLink,
  type InitializeParams,
  type SymbolInformation,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { MessageTable } from '../core/messages';
import type { Transcript } from '../core/model';
import type { TokenSetting } from '../core/tokens';
import { matchingTurns, turnEntries } from '../core/workspace-symbols';
import type { TranscriptDocuments } from './documents';
import type { Handlers } from './gate';
import type { FileIndex, IndexedFile, ServerFiles, ServerHost } from './host';
import { DEFAULT_SETTINGS, type Settings, readSettings } from './settings';
import * as shapes from './shapes';

/** Quick open shows a list, not the whole workspace: the first this many matches are enough. */
const MAX_WORKSPACE_SYMBOLS = 1000;
/** Index changes within this many milliseconds make one `workspace/diagnostic/refresh`. */
const REFRESH_DELAY_MS = 300;

/** Shows or clears (`items` empty) the pushed problems of a document. */
export type Publish = (uri: string, items: readonly Diagnostic[]) => void;

/**
 * Everything that reaches past the open documents: the workspace index, workspace symbols, the problems
 * of closed transcripts (pulled with `workspace/diagnostic` or pushed), settings and file events. On a
 * host without files (a browser) there is no index and no FILE path links: symbols and problems are those
 * of the open documents.
 */
export class TranscriptWorkspace {
  private settings: Settings = DEFAULT_SETTINGS;
  private folders: string[] = [];
  private readonly index: FileIndex | undefined;
  private readonly files: ServerFiles | undefined;
  private readonly capabilities: ClientCapabilities;
  private refreshPending = false;

  constructor(
    private readonly connection: Connection,
    private readonly on: Handlers,
    private readonly host: ServerHost,
    private readonly documents: TranscriptDocuments,
    private readonly pullDiagnostics: boolean,
    private readonly publish: Publish,
    messages: MessageTable,
    params: InitializeParams,
  ) {
    this.capabilities = params.capabilities;
    this.files = host.files;
    this.folders = this.workspaceFolderPaths(params);
    this.index = this.files?.index(
      (uri, file) => this.indexChanged(uri, file),
      (message) => connection.console.info(message),
      messages,
    );
  }

  /** Links on the FILE paths of an open document; none without a file system. */
  async documentLinks(model: Transcript, uri: string): Promise<DocumentLink[]> {
    return this.files ? this.files.documentLinks(model, uri, this.folders) : [];
  }

  /** The tokenizer the counts are made with, or `off`. */
  get tokenSetting(): TokenSetting {
    return this.settings.tokens.encoding;
  }

  /** After `initialized`: registers for file and settings changes, reads the settings, starts indexing. */
  async start(): Promise<void> {
    const workspace = this.capabilities.workspace;
    if (this.index && workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.transcript' }, { globPattern: '**/*.txt' }],
        })
        .catch((error) => this.warn('could not watch files', error));
    }
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      this.connection.client
        .register(DidChangeConfigurationNotification.type, undefined)
        .catch((error) => this.warn('could not follow settings', error));
    }
    this.on.onNotification(
      DidChangeWatchedFilesNotification.type,
      shapes.didChangeWatchedFilesParams,
      ({ changes }) => {
        for (const change of changes) {
          if (change.type === FileChangeType.Deleted) this.index?.remove(change.uri);
          else this.index?.update(change.uri);
        }
      },
    );
    this.on.onNotification(
      DidChangeConfigurationNotification.type,
      shapes.didChangeConfigurationParams,
      async ({ settings }) => {
        const section = (settings as { transcript?: unknown } | null)?.transcript;
        this.applySettings(section !== undefined ? readSettings(section) : await this.pullSettings());
      },
    );
    // Announced statically in the initialize result (`changeNotifications: true`), so no registration is needed.
    this.on.onNotification(
      DidChangeWorkspaceFoldersNotification.type,
      shapes.didChangeWorkspaceFoldersParams,
      ({ event }) => {
        const removed = new Set(event.removed.map((folder) => this.filePath(folder.uri)));
        const added = event.added
          .map((folder) => this.filePath(folder.uri))
          .filter((path): path is string => path !== undefined);
        this.folders = [...this.folders.filter((folder) => !removed.has(folder)), ...added];
        this.index?.rescan(this.folders, this.settings.workspaceDiagnostics.maxFiles);
      },
    );
    this.settings = await this.pullSettings();
    this.index?.rescan(this.folders, this.settings.workspaceDiagnostics.maxFiles);
  }

  /**
   * After an open document was closed: true when the index reads it again from disk (and then shows its
   * problems as those of a closed file), false when its pushed problems should simply be cleared.
   */
  documentClosed(uri: string): boolean {
    return this.settings.workspaceDiagnostics.enabled && this.index !== undefined && this.index.update(uri);
  }

  /** Turns of the open transcripts and the indexed ones whose names match `query`. */
  symbols(query: string): SymbolInformation[] {
    const found: SymbolInformation[] = [];
    for (const document of this.documents.all()) {
      if (found.length >= MAX_WORKSPACE_SYMBOLS) return found;
      const label = this.index?.get(document.uri)?.label ?? this.baseName(document.uri);
      found.push(
        ...matchingTurns(turnEntries(document.model), document.uri, label, query, MAX_WORKSPACE_SYMBOLS - found.length),
      );
    }
    const open = this.openPaths();
    for (const file of this.indexed()) {
      if (found.length >= MAX_WORKSPACE_SYMBOLS) return found;
      if (open.has(this.filePath(file.uri))) continue;
      found.push(...matchingTurns(file.turns, file.uri, file.label, query, MAX_WORKSPACE_SYMBOLS - found.length));
    }
    return found;
  }

  /**
   * The problems of the indexed transcripts that are not open; a file whose result id the client still
   * has is reported unchanged, and one the client knows but the index no longer has is reported empty.
   */
  diagnosticReport(previousResultIds: ReadonlyArray<{ uri: string; value: string }>): WorkspaceDiagnosticReport {
    const previous = new Map(previousResultIds.map(({ uri, value }) => [uri, value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const open = this.openPaths();
    if (this.settings.workspaceDiagnostics.enabled) {
      for (const file of this.indexed()) {
        if (open.has(this.filePath(file.uri))) continue;
        items.push(
          previous.get(file.uri) === file.resultId
            ? { kind: DocumentDiagnosticReportKind.Unchanged, uri: file.uri, version: null, resultId: file.resultId }
            : {
                kind: DocumentDiagnosticReportKind.Full,
                uri: file.uri,
                version: null,
                resultId: file.resultId,
                items: [...file.diagnostics],
              },
        );
      }
    }
    for (const uri of previous.keys()) {
      const stillReported = this.settings.workspaceDiagnostics.enabled && this.index?.get(uri);
      if (!stillReported && !open.has(this.filePath(uri)))
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    return { items };
  }

  /** A client that refuses a request is not a reason to stop: say so in its log and go on. */
  private warn(what: string, error: unknown): void {
    this.connection.console.warn(`transcript: ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }

  private async pullSettings(): Promise<Settings> {
    if (!this.capabilities.workspace?.configuration) return this.settings;
    try {
      return readSettings(await this.connection.workspace.getConfiguration('transcript'));
    } catch {
      return this.settings;
    }
  }

  private applySettings(settings: Settings): void {
    const before = this.settings.workspaceDiagnostics;
    this.settings = settings;
    if (settings.workspaceDiagnostics.maxFiles !== before.maxFiles) {
      this.index?.rescan(this.folders, settings.workspaceDiagnostics.maxFiles);
    } else if (settings.workspaceDiagnostics.enabled !== before.enabled) {
      for (const file of this.indexed()) this.indexChanged(file.uri, file);
    }
  }

  private indexChanged(uri: string, file: IndexedFile | undefined): void {
    if (this.pullDiagnostics) {
      this.refreshSoon();
      return;
    }
    if (this.openPaths().has(this.filePath(uri))) return;
    this.publish(uri, file && this.settings.workspaceDiagnostics.enabled ? file.diagnostics : []);
  }

  /**
   * The file paths of the open documents (and the URIs of those that are not files). Compared as paths,
   * since a client may spell a file's URI differently from Node (VS Code escapes more characters).
   */
  private openPaths(): Set<string | undefined> {
    const paths = new Set<string | undefined>();
    for (const document of this.documents.all()) paths.add(this.filePath(document.uri) ?? document.uri);
    return paths;
  }

  /** Asks a pulling client to pull again, once for a burst of index changes. */
  private refreshSoon(): void {
    if (!this.capabilities.workspace?.diagnostics?.refreshSupport || this.refreshPending) return;
    this.refreshPending = true;
    this.host.later(REFRESH_DELAY_MS, () => {
      this.refreshPending = false;
      this.connection.languages.diagnostics
        .refresh()
        .catch((error) => this.warn('could not refresh diagnostics', error));
    });
  }

  private indexed(): Iterable<IndexedFile> {
    return this.index?.all() ?? [];
  }

  private filePath(uri: string): string | undefined {
    return this.files?.filePath(uri);
  }

  /** A document's name beside its symbols: its file's name, or without a file system, its URI's last part. */
  private baseName(uri: string): string {
    if (this.files) return this.files.baseName(this.filePath(uri) ?? uri);
    const name = uri.replace(/[?#].*$/s, '');
    return safeDecode(name.slice(name.lastIndexOf('/') + 1)) || uri;
  }

  /** The file system paths of the workspace folders (or of the root) the client opened. */
  private workspaceFolderPaths(params: InitializeParams): string[] {
    const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return uris.map((uri) => this.filePath(uri)).filter((path): path is string => path !== undefined);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
