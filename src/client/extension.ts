/**
 * The desktop entry of the extension (package.json's `main`): the language server runs as a Node
 * process, dist/server.js, started over IPC. The extension itself is client.ts.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { type TranscriptTestApi, activateClient, deactivateClient } from './client';

export type { TranscriptTestApi } from './client';

export function activate(context: vscode.ExtensionContext): TranscriptTestApi {
  const module = context.asAbsolutePath('dist/server.js');
  return activateClient(context, {
    create: (id, name, options) => new LanguageClient(id, name, { module, transport: TransportKind.ipc }, options),
  });
}

export const deactivate = deactivateClient;
