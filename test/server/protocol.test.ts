import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { SEEDS, fixture } from '../core/helpers';
import { TestClient } from './lsp-client';

const MALFORMED = 'file:///fixtures/malformed.transcript';

describe('language server over stdio, pushing diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('announces incremental sync, symbols, hover and folding, and no pull diagnostics', () => {
    const capabilities = client.initializeResult!.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(capabilities.documentSymbolProvider && capabilities.hoverProvider && capabilities.foldingRangeProvider);
    assert.equal(capabilities.diagnosticProvider, undefined);
  });

  it('serves both seeds: 20 turns each and no diagnostics', async () => {
    for (const [name, text] of SEEDS) {
      const uri = `file:///seeds/${name}`;
      await client.open(uri, text);
      assert.deepEqual(await client.diagnosticsFor(uri), []);
      const symbols = await client.symbols(uri);
      assert.equal(symbols!.length, 20);
      assert.ok((await client.folding(uri))!.length >= 10);
    }
    const hover = await client.hover(`file:///seeds/${SEEDS[0]![0]}`, 0, 2);
    assert.match((hover!.contents as MarkupContent).value, /turn 1 of 20 — 25 words \(21 CJK characters, 4 other words\)/);
  });

  it('publishes the diagnostics of a malformed file with codes, lines and source', async () => {
    await client.open(MALFORMED, fixture('malformed.transcript'));
    const diagnostics = await client.diagnosticsFor(MALFORMED);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.source]), [
      ['turn/text-before-first-turn', 0, 'transcript'],
      ['turn/malformed-speaker-tag', 5, 'transcript'],
      ['file-block/stray-closer', 7, 'transcript'],
      ['file-block/malformed-marker', 8, 'transcript'],
      ['file-block/duplicate-path', 10, 'transcript'],
      ['file-block/empty', 13, 'transcript'],
      ['file-block/missing-path', 13, 'transcript'],
      ['file-block/unsafe-path', 15, 'transcript'],
      ['file-block/nested-opener', 20, 'transcript'],
      ['fence/unclosed', 22, 'transcript'],
      ['file-block/unterminated', 25, 'transcript'],
    ]);
    assert.equal(diagnostics.find((diagnostic) => diagnostic.code === 'file-block/nested-opener')!.relatedInformation![0]!.location.uri, MALFORMED);
  });

  it('applies incremental edits and publishes the new diagnostics and outline', async () => {
    const uri = 'file:///edit.transcript';
    await client.open(uri, '[A]: hi\n<<<FILE a.py\nx\n[B]: yo');
    assert.deepEqual((await client.diagnosticsFor(uri)).map((diagnostic) => diagnostic.code), ['file-block/unterminated']);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } }, text: '\nFILE>>>' }],
    });
    assert.deepEqual(await client.diagnosticsFor(uri, (params) => params.version === 2), []);
    const symbols = await client.symbols(uri);
    assert.deepEqual(symbols!.map((symbol) => [symbol.name, symbol.children?.length ?? 0]), [['A: hi', 1], ['B: yo', 0]]);
  });

  it('answers requests for unknown documents and impossible positions with empty results', async () => {
    assert.deepEqual(await client.symbols('file:///nowhere.transcript'), []);
    assert.equal(await client.hover('file:///nowhere.transcript', 0, 0), null);
    assert.deepEqual(await client.folding('file:///nowhere.transcript'), []);
    assert.equal(await client.hover(MALFORMED, 9999, 9999), null);
    assert.equal(await client.hover(MALFORMED, -1, -5), null);
  });

  it('clears the diagnostics of a closed document and ignores changes sent for it afterwards', async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: MALFORMED } });
    assert.deepEqual(await client.diagnosticsFor(MALFORMED, (params) => params.diagnostics.length === 0), []);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: MALFORMED, version: 9 },
      contentChanges: [{ text: 'FILE>>>' }],
    });
    assert.deepEqual(await client.symbols(MALFORMED), []);
  });
});

describe('language server over stdio, with a client that pulls diagnostics', () => {
  it('answers textDocument/diagnostic and pushes nothing', async () => {
    const client = await TestClient.start({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    try {
      assert.deepEqual(client.initializeResult!.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: true });
      await client.open(MALFORMED, fixture('malformed.transcript'));
      const report = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: MALFORMED } }) as { kind: string; items: Array<{ code: string }> };
      assert.equal(report.kind, 'full');
      assert.equal(report.items.length, 11);
      // The server has read didOpen before answering the pull, so a push would have been sent by now.
      await client.symbols(MALFORMED);
      assert.equal(client.diagnostics.size, 0);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
