/**
 * The language server in a web worker (vscode.dev, github.dev): the same handlers as `../main.ts` serves
 * over Node's transports, over the worker's messages. A browser has no file system for the server, so
 * its host has none: the index of transcripts that are not open and the links on FILE paths are off.
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  ProposedFeatures,
  createConnection,
} from 'vscode-languageserver/browser';
import * as chatRenderer from '../chat-renderer';
import { ProtocolGate } from '../gate';
import type { ServerHost } from '../host';
import { startServer } from '../server';

/** The worker's own scope, whose messages are the client's. */
const scope = self as DedicatedWorkerGlobalScope;

const browserHost: ServerHost = {
  // What vscode-jsonrpc's browser runtime takes for a turn of the event loop: its messages are read on the same.
  soon: (callback) => void setTimeout(callback, 0),
  later: (ms, callback) => void setTimeout(callback, ms),
  now: () => performance.now(),
  // Bundled in: a worker loads one script, and loading a second would cost a round trip of its own.
  renderer: () => chatRenderer,
  tokenizer: () => undefined,
  memoryUsage: () => null,
  files: undefined,
};

const reader = new BrowserMessageReader(scope);
const writer = new BrowserMessageWriter(scope);
const gate = new ProtocolGate(writer);
const connection = createConnection(ProposedFeatures.all, reader, writer, { messageStrategy: gate });
startServer(connection, gate.handlers(connection), browserHost);
