import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  ClientCapabilities,
  CodeAction,
  CompletionItem,
  DocumentHighlight,
  DocumentLink,
  SelectionRange,
  SymbolInformation,
  TextEdit,
  WorkspaceDiagnosticReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { readTranscriptFile } from '../../src/cli/read';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/core/content';
import { parseTranscript } from '../../src/core/parse';
import { applyEdits } from '../core/edits';
import { eventually } from '../support/eventually';
import { LspClient } from '../support/lsp-client';

const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: { completion: { completionItem: { snippetSupport: true } }, rename: { prepareSupport: true } },
};

/** A workspace folder on disk: transcripts with and without problems, files that are not transcripts, a linked file. */
function makeWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'transcript-workspace-'));
  const files: Record<string, string> = {
    'broken.transcript': '[A]: hello\nFILE>>>\n[B]: goodbye',
    'chat.txt': '[Interviewer]: Welcome\n[Guest]：thanks',
    'sub/clean.transcript': '[Alice]: a clean file\n[Bob]: indeed',
    'plain.txt': 'Not a transcript.\n[A]: later',
    'node_modules/dep/skipped.transcript': '[Skipped]: never indexed\nFILE>>>',
    '.git/hidden.transcript': '[Hidden]: never indexed',
    'src/app.py': 'print(1)\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

const uriOf = (folder: string, name: string): string => pathToFileURL(join(folder, name)).href;

function workspaceSymbols(client: LspClient, query: string): Promise<SymbolInformation[]> {
  return client.connection.sendRequest('workspace/symbol', { query });
}

function codeActions(client: LspClient, uri: string, line: number, only?: string[]): Promise<CodeAction[]> {
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });
}

describe('language server features over stdio, in a workspace folder, pushing diagnostics', () => {
  let folder: string;
  let client: LspClient;
  before(async () => {
    folder = makeWorkspace();
    client = await LspClient.start({
      capabilities: CAPABILITIES,
      initialize: { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }] },
    });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    rmSync(folder, { recursive: true, force: true });
  });

  it('announces the new capabilities', () => {
    const capabilities = client.initializeResult!.capabilities;
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.transcript'] });
    assert.deepEqual(capabilities.completionProvider, { triggerCharacters: ['[', '<'] });
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.ok(
      capabilities.selectionRangeProvider &&
        capabilities.documentLinkProvider &&
        capabilities.workspaceSymbolProvider &&
        capabilities.documentHighlightProvider,
    );
  });

  it('indexes the transcripts of the folder and pushes the problems of those that are not open', async () => {
    const broken = await client.diagnosticsFor(uriOf(folder, 'broken.transcript'));
    assert.deepEqual(
      broken.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
      [['file-block/stray-closer', 1]],
    );
    const chat = await client.diagnosticsFor(uriOf(folder, 'chat.txt'));
    assert.deepEqual(
      chat.map((diagnostic) => diagnostic.code),
      ['turn/malformed-speaker-tag'],
    );
    const symbols = await eventually(
      "the workspace's turns",
      () => workspaceSymbols(client, ''),
      (found) => found.length >= 5,
    );
    assert.deepEqual(symbols.map((symbol) => `${symbol.containerName} ${symbol.name}`).sort(), [
      'broken.transcript A: hello',
      'broken.transcript B: goodbye',
      'chat.txt Interviewer: Welcome',
      'sub/clean.transcript Alice: a clean file',
      'sub/clean.transcript Bob: indeed',
    ]);
    assert.equal(client.diagnostics.has(uriOf(folder, 'sub/clean.transcript')), false);
    assert.ok(client.registrations.some((registration) => registration.method === 'workspace/didChangeWatchedFiles'));
  });

  it('filters workspace symbols by query', async () => {
    const symbols = await workspaceSymbols(client, 'indeed');
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.location.uri, symbol.location.range.start.line]),
      [['Bob: indeed', uriOf(folder, 'sub/clean.transcript'), 1]],
    );
    assert.deepEqual(await workspaceSymbols(client, 'zzz'), []);
  });

  it('follows created, changed and deleted files', async () => {
    writeFileSync(join(folder, 'new.transcript'), '[C]: new\n<<<FILE\nx\nFILE>>>');
    unlinkSync(join(folder, 'broken.transcript'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(folder, 'new.transcript'), type: 1 },
        { uri: uriOf(folder, 'broken.transcript'), type: 3 },
      ],
    });
    assert.deepEqual(
      (await client.diagnosticsFor(uriOf(folder, 'new.transcript'))).map((diagnostic) => diagnostic.code),
      ['file-block/missing-path'],
    );
    await client.diagnosticsFor(uriOf(folder, 'broken.transcript'), (params) => params.diagnostics.length === 0);
    const symbols = await workspaceSymbols(client, 'goodbye');
    assert.deepEqual(symbols, []);
  });

  it('drops the symbols and problems of every indexed transcript under a folder reported deleted', async () => {
    const names = ['gone/a.transcript', 'gone/deeper/b.transcript'];
    mkdirSync(join(folder, 'gone', 'deeper'), { recursive: true });
    for (const name of names) writeFileSync(join(folder, name), '[Gone]: soon\nFILE>>>');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: names.map((name) => ({ uri: uriOf(folder, name), type: 1 })),
    });
    for (const name of names)
      await client.diagnosticsFor(uriOf(folder, name), (params) => params.diagnostics.length === 1);
    rmSync(join(folder, 'gone'), { recursive: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(folder, 'gone'), type: 3 }],
    });
    for (const name of names)
      await client.diagnosticsFor(uriOf(folder, name), (params) => params.diagnostics.length === 0);
    assert.deepEqual(await workspaceSymbols(client, 'Gone'), []);
  });

  it('indexes a file whose name starts with `..` as a file of its workspace folder', async () => {
    const uri = uriOf(folder, '..notes.transcript');
    writeFileSync(join(folder, '..notes.transcript'), '[Note]: two dots\nFILE>>>');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    assert.deepEqual(
      (await client.diagnosticsFor(uri)).map((diagnostic) => diagnostic.code),
      ['file-block/stray-closer'],
    );
    const [symbol] = await workspaceSymbols(client, 'two dots');
    assert.deepEqual([symbol!.containerName, symbol!.location.uri], ['..notes.transcript', uri]);
  });

  it("shows an open file's own problems, and those on disk again once it is closed", async () => {
    const uri = uriOf(folder, 'chat.txt');
    await client.open(uri, '[Interviewer]: Welcome\n[Guest]: thanks\nFILE>>>');
    assert.deepEqual(
      (await client.diagnosticsFor(uri, (params) => params.version === 1)).map((diagnostic) => diagnostic.code),
      ['file-block/stray-closer'],
    );
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const onDisk = await client.diagnosticsFor(
      uri,
      (params) => params.diagnostics[0]?.code === 'turn/malformed-speaker-tag',
    );
    assert.equal(onDisk.length, 1);
  });

  const FIXABLE = '[A]: x\nFILE>>>\n<<<FILE ../up.txt\n1\nFILE>>>\n[B]：y';

  it('offers a preferred quick fix that carries its diagnostic', async () => {
    const uri = 'file:///untitled/fix-stray.transcript';
    await client.open(uri, FIXABLE);
    const stray = await codeActions(client, uri, 1);
    assert.deepEqual(
      stray.map((action) => [action.title, action.kind, action.isPreferred, action.diagnostics![0]!.code]),
      [['Delete the stray `FILE>>>` line', 'quickfix', true, 'file-block/stray-closer']],
    );
  });

  it('suggests, without preferring, a quick fix that is not obvious', async () => {
    const uri = 'file:///untitled/fix-unsafe.transcript';
    await client.open(uri, FIXABLE);
    const unsafe = await codeActions(client, uri, 2);
    assert.deepEqual(
      unsafe.map((action) => [action.title, action.isPreferred]),
      [['Use the relative path `up.txt`', undefined]],
    );
  });

  it('fixes all the obvious problems in one source.fixAll action on request', async () => {
    const uri = 'file:///untitled/fix-all.transcript';
    await client.open(uri, FIXABLE);
    const [fixAll, ...rest] = await codeActions(client, uri, 0, ['source.fixAll']);
    assert.deepEqual(rest, []);
    assert.equal(fixAll!.kind, 'source.fixAll.transcript');
    const edits = (fixAll!.edit as WorkspaceEdit).changes![uri] as TextEdit[];
    assert.equal(applyEdits(parseTranscript(FIXABLE), edits), '[A]: x\n<<<FILE ../up.txt\n1\nFILE>>>\n[B]: y');
  });

  it('answers selection ranges from the word to its line', async () => {
    const uri = 'file:///untitled/selection.transcript';
    await client.open(uri, '[A]: hello world\n[B]: yo\n[A]: again\n[');
    const [selection] = await client.connection.sendRequest<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri },
      positions: [{ line: 0, character: 7 }],
    });
    assert.deepEqual(
      [selection!.range, selection!.parent!.range],
      [
        { start: { line: 0, character: 5 }, end: { line: 0, character: 10 } },
        { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } },
      ],
    );
  });

  it('completes a speaker tag with the speakers of the document', async () => {
    const uri = 'file:///untitled/completion.transcript';
    await client.open(uri, '[A]: hello world\n[B]: yo\n[A]: again\n[');
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 3, character: 1 },
    });
    assert.deepEqual(
      items.map((item) => item.label),
      ['[A]:', '[B]:'],
    );
  });

  it('highlights every speaker line of the same speaker', async () => {
    const uri = 'file:///untitled/highlights.transcript';
    await client.open(uri, '[A]: hello world\n[B]: yo\n[A]: again\n[');
    const highlights = await client.connection.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', {
      textDocument: { uri },
      position: { line: 2, character: 1 },
    });
    assert.deepEqual(
      highlights.map((highlight) => highlight.range.start.line),
      [0, 2],
    );
  });

  it('publishes one Information diagnostic saying why an open binary document is not checked, instead of its problems', async () => {
    const uri = 'file:///untitled/binary.transcript';
    await client.open(uri, '[A]: binary\0\nFILE>>>');
    assert.deepEqual(await client.diagnosticsFor(uri), [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 3,
        source: 'transcript',
        message: 'Not checked: binary file (NUL character at offset 11)',
      },
    ]);
  });

  it('offers no quick fixes and no fix-all for an open binary document', async () => {
    const uri = 'file:///untitled/binary.transcript';
    assert.deepEqual(await codeActions(client, uri, 1), []);
    assert.deepEqual(await codeActions(client, uri, 0, ['source.fixAll']), []);
  });

  it('checks an open binary document once its NUL character is deleted', async () => {
    const uri = 'file:///untitled/binary.transcript';
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 12 } }, text: '' }],
    });
    const problems = await client.diagnosticsFor(uri, (params) => params.version === 2);
    assert.deepEqual(
      problems.map((diagnostic) => diagnostic.code),
      ['file-block/stray-closer'],
    );
  });

  const SPEAKERS = '[A]: hello world\n[B]: yo\n[A]: again\n[';
  const renameAt = (uri: string, character: number, newName: string) =>
    client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: { line: 0, character },
      newName,
    });

  it('prepares a rename on a speaker tag with the label as placeholder', async () => {
    const uri = 'file:///untitled/speakers-prepare.transcript';
    await client.open(uri, SPEAKERS);
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.deepEqual(prepared, {
      range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } },
      placeholder: 'A',
    });
  });

  it('refuses to prepare a rename off a speaker tag, saying why', async () => {
    const uri = 'file:///untitled/speakers-off-tag.transcript';
    await client.open(uri, SPEAKERS);
    await assert.rejects(
      client.connection.sendRequest('textDocument/prepareRename', {
        textDocument: { uri },
        position: { line: 0, character: 8 },
      }),
      /put the cursor on a speaker tag/,
    );
  });

  it('refuses a new speaker label with a square bracket, saying why', async () => {
    const uri = 'file:///untitled/speakers-bracket.transcript';
    await client.open(uri, SPEAKERS);
    await assert.rejects(renameAt(uri, 1, 'a]b'), /cannot contain `\[` or `\]`/);
  });

  it('refuses a new speaker label of only white space, saying why', async () => {
    const uri = 'file:///untitled/speakers-blank.transcript';
    await client.open(uri, SPEAKERS);
    await assert.rejects(renameAt(uri, 1, '  '), /other than white space/);
  });

  it('renames a speaker at every one of its tags', async () => {
    const uri = 'file:///untitled/speakers.transcript';
    await client.open(uri, SPEAKERS);
    const edit = await renameAt(uri, 1, 'Alice');
    assert.deepEqual(
      edit.changes![uri]!.map((change) => [change.range.start.line, change.newText]),
      [
        [0, 'Alice'],
        [2, 'Alice'],
      ],
    );
  });

  it('clears and shows the problems of closed files again when the setting changes', async () => {
    const uri = uriOf(folder, 'chat.txt');
    const setEnabled = (enabled: boolean) =>
      client.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { transcript: { workspaceDiagnostics: { enabled } } },
      });
    await setEnabled(false);
    await client.diagnosticsFor(uri, (params) => params.diagnostics.length === 0);
    await setEnabled(true);
    await client.diagnosticsFor(uri, (params) => params.diagnostics.length === 1);
  });

  it('indexes a workspace folder added later', async () => {
    const second = mkdtempSync(join(tmpdir(), 'transcript-second-'));
    try {
      writeFileSync(join(second, 'more.transcript'), '[Dana]: from the second folder');
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: pathToFileURL(second).href, name: 'second' }], removed: [] },
      });
      const symbols = await eventually(
        'the turn of dana',
        () => workspaceSymbols(client, 'dana'),
        (found) => found.length === 1,
      );
      assert.equal(symbols[0]!.location.uri, uriOf(second, 'more.transcript'));
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });

  it('links FILE paths that exist beside the document or in the workspace folder', async () => {
    const uri = uriOf(folder, 'sub/links.transcript');
    await client.open(uri, '[A]: x\n<<<FILE src/app.py\nprint(1)\nFILE>>>\n<<<FILE src/missing.py\n1\nFILE>>>');
    const links = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri },
    });
    assert.deepEqual(
      links.map((link) => [link.range.start.line, link.target]),
      [[1, uriOf(folder, 'src/app.py')]],
    );
  });
});

describe('language server features over stdio, with a client that pulls diagnostics', () => {
  it('reports the problems of closed transcripts with workspace/diagnostic, unchanged when the client has them', async () => {
    const folder = makeWorkspace();
    const client = await LspClient.start({
      capabilities: { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, diagnostic: {} } },
      initialize: { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }] },
    });
    try {
      const pull = (previousResultIds: Array<{ uri: string; value: string }> = []) =>
        client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
      const report = await eventually(
        'three files of workspace problems',
        () => pull(),
        (found) => found.items.length === 3,
      );
      const byUri = new Map(report.items.map((item) => [item.uri, item]));
      const broken = byUri.get(uriOf(folder, 'broken.transcript'))!;
      assert.equal(broken.kind, 'full');
      assert.deepEqual(broken.kind === 'full' && broken.items.map((item) => item.code), ['file-block/stray-closer']);
      const again = await pull([
        { uri: broken.uri, value: broken.resultId! },
        { uri: uriOf(folder, 'gone.transcript'), value: '1' },
      ]);
      const kinds = new Map(
        again.items.map((item) => [item.uri, [item.kind, item.kind === 'full' ? item.items.length : 0]]),
      );
      assert.deepEqual(kinds.get(broken.uri), ['unchanged', 0]);
      assert.deepEqual(kinds.get(uriOf(folder, 'gone.transcript')), ['full', 0]);
      await eventually(
        'a diagnostic refresh',
        () => client.diagnosticRefreshes,
        (count) => count >= 1,
      );
      assert.equal(client.diagnostics.size, 0);
    } finally {
      assert.equal(await client.stop(), 0);
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers textDocument/diagnostic for an open binary document with one Information diagnostic saying why it is not checked', async () => {
    const client = await LspClient.start({ capabilities: { textDocument: { diagnostic: {} } } });
    try {
      const uri = 'file:///untitled/pulled-binary.transcript';
      await client.open(uri, `[A]: x\nFILE>>>\n${'\0'.repeat(3)}`);
      const report = await client.connection.sendRequest<{ items: Array<{ message: string; severity: number }> }>(
        'textDocument/diagnostic',
        { textDocument: { uri } },
      );
      assert.deepEqual(
        report.items.map((item) => [item.severity, item.message]),
        [[3, 'Not checked: binary file (NUL character at offset 15)']],
      );
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('follows the settings: no workspace problems when disabled, at most maxFiles transcripts indexed', async () => {
    const folder = makeWorkspace();
    const client = await LspClient.start({
      capabilities: CAPABILITIES,
      initialize: { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }] },
      configuration: { transcript: { workspaceDiagnostics: { enabled: false, maxFiles: 1 } } },
    });
    try {
      // Logged once the index is full; no file is added after that, so the answer below is final.
      await client.logFor(/indexed the first 1 transcripts/);
      const files = new Set((await workspaceSymbols(client, '')).map((symbol) => symbol.location.uri));
      assert.equal(files.size, 1);
      assert.equal(client.diagnostics.size, 0);
    } finally {
      assert.equal(await client.stop(), 0);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('language server messages for a Chinese client', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initialize: { locale: 'zh-CN' } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });
  const CHINESE_STRAY_CLOSER = '`FILE>>>` 没有可结束的 FILE 块：此处没有打开的 `<<<FILE 路径` 行。';

  it('publishes diagnostics in Simplified Chinese when the locale starts with zh', async () => {
    const uri = 'file:///untitled/zh.transcript';
    await client.open(uri, '[A]: x\nFILE>>>');
    const [diagnostic] = await client.diagnosticsFor(uri);
    assert.equal(diagnostic!.message, CHINESE_STRAY_CLOSER);
  });

  it('names the diagnostic of a code action in Simplified Chinese too', async () => {
    const uri = 'file:///untitled/zh-action.transcript';
    await client.open(uri, '[A]: x\nFILE>>>');
    const [diagnostic] = await client.diagnosticsFor(uri);
    const [action] = await codeActions(client, uri, 1);
    assert.equal(action!.diagnostics![0]!.message, diagnostic!.message);
  });

  it('pushes the problems of the transcripts of the workspace that are not open in Simplified Chinese', async () => {
    const folder = makeWorkspace();
    const workspaceClient = await LspClient.start({
      capabilities: CAPABILITIES,
      initialize: { locale: 'zh-CN', workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }] },
    });
    try {
      const broken = await workspaceClient.diagnosticsFor(uriOf(folder, 'broken.transcript'));
      assert.deepEqual(
        broken.map((diagnostic) => diagnostic.message),
        [CHINESE_STRAY_CLOSER],
      );
    } finally {
      assert.equal(await workspaceClient.stop(), 0);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('transcript-language-server indexing files that are not UTF-8 text', () => {
  it('leaves out of the index exactly the files `transcript check` skips: binary, UTF-16 and invalid UTF-8', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'transcript-binary-'));
    const files: Record<string, Buffer> = {
      'clean.transcript': Buffer.from('[Clean]: text\nFILE>>>'),
      'bom.transcript': Buffer.from('\ufeff[Bom]: text\nFILE>>>'),
      'late-nul.transcript': Buffer.from(`[Late]: text\nFILE>>>\n${'x'.repeat(9000)}\0`),
      'nul.transcript': Buffer.from('[Nul]: x\0y\nFILE>>>'),
      'nul.txt': Buffer.from('[NulTxt]: x\0y\nFILE>>>'),
      'utf16.transcript': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[Utf16]: text\nFILE>>>', 'utf16le')]),
      'latin1.transcript': Buffer.from('[Latin1]: caf\xe9\nFILE>>>', 'latin1'),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
    const client = await LspClient.start({
      capabilities: CAPABILITIES,
      initialize: { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }] },
    });
    try {
      await eventually(
        'an indexed file',
        () => workspaceSymbols(client, ''),
        (found) => found.length > 0,
      );
      // Every file of the folder is queued once one is indexed; one queued after them is indexed after them.
      writeFileSync(join(folder, 'last.transcript'), '[Last]: text\nFILE>>>');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: uriOf(folder, 'last.transcript'), type: 1 }],
      });
      await client.diagnosticsFor(uriOf(folder, 'last.transcript'));
      const indexed = new Set((await workspaceSymbols(client, '')).map((symbol) => symbol.location.uri));
      for (const name of Object.keys(files)) {
        const uri = uriOf(folder, name);
        const cli = readTranscriptFile(join(folder, name), DEFAULT_MAX_FILE_BYTES);
        assert.deepEqual([name, indexed.has(uri), client.diagnostics.has(uri)], [name, cli.ok, cli.ok]);
      }
      assert.deepEqual([...indexed].map((uri) => uri.slice(uri.lastIndexOf('/') + 1)).sort(), [
        'bom.transcript',
        'clean.transcript',
        'last.transcript',
        'late-nul.transcript',
      ]);
    } finally {
      assert.equal(await client.stop(), 0);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
