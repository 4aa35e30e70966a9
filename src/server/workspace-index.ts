import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diagnostics } from '../core/diagnostics';
import type { MessageTable } from '../core/messages';
import { parseTranscript } from '../core/parse';
import { isTranscriptFile, mayBeTranscriptName } from '../core/transcript-files';
import { turnEntries } from '../core/workspace-symbols';
import type { IndexedFile } from './host';
import { readTranscriptText } from './read-text';

/**
 * Files larger than this are left out: parsing one would hold up requests for the open documents. Below
 * the command line's limit (`DEFAULT_MAX_FILE_BYTES`), so the index never holds a file `transcript check` skips.
 */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Folders never worth scanning for transcripts. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * The transcripts of the workspace folders, kept up to date from file events. Files are read and parsed
 * one at a time with a turn of the event loop between them, so requests for open documents are answered
 * while a large workspace is indexed.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly queue = new Set<string>();
  private folders: string[] = [];
  private maxFiles = Infinity;
  private generation = 0;
  private nextResultId = 0;
  private draining = false;
  private warnedFull = false;

  constructor(
    /** Called after a file was added, updated or removed (`undefined`). */
    private readonly changed: (uri: string, file: IndexedFile | undefined) => void,
    private readonly log: (message: string) => void,
    /** The language of the client, in which the index keeps each file's diagnostics. */
    private readonly messages: MessageTable,
  ) {}

  /** Forgets everything and indexes `folders` (file system paths) afresh, at most `maxFiles` transcripts. */
  rescan(folders: readonly string[], maxFiles: number): void {
    const generation = ++this.generation;
    this.folders = [...folders];
    this.maxFiles = maxFiles;
    this.warnedFull = false;
    this.queue.clear();
    for (const uri of [...this.files.keys()]) this.forget(uri);
    void (async () => {
      for (const folder of this.folders) {
        await this.walk(folder, generation);
        if (generation !== this.generation) return;
      }
    })();
  }

  /** Reads `uri` again (created or changed on disk, or closed in the editor); false when it is outside the folders. */
  update(uri: string): boolean {
    const path = filePath(uri);
    if (!path || !mayBeTranscriptName(path) || !this.folders.some((folder) => isInside(folder, path))) return false;
    this.enqueue(path);
    return true;
  }

  /** Forgets `uri`, or when it names a folder (one deleted on disk), every indexed file under it. */
  remove(uri: string): void {
    if (this.files.has(uri)) return this.forget(uri);
    const removed = filePath(uri);
    if (!removed) return;
    const under = removed.endsWith(sep) ? removed : removed + sep;
    // Compared as paths: the client may spell a URI differently from Node (VS Code escapes more characters).
    for (const file of [...this.files.values()]) {
      if (file.path === removed || file.path.startsWith(under)) this.forget(file.uri);
    }
  }

  get(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  all(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  private forget(uri: string): void {
    if (this.files.delete(uri)) this.changed(uri, undefined);
  }

  private async walk(folder: string, generation: number): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (generation !== this.generation || this.full) return;
      const path = join(folder, entry.name);
      // Dot folders (.git, .vscode-test) and symbolic links (which can loop) are not followed.
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name))
        await this.walk(path, generation);
      else if (entry.isFile() && mayBeTranscriptName(entry.name)) this.enqueue(path);
    }
  }

  private get full(): boolean {
    if (this.files.size < this.maxFiles) return false;
    if (!this.warnedFull)
      this.log(
        `transcript: indexed the first ${this.maxFiles} transcripts of the workspace; raise transcript.workspaceDiagnostics.maxFiles to index more`,
      );
    this.warnedFull = true;
    return true;
  }

  private enqueue(path: string): void {
    this.queue.add(path);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.size > 0) {
        const path: string = this.queue.values().next().value!;
        this.queue.delete(path);
        await this.read(path, this.generation);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }

  private async read(path: string, generation: number): Promise<void> {
    const uri = pathToFileURL(path).href;
    let text: string | undefined;
    try {
      text = await readTranscriptText(path, MAX_FILE_BYTES);
    } catch {
      // Deleted or unreadable since it was queued: drop it below.
    }
    if (generation !== this.generation) return;
    if (text === undefined || !isTranscriptFile(path, text)) {
      // Reported even when it was never indexed: it may have been open, with problems still shown.
      this.files.delete(uri);
      this.changed(uri, undefined);
      return;
    }
    if (!this.files.has(uri) && this.full) return;
    const model = parseTranscript(text);
    const folder = this.folders.find((candidate) => isInside(candidate, path));
    const file: IndexedFile = {
      uri,
      path,
      label: folder ? relative(folder, path).split('\\').join('/') : path,
      turns: turnEntries(model),
      diagnostics: diagnostics(model, uri, this.messages),
      resultId: String(++this.nextResultId),
    };
    this.files.set(uri, file);
    this.changed(uri, file);
  }
}

/** The file system path of a `file:` URI; undefined for other schemes. */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Whether `path` lies strictly inside `folder`; `..notes.transcript` does, `../notes.transcript` does not. */
function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}
