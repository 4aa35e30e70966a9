import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import {
  type ClientCapabilities, type ConfigurationParams, type Diagnostic, type DocumentSymbol, type FoldingRange, type Hover, type InitializeParams,
  type InitializeResult, type Registration, type RegistrationParams,
  type ProtocolConnection, type PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter, createProtocolConnection,
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

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    connection.onRequest('workspace/configuration', ({ items }: ConfigurationParams) => items.map((item) => this.configuration[item.section ?? ''] ?? null));
    connection.onRequest('client/registerCapability', ({ registrations }: RegistrationParams) => {
      this.registrations.push(...registrations);
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.diagnosticRefreshes++;
      return null;
    });
    connection.onNotification('window/logMessage', () => undefined);
  }

  /** Starts the server; `initialize` adds to the initialize parameters (workspace folders), `configuration` answers settings requests. */
  static async start(
    capabilities: ClientCapabilities = {},
    nodeOptions: string[] = [],
    initialize: Partial<InitializeParams> = {},
    configuration: Record<string, unknown> = {},
  ): Promise<TestClient> {
    const child = spawn(process.execPath, [...nodeOptions, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const client = new TestClient(child, connection);
    Object.assign(client.configuration, configuration);
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    client.initializeResult = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, ...initialize });
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'transcript', version, text } });
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `accept`; rejects after `timeoutMs`. */
  async diagnosticsFor(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current)) return current.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
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
