/**
 * A language client over stdio for the tests and the benchmark: it starts a server process (our
 * `dist/server.js --stdio` unless told otherwise), speaks LSP to it, and keeps what the server sends:
 * diagnostics, log messages, dynamic registrations and settings requests. Every wait has a time limit and
 * fails at once if the server exits, and every server started here is killed when this process exits, so
 * a broken server can neither hang a run nor outlive it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClientCapabilities,
  type ConfigurationParams,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type LogMessageParams,
  type Registration,
  type RegistrationParams,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/** A server script over stdio (ours unless told), run by this Node with `nodeOptions` (`--expose-gc`, heap limits). */
export function nodeServer(nodeOptions: readonly string[] = [], script = SERVER): ServerCommand {
  return { command: process.execPath, args: [...nodeOptions, script, '--stdio'] };
}

export type RequestHandler = (params: unknown) => unknown;

export interface ClientOptions {
  /** The server to start: ours unless told otherwise. */
  readonly server?: ServerCommand;
  /** Time limit of any one request or wait, in ms. */
  readonly timeoutMs?: number;
  /** What `workspace/configuration` answers, by section. */
  readonly configuration?: Readonly<Record<string, unknown>>;
  /** Answers to other requests the server sends (`markdown/parse`, ...); any request left unanswered here gets null. */
  readonly requestHandlers?: Readonly<Record<string, RequestHandler>>;
}

export interface StartOptions extends ClientOptions {
  readonly capabilities?: ClientCapabilities;
  /** Added to the initialize parameters (workspace folders, locale, initialization options). */
  readonly initialize?: Partial<InitializeParams>;
}

const liveServers = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveServers) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Without a handler these signals end the process without its 'exit' event, leaving the servers running.
  process.on(signal, () => process.exit(130));
}

export class LspClient {
  /** The latest diagnostics published for each document. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** How many times diagnostics were published for each document, so a wait can ask for the next ones. */
  private readonly publications = new Map<string, number>();
  private readonly waiters: Array<() => void> = [];
  initializeResult?: InitializeResult;
  stderr = '';
  /** What `workspace/configuration` answers, by section. */
  readonly configuration: Record<string, unknown>;
  /** Capabilities the server registered dynamically. */
  readonly registrations: Registration[] = [];
  /** How many times the server asked for `workspace/diagnostic/refresh`. */
  diagnosticRefreshes = 0;
  /** Every `window/logMessage` the server sent, in order. */
  readonly logs: LogMessageParams[] = [];
  readonly timeoutMs: number;
  private exitReason: string | undefined;
  /** Rejects when the server process ends, so a wait fails at once instead of at its time limit. */
  private readonly ended: Promise<never>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.configuration = { ...options.configuration };
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.ended = new Promise<never>((_, reject) => {
      this.process.on('exit', (code, signal) => {
        liveServers.delete(this.process);
        const lastError = this.stderr.trim().split('\n').pop();
        this.exitReason = `server exited (${signal ?? `code ${code}`})${lastError ? `: ${lastError}` : ''}`;
        reject(new Error(this.exitReason));
        this.wake();
      });
    });
    this.ended.catch(() => undefined);

    const handlers = options.requestHandlers ?? {};
    connection.onRequest((method, params) => (handlers[method] ? handlers[method](params) : null));
    connection.onNotification(() => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.publications.set(params.uri, (this.publications.get(params.uri) ?? 0) + 1);
      this.wake();
    });
    connection.onRequest('workspace/configuration', ({ items }: ConfigurationParams) =>
      items.map((item) => this.configuration[item.section ?? ''] ?? null),
    );
    connection.onRequest('client/registerCapability', ({ registrations }: RegistrationParams) => {
      this.registrations.push(...registrations);
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.diagnosticRefreshes++;
      return null;
    });
    connection.onNotification('window/logMessage', (params: LogMessageParams) => {
      this.logs.push(params);
      this.wake();
    });
  }

  /** Starts the server over stdio and connects to it, without `initialize`. */
  static launch(options: ClientOptions = {}): LspClient {
    const { command, args } = options.server ?? nodeServer();
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    liveServers.add(child);
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.onError(() => undefined);
    const client = new LspClient(child, connection, options);
    connection.listen();
    return client;
  }

  /** Starts the server and initializes it. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const client = LspClient.launch(options);
    try {
      client.initializeResult = await client.request<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: options.capabilities ?? {},
        ...options.initialize,
      });
      await client.notify('initialized', {});
    } catch (error) {
      client.dispose();
      throw error;
    }
    return client;
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Resident set size of the server process, from /proc: needs nothing from the server. */
  residentBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (!kib) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(kib) * 1024;
  }

  /** Sends a request and waits for its answer, within the time limit. */
  request<T>(method: string, params?: unknown): Promise<T> {
    return this.withinLimit(method, this.connection.sendRequest<T>(method, params));
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.withinLimit(method, this.connection.sendNotification(method, params));
  }

  open(uri: string, text: string, { version = 1, languageId = 'transcript' } = {}): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first published diagnostics for `uri` (of all so far) that satisfy `accept`. */
  diagnosticsFor(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = this.timeoutMs,
  ): Promise<Diagnostic[]> {
    return this.until(
      () => {
        const current = this.diagnostics.get(uri);
        return current && accept(current) ? current.diagnostics : undefined;
      },
      `matching diagnostics for ${uri}`,
      timeoutMs,
    );
  }

  /** How many times diagnostics were published for `uri` so far. */
  publicationCount(uri: string): number {
    return this.publications.get(uri) ?? 0;
  }

  /** Resolves with the next diagnostics published for `uri`; call it before sending what triggers them. */
  nextDiagnostics(uri: string, timeoutMs = this.timeoutMs): Promise<Diagnostic[]> {
    const seen = this.publications.get(uri) ?? 0;
    return this.until(
      () => ((this.publications.get(uri) ?? 0) > seen ? this.diagnostics.get(uri)!.diagnostics : undefined),
      `diagnostics for ${uri}`,
      timeoutMs,
    );
  }

  /** Resolves with the first log message (of all sent so far) whose text matches `pattern`. */
  logFor(pattern: RegExp, timeoutMs = this.timeoutMs): Promise<LogMessageParams> {
    return this.until(
      () => this.logs.find((log) => pattern.test(log.message)),
      `log message matching ${pattern}`,
      timeoutMs,
    );
  }

  symbols(uri: string): Promise<DocumentSymbol[] | null> {
    return this.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  folding(uri: string): Promise<FoldingRange[] | null> {
    return this.request('textDocument/foldingRange', { textDocument: { uri } });
  }

  /** Resolves with the server's exit code once it has exited. */
  async exited(timeoutMs = this.timeoutMs): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    const [code] = await this.exit(once(this.process, 'exit'), timeoutMs);
    return code as number | null;
  }

  /** Shuts the server down as a client should, and checks it exits. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    const exited = once(this.process, 'exit');
    await this.request('shutdown');
    await this.connection.sendNotification('exit');
    const [code] = await this.exit(exited);
    this.connection.dispose();
    return code as number | null;
  }

  /** Kills the server outright, for when a clean shutdown only costs time or the server no longer answers. */
  dispose(): void {
    this.connection.dispose();
    this.process.kill('SIGKILL');
    liveServers.delete(this.process);
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves with what `read` returns once it is not undefined, checked whenever the server sends diagnostics or a log message. */
  private async until<T>(read: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = read();
      if (found !== undefined) return found;
      if (this.exitReason) throw new Error(`no ${what}: ${this.exitReason}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private withinLimit<T>(what: string, pending: Promise<T>): Promise<T> {
    const limit = this.timeLimit(what, this.timeoutMs);
    return Promise.race([pending, limit.reached, this.ended]).finally(limit.clear);
  }

  /** Waits for the 'exit' event, which comes with the server's end rather than failing at it. */
  private exit(exited: Promise<unknown[]>, timeoutMs = this.timeoutMs): Promise<unknown[]> {
    const limit = this.timeLimit('the server exit', timeoutMs);
    return Promise.race([exited, limit.reached]).finally(limit.clear);
  }

  private timeLimit(what: string, timeoutMs: number): { reached: Promise<never>; clear: () => void } {
    let timer: NodeJS.Timeout | undefined;
    const reached = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(this.exitReason ?? `${what} took over ${timeoutMs} ms`)), timeoutMs);
    });
    return { reached, clear: () => clearTimeout(timer) };
  }
}
