import { basename } from 'node:path';
import {
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  type InitializeParams,
  type SymbolInformation,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { MessageTable } from '../core/messages';
import type { TokenSetting } from '../core/tokens';
import { matchingTurns, turnEntries } from '../core/workspace-symbols';
import type { TranscriptDocuments } from './documents';
import type { Handlers } from './gate';
import { DEFAULT_SETTINGS, type Settings, readSettings } from './settings';
import * as shapes from './shapes';
import { type IndexedFile, WorkspaceIndex, filePath } from './workspace-index';

/** Quick open shows a list, not the whole workspace: the first this many matches are enough. */
const MAX_WORKSPACE_SYMBOLS = 1000;
/** Index changes within this many milliseconds make one `workspace/diagnostic/refresh`. */
const REFRESH_DELAY_MS = 300;

/** Shows or clears (`items` empty) the pushed problems of a document. */
export type Publish = (uri: string, items: readonly Diagnostic[]) => void;

/**
 * Everything that reaches past the open documents: the workspace index, workspace symbols, the problems
 * of closed transcripts (pulled with `workspace/diagnostic` or pushed), settings and file events.
 */
export class TranscriptWorkspace {
  private settings: Settings = DEFAULT_SETTINGS;
  private folders: string[] = [];
  private readonly index: WorkspaceIndex;
  private readonly capabilities: ClientCapabilities;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly on: Handlers,
    private readonly documents: TranscriptDocuments,
    private readonly pullDiagnostics: boolean,
    private readonly publish: Publish,
    messages: MessageTable,
    params: InitializeParams,
  ) {
    this.capabilities = params.capabilities;
    this.folders = workspaceFolderPaths(params);
    this.index = new WorkspaceIndex(
      (uri, file) => this.indexChanged(uri, file),
      (message) => connection.console.info(message),
      messages,
    );
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  /** The tokenizer the counts are made with, or `off`. */
  get tokenSetting(): TokenSetting {
    return this.settings.tokens.encoding;
  }

  /** After `initialized`: registers for file and settings changes, reads the settings, starts indexing. */
  async start(): Promise<void> {
    const workspace = this.capabilities.workspace;
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
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
          if (change.type === FileChangeType.Deleted) this.index.remove(change.uri);
          else this.index.update(change.uri);
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
        const removed = new Set(event.removed.map((folder) => filePath(folder.uri)));
        const added = event.added
          .map((folder) => filePath(folder.uri))
          .filter((path): path is string => path !== undefined);
        this.folders = [...this.folders.filter((folder) => !removed.has(folder)), ...added];
        this.index.rescan(this.folders, this.settings.workspaceDiagnostics.maxFiles);
      },
    );
    this.settings = await this.pullSettings();
    this.index.rescan(this.folders, this.settings.workspaceDiagnostics.maxFiles);
  }

  /**
   * After an open document was closed: true when the index reads it again from disk (and then shows its
   * problems as those of a closed file), false when its pushed problems should simply be cleared.
   */
  documentClosed(uri: string): boolean {
    return this.settings.workspaceDiagnostics.enabled && this.index.update(uri);
  }

  /** Turns of the open transcripts and the indexed ones whose names match `query`. */
  symbols(query: string): SymbolInformation[] {
    const found: SymbolInformation[] = [];
    for (const document of this.documents.all()) {
      if (found.length >= MAX_WORKSPACE_SYMBOLS) return found;
      const label = this.index.get(document.uri)?.label ?? basename(filePath(document.uri) ?? document.uri);
      found.push(
        ...matchingTurns(turnEntries(document.model), document.uri, label, query, MAX_WORKSPACE_SYMBOLS - found.length),
      );
    }
    const open = this.openPaths();
    for (const file of this.index.all()) {
      if (found.length >= MAX_WORKSPACE_SYMBOLS) return found;
      if (open.has(filePath(file.uri))) continue;
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
      for (const file of this.index.all()) {
        if (open.has(filePath(file.uri))) continue;
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
      const stillReported = this.settings.workspaceDiagnostics.enabled && this.index.get(uri);
      if (!stillReported && !open.has(filePath(uri)))
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
      this.index.rescan(this.folders, settings.workspaceDiagnostics.maxFiles);
    } else if (settings.workspaceDiagnostics.enabled !== before.enabled) {
      for (const file of this.index.all()) this.indexChanged(file.uri, file);
    }
  }

  private indexChanged(uri: string, file: IndexedFile | undefined): void {
    if (this.pullDiagnostics) {
      this.refreshSoon();
      return;
    }
    if (this.openPaths().has(filePath(uri))) return;
    this.publish(uri, file && this.settings.workspaceDiagnostics.enabled ? file.diagnostics : []);
  }

  /**
   * The file paths of the open documents (and the URIs of those that are not files). Compared as paths,
   * since a client may spell a file's URI differently from Node (VS Code escapes more characters).
   */
  private openPaths(): Set<string | undefined> {
    const paths = new Set<string | undefined>();
    for (const document of this.documents.all()) paths.add(filePath(document.uri) ?? document.uri);
    return paths;
  }

  /** Asks a pulling client to pull again, once for a burst of index changes. */
  private refreshSoon(): void {
    if (!this.capabilities.workspace?.diagnostics?.refreshSupport || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.connection.languages.diagnostics
        .refresh()
        .catch((error) => this.warn('could not refresh diagnostics', error));
    }, REFRESH_DELAY_MS);
    this.refreshTimer.unref();
  }
}

/** The file system paths of the workspace folders (or of the root) the client opened. */
function workspaceFolderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(filePath).filter((path): path is string => path !== undefined);
}
