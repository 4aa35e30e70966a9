import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import {
  type MessageConnection,
  PortMessageReader,
  PortMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { diagnostics } from '../../src/core/diagnostics';
import { ENGLISH } from '../../src/core/messages-en';
import { CHINESE } from '../../src/core/messages-zh';
import { parseTranscript } from '../../src/core/parse';

const BROWSER_SERVER = join(__dirname, '..', '..', 'dist', 'browser', 'server.js');
/** A look-alike speaker tag (full-width colon): one problem whose message each language words its own way. */
const TEXT = '[A]: hi\n[B]：你好\n';
const URI = 'vscode-vfs://github/owner/repo/chat.transcript';

/**
 * The browser's server bundle in a Node worker thread, given only what a web worker has of its scope:
 * `postMessage`, `onmessage` and `addEventListener`. Node's own globals stay reachable, but the bundle is
 * built for the browser, so it names none of Node's modules.
 */
const SHIM = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: () => {},
  set onmessage(listener) { parentPort.on('message', (data) => listener({ data })); },
};
require(workerData);
`;

async function withServer<T>(run: (connection: MessageConnection) => Promise<T>): Promise<T> {
  const worker = new Worker(SHIM, { eval: true, workerData: BROWSER_SERVER });
  const connection = createMessageConnection(new PortMessageReader(worker), new PortMessageWriter(worker));
  connection.listen();
  try {
    return await run(connection);
  } finally {
    connection.dispose();
    await worker.terminate();
  }
}

/** The diagnostics pushed for an opened document, for a client of `locale`. */
async function pushedMessages(locale: string): Promise<unknown[]> {
  return withServer(async (connection) => {
    const pushed = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', resolve),
    );
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, locale });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'transcript', version: 1, text: TEXT },
    });
    return (await pushed).diagnostics.map((diagnostic) => diagnostic.message);
  });
}

function coreMessages(table: typeof ENGLISH): unknown[] {
  return diagnostics(parseTranscript(TEXT), URI, table).map((diagnostic) => diagnostic.message);
}

describe('the language server built for a web worker', () => {
  it('words its problems in Simplified Chinese for a zh-cn client', async () => {
    const messages = await pushedMessages('zh-cn');
    assert.ok(messages.length > 0, 'no problems pushed');
    assert.deepEqual(messages, coreMessages(CHINESE));
    assert.notDeepEqual(messages, coreMessages(ENGLISH));
  });

  it('words them in English for an English client', async () => {
    assert.deepEqual(await pushedMessages('en'), coreMessages(ENGLISH));
  });

  it('answers a document of a virtual file system with its outline, and has no FILE links without files', async () => {
    await withServer(async (connection) => {
      await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await connection.sendNotification('initialized', {});
      const text = '[User]: see\n<<<FILE README.md\nhi\nFILE>>>\n[Bot]: ok\n';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: URI, languageId: 'transcript', version: 1, text },
      });
      const symbols = await connection.sendRequest<{ name: string }[]>('textDocument/documentSymbol', {
        textDocument: { uri: URI },
      });
      assert.deepEqual(
        symbols.map((symbol) => symbol.name),
        ['User: see', 'Bot: ok'],
      );
      assert.deepEqual(await connection.sendRequest('textDocument/documentLink', { textDocument: { uri: URI } }), []);
    });
  });
});
