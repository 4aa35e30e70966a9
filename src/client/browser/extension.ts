/**
 * The browser entry of the extension (package.json's `browser`: vscode.dev, github.dev, and any
 * workbench whose extension host is a web worker): the language server runs in a web worker of its own,
 * dist/browser/server.js. The extension itself is ../client.ts.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { type TranscriptTestApi, activateClient, deactivateClient } from '../client';

/** Schemes a worker can be started from; the extension host maps `file:` to its own. */
const LOADABLE = new Set(['http', 'https', 'file']);

/**
 * A worker running the server. An extension served by a remote workbench (code-server) lies at a
 * `vscode-remote:` URI, from which the extension host will not start a worker: its script is read through
 * the workbench's file system instead and started from memory.
 */
async function serverWorker(extensionUri: vscode.Uri): Promise<Worker> {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  if (LOADABLE.has(script.scheme)) return new Worker(script.toString(true));
  const bytes = await vscode.workspace.fs.readFile(script);
  return new Worker(URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'text/javascript' })));
}

export function activate(context: vscode.ExtensionContext): TranscriptTestApi {
  let worker: Worker | undefined;
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  return activateClient(context, {
    create: (id, name, options) =>
      new LanguageClient(
        id,
        name,
        async () => {
          // A restart starts a new worker: the one before it has exited or crashed.
          worker?.terminate();
          worker = await serverWorker(context.extensionUri);
          // The transports, not the worker: the library tells a worker by \`instanceof Worker\`, which fails for
          // the extension host's own Worker constructor that wraps the browser's.
          return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        },
        options,
      ),
  });
}

export const deactivate = deactivateClient;
