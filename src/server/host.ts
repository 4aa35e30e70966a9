import type { Diagnostic, DocumentLink } from 'vscode-languageserver';
import type { MessageTable } from '../core/messages';
import type { Transcript } from '../core/model';
import type { TokenCounter, TokenEncoding } from '../core/tokens';
import type { TurnEntry } from '../core/workspace-symbols';
import type * as ChatRenderer from './chat-renderer';

/**
 * What the server's handlers need of the place they run in, handed to `startServer` by its entry point:
 * `main.ts` for Node, `browser-main.ts` for a web worker. The handlers reach no timer, file or process
 * global themselves, so the same handlers run in both.
 *
 * @example `startServer(connection, gate.handlers(connection), nodeHost)`
 */
export interface ServerHost {
  /** Calls `callback` on a later turn of the event loop, after the messages already received. */
  soon(callback: () => void): void;
  /** Calls `callback` after `ms` milliseconds; a pending call does not keep the program running. */
  later(ms: number, callback: () => void): void;
  /** Milliseconds from a fixed start, for measuring how long work takes. */
  now(): number;
  /** The chat renderer of the preview and the export, loaded when first asked for. */
  renderer(): typeof ChatRenderer;
  /**
   * The tokenizer of `encoding`, loaded when first asked for; undefined where none ships (a browser: the
   * tokenizers are megabytes each).
   */
  tokenizer(encoding: TokenEncoding): TokenCounter | undefined;
  /** The memory the server uses (`collect`: after a full collection where the runtime allows it); null where unknown. */
  memoryUsage(collect: boolean): MemoryUsage | null;
  /** The file system, or undefined where there is none (a browser): then only open documents are read. */
  readonly files: ServerFiles | undefined;
}

/** What the server reads from disk: the workspace's transcripts that are not open, and FILE paths' targets. */
export interface ServerFiles {
  /** The file system path of a `file:` URI; undefined for other schemes. */
  filePath(uri: string): string | undefined;
  /** The last part of a file system path. */
  baseName(path: string): string;
  /** An index of the transcripts under the workspace folders (see workspace-index.ts). */
  index(
    changed: (uri: string, file: IndexedFile | undefined) => void,
    log: (message: string) => void,
    messages: MessageTable,
  ): FileIndex;
  /** Links on the FILE paths of `model` that name an existing file (see document-links.ts). */
  documentLinks(model: Transcript, uri: string, workspaceFolders: readonly string[]): Promise<DocumentLink[]>;
}

/** The workspace index as the handlers use it (`WorkspaceIndex`). */
export interface FileIndex {
  rescan(folders: readonly string[], maxFiles: number): void;
  update(uri: string): boolean;
  remove(uri: string): void;
  get(uri: string): IndexedFile | undefined;
  all(): IterableIterator<IndexedFile>;
}

/** What Node's `process.memoryUsage()` says, in bytes. */
export type MemoryUsage = Readonly<Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>>;

/** What the index keeps of a transcript on disk: enough for workspace symbols and workspace problems. */
export interface IndexedFile {
  readonly uri: string;
  /** Its file system path, by which the files under a deleted folder are found. */
  readonly path: string;
  /** The path relative to its workspace folder, shown beside its symbols. */
  readonly label: string;
  readonly turns: readonly TurnEntry[];
  readonly diagnostics: readonly Diagnostic[];
  /** Changes whenever the entry does: `workspace/diagnostic` answers "unchanged" for a result id it still has. */
  readonly resultId: string;
}
