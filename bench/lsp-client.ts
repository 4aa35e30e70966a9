/**
 * A small LSP client over stdio for the benchmark: starts a server process, speaks JSON-RPC to it with
 * vscode-jsonrpc, and lets a figure wait for the one answer or notification it times. Every wait has a
 * time limit, and every server started here is killed when it is disposed, when a wait times out, and
 * when the benchmark process exits, so a broken peer cannot hang the run or outlive it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeParams,
  PublishDiagnosticsParams,
  SymbolInformation,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export type RequestHandler = (params: unknown) => unknown;

export interface StartOptions {
  /** Answers to requests the server sends the client (`markdown/parse`, `workspace/configuration`, ...). */
  readonly requestHandlers?: Readonly<Record<string, RequestHandler>>;
  /** Extra client capabilities merged into `initialize`. */
  readonly capabilities?: InitializeParams['capabilities'];
  readonly initializationOptions?: unknown;
  /** Time limit of any one wait, in ms. */
  readonly timeoutMs: number;
}

const liveServers = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveServers) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => process.exit(130));
}

export class TimeoutError extends Error {}

interface DiagnosticsWaiter {
  readonly uri: string;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspServer {
  private readonly diagnosticsWaiters: DiagnosticsWaiter[] = [];
  private exitReason: string | undefined;
  private stderrTail = '';
  /** Rejects when the server process ends, so a wait fails at once instead of at its time limit. */
  private readonly exited: Promise<never>;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    private readonly timeoutMs: number,
  ) {
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    this.exited = new Promise<never>((_, reject) => {
      child.on('exit', (code, signal) => {
        liveServers.delete(child);
        const lastError = this.stderrTail.trim().split('\n').pop();
        this.exitReason = `server exited (${signal ?? `code ${code}`})${lastError ? `: ${lastError}` : ''}`;
        reject(new Error(this.exitReason));
      });
    });
    this.exited.catch(() => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const index = this.diagnosticsWaiters.findIndex((waiter) => waiter.uri === params.uri);
      if (index !== -1) this.diagnosticsWaiters.splice(index, 1)[0]!.resolve(params);
    });
  }

  static async start(server: ServerCommand, options: StartOptions): Promise<LspServer> {
    const child = spawn(server.command, [...server.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    liveServers.add(child);
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const handlers = options.requestHandlers ?? {};
    // Answer whatever else the server asks (registerCapability, workDoneProgress/create, ...) with null.
    connection.onRequest((method, params) => (handlers[method] ? handlers[method](params) : null));
    connection.onNotification(() => undefined);
    connection.onError(() => undefined);
    connection.listen();
    const lsp = new LspServer(child, connection, options.timeoutMs);
    try {
      await lsp.request('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: options.capabilities ?? {},
        initializationOptions: options.initializationOptions,
      } satisfies InitializeParams);
      await connection.sendNotification('initialized', {});
    } catch (error) {
      lsp.dispose();
      throw error;
    }
    return lsp;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident set size of the server process, from /proc: needs nothing from the server. */
  residentBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (!kib) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(kib) * 1024;
  }

  /** Sends a request and waits for its answer, within the time limit. */
  request<T>(method: string, params: unknown): Promise<T> {
    return this.withinLimit(method, this.connection.sendRequest<T>(method, params));
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.withinLimit(method, this.connection.sendNotification(method, params));
  }

  /** Resolves with the next publishDiagnostics for `uri`; register before sending what triggers it. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    const published = new Promise<PublishDiagnosticsParams>((resolve) =>
      this.diagnosticsWaiters.push({ uri, resolve }),
    );
    return this.withinLimit('publishDiagnostics', published).then((params) => params.diagnostics);
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  /** Kills the server outright: a clean shutdown of a server holding 100 MiB only costs time here. */
  dispose(): void {
    this.connection.dispose();
    this.child.kill('SIGKILL');
    liveServers.delete(this.child);
  }

  private withinLimit<T>(what: string, pending: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new TimeoutError(this.exitReason ?? `${what} took over ${this.timeoutMs / 1000} s`));
        this.dispose();
      }, this.timeoutMs);
    });
    return Promise.race([pending, limit, this.exited]).finally(() => clearTimeout(timer));
  }
}
