import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InitializeResult, MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { foldingRanges } from '../../src/core/folding';
import { parseTranscript } from '../../src/core/parse';
import { documentSymbols } from '../../src/core/symbols';
import { ROOT, SEEDS, fixture } from '../core/helpers';
import { SERVER, LspClient } from '../support/lsp-client';

const MALFORMED = 'file:///fixtures/malformed.transcript';

describe('language server over stdio, pushing diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
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
    assert.match(
      (hover!.contents as MarkupContent).value,
      /turn 1 of 20 — 25 words \(21 CJK characters, 4 other words\)/,
    );
  });

  it('publishes the diagnostics of a malformed file with codes, lines and source', async () => {
    await client.open(MALFORMED, fixture('malformed.transcript'));
    const diagnostics = await client.diagnosticsFor(MALFORMED);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.source]),
      [
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
      ],
    );
    assert.equal(
      diagnostics.find((diagnostic) => diagnostic.code === 'file-block/nested-opener')!.relatedInformation![0]!.location
        .uri,
      MALFORMED,
    );
  });

  it('applies incremental edits and publishes the new diagnostics and outline', async () => {
    const uri = 'file:///edit.transcript';
    await client.open(uri, '[A]: hi\n<<<FILE a.py\nx\n[B]: yo');
    assert.deepEqual(
      (await client.diagnosticsFor(uri)).map((diagnostic) => diagnostic.code),
      ['file-block/unterminated'],
    );
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } }, text: '\nFILE>>>' },
      ],
    });
    assert.deepEqual(await client.diagnosticsFor(uri, (params) => params.version === 2), []);
    const symbols = await client.symbols(uri);
    assert.deepEqual(
      symbols!.map((symbol) => [symbol.name, symbol.children?.length ?? 0]),
      [
        ['A: hi', 1],
        ['B: yo', 0],
      ],
    );
  });

  it('publishes a burst of keystrokes on a transcript with many problems every so often and after the last, not once per keystroke', async () => {
    const uri = 'file:///burst-publish.transcript';
    // 20,000 problems: publishing them takes far longer than applying a keystroke, as on a large transcript.
    const text = Array.from({ length: 20_000 }, (_, i) => `[S${i % 5}]: turn ${i}\nFILE>>>`).join('\n');
    await client.open(uri, text);
    const opened = await client.diagnosticsFor(uri);
    const line = 20_000;
    const keystrokes = 200;
    const before = client.publicationCount(uri);
    // Each Enter moves every later diagnostic down a line, so each version has diagnostics of its own.
    for (let key = 0; key < keystrokes; key++) {
      void client.change(uri, key + 2, [
        { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n' },
      ]);
    }
    const last = await client.diagnosticsFor(uri, (params) => params.version === keystrokes + 1);
    assert.equal(last.length, opened.length);
    const publications = client.publicationCount(uri) - before;
    assert.ok(publications < keystrokes / 4, `${publications} publications for ${keystrokes} keystrokes`);
  });

  it('publishes nothing for a keystroke that leaves the problems as they were, and again for one that moves them', async () => {
    const uri = 'file:///unchanged-problems.transcript';
    await client.open(uri, '[A]: hello\n[B]: yo\nFILE>>>\n');
    const opened = await client.diagnosticsFor(uri);
    const before = client.publicationCount(uri);
    const letter = { line: 0, character: 10 };
    await client.change(uri, 2, [{ range: { start: letter, end: letter }, text: 'o' }]);
    // Requests are answered after the publications of the changes before them.
    await client.hover(uri, 0, 1);
    assert.equal(client.publicationCount(uri), before, 'a letter in prose publishes nothing');
    await client.change(uri, 3, [{ range: { start: letter, end: letter }, text: '\n' }]);
    const moved = await client.diagnosticsFor(uri, (params) => params.version === 3);
    assert.equal(moved[0]!.range.start.line, opened[0]!.range.start.line + 1);
    assert.equal(client.publicationCount(uri), before + 1);
  });

  it('answers a hover sent after an outline request on a long transcript before the outline', async () => {
    const uri = 'file:///long-outline.transcript';
    await client.open(uri, Array.from({ length: 30_000 }, (_, i) => `[S${i % 3}]: turn ${i} of many`).join('\n'));
    await client.diagnosticsFor(uri);
    const answered: string[] = [];
    const outline = client.symbols(uri).then((symbols) => answered.push(`outline of ${symbols?.length}`));
    const hover = client.hover(uri, 29_999, 1).then((found) => answered.push(found ? 'hover' : 'no hover'));
    await Promise.all([outline, hover]);
    assert.deepEqual(answered, ['hover', 'outline of 30000']);
  });

  it('answers an outline request for a short transcript in one piece, before a hover sent after it', async () => {
    const uri = 'file:///short-outline.transcript';
    await client.open(uri, '[A]: hi\n[B]: yo');
    await client.diagnosticsFor(uri);
    const answered: string[] = [];
    const outline = client.symbols(uri).then((symbols) => answered.push(`outline of ${symbols?.length}`));
    const hover = client.hover(uri, 1, 1).then((found) => answered.push(found ? 'hover' : 'no hover'));
    await Promise.all([outline, hover]);
    assert.deepEqual(answered, ['outline of 2', 'hover']);
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
    const client = await LspClient.start({
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    try {
      assert.deepEqual(client.initializeResult!.capabilities.diagnosticProvider, {
        interFileDependencies: false,
        workspaceDiagnostics: true,
      });
      await client.open(MALFORMED, fixture('malformed.transcript'));
      const report = await client.connection.sendRequest<{ kind: string; items: Array<{ code: string }> }>(
        'textDocument/diagnostic',
        { textDocument: { uri: MALFORMED } },
      );
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

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('transcript-language-server on the command line', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [SERVER, ...args], { encoding: 'utf8', input: '', timeout: 10_000 });

  it('prints its version for --version and exits 0', () => {
    const { status, stdout, stderr } = run('--version');
    assert.deepEqual([status, stdout, stderr], [0, `${VERSION}\n`, '']);
  });

  it('prints its usage, naming every transport, for --help and exits 0', () => {
    const { status, stdout, stderr } = run('--help');
    assert.equal(status, 0, stderr);
    assert.match(stdout, /^Usage: transcript-language-server --stdio \| --node-ipc \| --socket=PORT \| --pipe=NAME/);
    for (const option of ['--stdio', '--node-ipc', '--socket=PORT', '--pipe=NAME', '--version', '--help'])
      assert.ok(stdout.includes(`\n  ${option}`), option);
  });

  for (const args of [[], ['--bogus'], ['--socket'], ['--socket=port']]) {
    it(`prints its usage on standard error, with no stack trace, and exits 2 when given ${args.length ? args.join(' ') : 'no arguments'}`, () => {
      const { status, stdout, stderr } = run(...args);
      assert.equal(status, 2, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, /^transcript-language-server: .+\nUsage: transcript-language-server /);
      assert.doesNotMatch(stderr, /\n\s+at /);
    });
  }
});

describe('transcript-language-server on a broken stream', () => {
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { processId: null, rootUri: null, capabilities: {} },
  });
  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const BROKEN: Array<[string, string]> = [
    ['a Content-Length shorter than the body', `Content-Length: 10\r\n\r\n${initialize}`],
    [
      'a Content-Length longer than the body, swallowing the next message',
      `Content-Length: ${initialize.length + 10}\r\n\r\n${initialize}${frame(initialize)}`,
    ],
    ['a Content-Length that is not a number', 'Content-Length: ten\r\n\r\n{}'],
    ['a header line without a colon', 'garbage\r\n\r\n'],
    ['headers without a Content-Length', 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}'],
  ];

  for (const [name, bytes] of BROKEN) {
    it(`logs ${name} on standard error and exits 1 while its input is still open`, async () => {
      const client = LspClient.launch();
      try {
        client.process.stdin!.write(bytes);
        assert.equal(await client.exited(5_000), 1);
        assert.match(
          client.stderr,
          /^transcript-language-server: cannot read the client's messages \(.+\); exiting so that the client can restart the server\n/,
        );
      } finally {
        client.process.kill();
        client.connection.dispose();
      }
    });
  }
});

describe('transcript-language-server through its lifecycle', () => {
  /** What a request was answered with: its result, or its error's code and message. */
  const rejection = (
    promise: Promise<unknown>,
  ): Promise<{ result?: unknown; code?: number | undefined; message?: string | undefined }> =>
    promise.then(
      (result) => ({ result }),
      (error: { code?: number; message?: string }) => ({ code: error.code, message: error.message }),
    );

  it('answers a request sent before initialize with ServerNotInitialized, then initializes', async () => {
    const client = LspClient.launch();
    try {
      assert.deepEqual(await rejection(client.symbols('file:///early.transcript')), {
        code: -32002,
        message: 'textDocument/documentSymbol was sent before initialize',
      });
      const result = await client.connection.sendRequest<InitializeResult>('initialize', {
        processId: null,
        rootUri: null,
        capabilities: {},
      });
      assert.equal(result.serverInfo?.name, 'transcript-language-server');
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });

  it('refuses a second initialize with InvalidRequest and keeps serving', async () => {
    const client = await LspClient.start();
    try {
      assert.deepEqual(
        await rejection(
          client.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }),
        ),
        { code: -32600, message: 'initialize may be sent only once' },
      );
      await client.open('file:///after.transcript', '[A]: still here');
      assert.deepEqual(
        (await client.symbols('file:///after.transcript'))!.map((symbol) => symbol.name),
        ['A: still here'],
      );
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });

  it('answers every request after shutdown, a second shutdown too, with InvalidRequest, and exits 0 on exit', async () => {
    const client = await LspClient.start();
    try {
      await client.open('file:///bye.transcript', '[A]: bye');
      assert.equal(await client.connection.sendRequest('shutdown'), null);
      for (const request of [
        client.symbols('file:///bye.transcript'),
        client.hover('file:///bye.transcript', 0, 1),
        client.connection.sendRequest('shutdown'),
      ]) {
        assert.equal((await rejection(request)).code, -32600);
      }
      await client.connection.sendNotification('exit');
      assert.equal(await client.exited(), 0);
    } finally {
      client.process.kill();
      client.connection.dispose();
    }
  });
});

describe('transcript-language-server given ill-typed parameters', () => {
  const uri = 'file:///typed.transcript';
  const textDocument = { uri };
  const position = { line: 0, character: 1 };
  const range = { start: position, end: position };
  const ILL_TYPED: Array<[method: string, params: unknown, complaint: string]> = [
    ['textDocument/documentSymbol', { textDocument: null }, 'textDocument must be an object'],
    ['textDocument/documentSymbol', { textDocument: { uri: 5 } }, 'textDocument.uri must be a string'],
    ['textDocument/documentSymbol', [{ textDocument }], 'the parameters must be an object'],
    ['textDocument/foldingRange', uri, 'the parameters must be an object'],
    ['textDocument/documentLink', {}, 'textDocument must be an object'],
    ['textDocument/hover', { textDocument, position: { line: '0', character: 1 } }, 'position.line must be an integer'],
    [
      'textDocument/hover',
      { textDocument, position: { line: 0, character: 0.5 } },
      'position.character must be an integer',
    ],
    ['textDocument/hover', { textDocument }, 'position must be an object'],
    ['textDocument/completion', { textDocument, position: [0, 1] }, 'position must be an object'],
    [
      'textDocument/documentHighlight',
      { textDocument, position: { line: 0 } },
      'position.character must be an integer',
    ],
    ['textDocument/prepareRename', { textDocument, position: null }, 'position must be an object'],
    ['textDocument/codeAction', { textDocument, range: null, context: { diagnostics: [] } }, 'range must be an object'],
    [
      'textDocument/codeAction',
      { textDocument, range, context: { diagnostics: [], only: 'quickfix' } },
      'context.only must be an array',
    ],
    ['textDocument/selectionRange', { textDocument, positions: position }, 'positions must be an array'],
    [
      'textDocument/selectionRange',
      { textDocument, positions: [position, { line: 1, character: -0.5 }] },
      'positions[1].character must be an integer',
    ],
    ['textDocument/diagnostic', { textDocument: 1 }, 'textDocument must be an object'],
    ['workspace/symbol', { query: 5 }, 'query must be a string'],
    ['workspace/diagnostic', { previousResultIds: null }, 'previousResultIds must be an array'],
    ['workspace/diagnostic', { previousResultIds: [{ uri, value: 1 }] }, 'previousResultIds[0].value must be a string'],
    ['transcript/statistics', { uri: 5 }, 'uri must be a string'],
    ['transcript/wordsInRange', { uri, range: { start: 0, end: 1 } }, 'range.start must be an object'],
    [
      'transcript/turnStep',
      { uri, position, step: 'sideways' },
      'step must be one of next, previous, next-by-same-speaker',
    ],
    ['transcript/searchTurns', { uri }, 'query must be a string'],
    ['transcript/searchTurns', { uri, query: 'a', speaker: null }, 'speaker must be a string'],
    ['transcript/speakerLabels', { uri, lines: { start: 0 } }, 'lines.end must be an integer'],
    ['transcript/speakerLabels', { uri, lines: [0, 1] }, 'lines must be an object'],
  ];
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ capabilities: { textDocument: { diagnostic: {} } } });
    await client.open(uri, '[A]: hello\n[B]: world');
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  for (const [method, params, complaint] of ILL_TYPED) {
    it(`answers ${method} with ${JSON.stringify(params)} with InvalidParams saying ${complaint}`, async () => {
      await assert.rejects(
        client.connection.sendRequest(method, params),
        (error: { code?: number; message?: string }) => {
          assert.deepEqual([error.code, error.message], [-32602, `${method}: ${complaint}`]);
          return true;
        },
      );
    });
  }

  it('refuses a rename to a newName that is not a string with InvalidParams', async () => {
    for (const newName of [5, null, ['B'], { value: 'B' }]) {
      await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument, position, newName }), {
        code: -32602,
        message: 'textDocument/rename: newName must be a string',
      });
    }
  });

  it('keeps answering well-typed requests after ill-typed ones', async () => {
    assert.deepEqual(
      (await client.symbols(uri))!.map((symbol) => symbol.name),
      ['A: hello', 'B: world'],
    );
  });
});

describe('transcript-language-server given malformed or out-of-range changes', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
  async function assertModelOf(uri: string, text: string): Promise<void> {
    const model = parseTranscript(text);
    assert.deepEqual(strip(await client.symbols(uri)), strip(documentSymbols(model)));
    assert.deepEqual(strip(await client.folding(uri)), strip(foldingRanges(model)));
  }
  const at = (line: number, character: number) => ({ line, character });

  const MALFORMED: Array<[string, unknown[], RegExp]> = [
    [
      'a fractional character',
      [{ range: { start: at(0, 1.5), end: at(0, 2) }, text: 'x' }],
      /contentChanges\[0\]\.range\.start\.character must be an integer/,
    ],
    [
      'a missing character',
      [{ range: { start: { line: 0 }, end: at(0, 2) }, text: 'x' }],
      /contentChanges\[0\]\.range\.start\.character must be an integer/,
    ],
    [
      'a text that is not a string',
      [{ range: { start: at(0, 1), end: at(0, 2) }, text: 5 }],
      /contentChanges\[0\]\.text must be a string/,
    ],
    [
      'a well-formed change followed by a malformed one',
      [{ range: { start: at(0, 0), end: at(0, 0) }, text: '[Z]: first\n' }, { text: null }],
      /contentChanges\[1\]\.text must be a string/,
    ],
  ];
  for (const [index, [name, contentChanges, complaint]] of MALFORMED.entries()) {
    it(`refuses a didChange with ${name}, logs why, and keeps the document as it was`, async () => {
      const uri = `file:///refused-${index}.transcript`;
      const text = '[A]: hello\n[B]: world';
      await client.open(uri, text);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges,
      });
      await assertModelOf(uri, text);
      const log = await client.logFor(complaint);
      assert.match(log.message, /^transcript: textDocument\/didChange refused: /);
    });
  }

  it("clamps change positions past a line's end, past the last line and before the start as vscode-languageserver-textdocument does", async () => {
    const uri = 'file:///clamped.transcript';
    const document = TextDocument.create(uri, 'transcript', 1, '[A]: one\n[B]: two\r\n[C]: three\r[D]: four');
    await client.open(uri, document.getText());
    const changes = [
      { range: { start: at(0, 99), end: at(0, 200) }, text: ' more' },
      { range: { start: at(1, 50), end: at(1, 60) }, text: '!' },
      { range: { start: at(2, 12), end: at(2, 12) }, text: '?' },
      { range: { start: at(40, 0), end: at(50, 3) }, text: '\n[E]: five' },
      { range: { start: at(-1, -4), end: at(0, -2) }, text: '[Pre]: zero\n' },
    ];
    for (const [i, change] of changes.entries()) {
      TextDocument.update(document, [change], i + 2);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [change],
      });
    }
    assert.equal(document.getText(), '[Pre]: zero\n[A]: one more\n[B]: two!\r\n[C]: three?\r[D]: four\n[E]: five');
    await assertModelOf(uri, document.getText());
  });

  it('applies a change whose range ends before it starts to the text vscode-languageserver-textdocument makes', async () => {
    const uri = 'file:///reversed.transcript';
    const document = TextDocument.create(uri, 'transcript', 1, '[A]: one\n[B]: two\n[C]: three');
    await client.open(uri, document.getText());
    const change = { range: { start: at(2, 0), end: at(0, 5) }, text: 'gone\n' };
    TextDocument.update(document, [change], 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [change],
    });
    assert.equal(document.getText(), '[A]: gone\n[C]: three');
    await assertModelOf(uri, document.getText());
  });
});
