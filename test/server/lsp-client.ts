import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
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
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

/** A language client for tests: it starts `dist/server.js --stdio` and speaks LSP to it. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<() => void> = [];
  initializeResult?: InitializeResult;
  stderr = '';
  /** What `workspace/configuration` answers, by section. */
  readonly configuration: Record<string, unknown> = {};
  /** Capabilities the server registered dynamically. */
  readonly registrations: Registration[] = [];
  /** How many times the server asked for `workspace/diagnostic/refresh`. */
  diagnosticRefreshes = 0;
  /** Every `window/logMessage` the server sent, in order. */
  readonly logs: LogMessageParams[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
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

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves with what `read` returns once it is not undefined, checked whenever the server sends diagnostics or a log message. */
  private async until<T>(read: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = read();
      if (found !== undefined) return found;
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

  /** Starts the server; `initialize` adds to the initialize parameters (workspace folders), `configuration` answers settings requests. */
  static async start(
    capabilities: ClientCapabilities = {},
    nodeOptions: string[] = [],
    initialize: Partial<InitializeParams> = {},
    configuration: Record<string, unknown> = {},
  ): Promise<TestClient> {
    const client = TestClient.launch(nodeOptions);
    Object.assign(client.configuration, configuration);
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      ...initialize,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Starts the server over stdio and connects to it, without `initialize`. */
  static launch(nodeOptions: string[] = []): TestClient {
    const child = spawn(process.execPath, [...nodeOptions, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    const client = new TestClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    return client;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'transcript', version, text },
    });
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `accept`; rejects after `timeoutMs`. */
  diagnosticsFor(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10_000,
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

  /** Resolves with the first log message (of all sent so far) whose text matches `pattern`; rejects after `timeoutMs`. */
  logFor(pattern: RegExp, timeoutMs = 10_000): Promise<LogMessageParams> {
    return this.until(
      () => this.logs.find((log) => pattern.test(log.message)),
      `log message matching ${pattern}`,
      timeoutMs,
    );
  }

  symbols(uri: string): Promise<DocumentSymbol[] | null> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  folding(uri: string): Promise<FoldingRange[] | null> {
    return this.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
  }

  /** Resolves with the server's exit code once it has exited; rejects after `timeoutMs`. */
  async exited(timeoutMs = 10_000): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`the server did not exit within ${timeoutMs} ms`)), timeoutMs)),
    );
    try {
      const [code] = await Promise.race([once(this.process, 'exit'), timeout]);
      return code as number | null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Shuts the server down as a client should, and checks it exits. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    const exited = once(this.process, 'exit');
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const [code] = await exited;
    this.connection.dispose();
    return code as number | null;
  }
}
