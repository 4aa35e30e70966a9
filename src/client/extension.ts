/**
 * The VS Code side of Transcript: it only starts the language server and connects it to
 * transcript documents. Every feature (outline, hover, folding, diagnostics, …) comes from the
 * server through the Language Server Protocol, so other editors get the same behaviour.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The client id. The LanguageClient reads the `<id>.trace.server` setting, so this id is what
 * makes `transcript.trace.server` (contributed in package.json) switch protocol tracing.
 */
const CLIENT_ID = 'transcript';
const CLIENT_NAME = 'Transcript';

/**
 * How often the server may crash within three minutes before the client stops restarting it
 * and says so once. LanguageClient's default error handler implements exactly that; the number
 * is spelled out here so that it is a decision rather than an accident of the library's default.
 */
const MAX_RESTARTS = 4;

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = { module: serverModule, transport: TransportKind.ipc };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'transcript' },
      { scheme: 'untitled', language: 'transcript' },
    ],
    outputChannel: output,
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
  };
  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = languageClient;

  // Registered before the server starts, so that a server that failed to start can be restarted.
  context.subscriptions.push(
    vscode.commands.registerCommand('transcript.restartServer', async () => {
      output.info('Restarting the language server on request.');
      await languageClient.restart();
    }),
  );

  // Not awaited: activation returns at once and the server's start-up overlaps the editor's own.
  languageClient.start().catch((error: unknown) => {
    // The client has already shown the failure; the extension stays active so the user can restart.
    output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
