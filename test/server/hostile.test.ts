import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { diagnostics } from '../../src/core/diagnostics';
import { LineIndex } from '../../src/core/lines';
import { parseTranscript } from '../../src/core/parse';
import { documentSymbols } from '../../src/core/symbols';
import { SEEDS } from '../core/helpers';
import { describeHostileDocuments, type HostileDocument, MiB, seedsRepeatedTo, within } from './hostile-documents';
import { LspClient } from '../support/lsp-client';

/** Hostile documents, each with the time the server has to publish diagnostics and answer symbols; larger ones are in test/stress. */
const HOSTILE: HostileDocument[] = [
  { name: 'a 10 MiB transcript', boundMs: 20_000, make: () => seedsRepeatedTo(10 * MiB) },
  { name: 'a single 10 MiB line', boundMs: 20_000, make: () => `[A]: ${'x你😀 '.repeat((10 * MiB) / 6)}` },
  {
    name: '100,000 one-line turns',
    boundMs: 20_000,
    make: () => Array.from({ length: 100_000 }, (_, i) => `[S${i % 7}]: line ${i}`).join('\n'),
  },
  {
    name: '10,000 nested-looking openers',
    boundMs: 20_000,
    make: () => `[A]: x\n<<<FILE a\n${'<<<FILE b\n'.repeat(10_000)}`,
  },
  {
    name: '10,000 unclosed blocks between turns',
    boundMs: 20_000,
    make: () => `[A]: x\n${'<<<FILE a\n[B]: y\n'.repeat(10_000)}`,
  },
  {
    name: 'a binary file opened as a transcript',
    boundMs: 20_000,
    make: () => Buffer.from(Array.from({ length: 5 * MiB }, (_, i) => (i * 2654435761) % 256)).toString('latin1'),
  },
  { name: 'a document of 1 MiB of \\r alone', boundMs: 20_000, make: () => '\r'.repeat(MiB) },
];

describeHostileDocuments(HOSTILE);

describe('protocol abuse over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  async function assertMatchesFreshParse(uri: string, text: string): Promise<void> {
    const model = parseTranscript(text);
    const strip = (symbols: DocumentSymbol[] | null): unknown => JSON.parse(JSON.stringify(symbols));
    assert.deepEqual(strip(await client.symbols(uri)), strip(documentSymbols(model)));
    const pulled = await client.diagnosticsFor(
      uri,
      (params) => JSON.stringify(params.diagnostics) === JSON.stringify(diagnostics(model, uri)),
    );
    assert.equal(pulled.length, diagnostics(model, uri).length);
  }

  it('applies out-of-order and repeated versions as sent, and ends at the model of a fresh parse', async () => {
    const uri = 'file:///versions.transcript';
    await client.open(uri, '[A]: one\n', { version: 5 });
    const change = (version: number, line: number, text: string) =>
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }],
      });
    await change(7, 1, '[B]: two\n');
    await change(6, 2, '<<<FILE a\n');
    await change(6, 3, '[C]: three\n');
    await assertMatchesFreshParse(uri, '[A]: one\n[B]: two\n<<<FILE a\n[C]: three\n');
  });

  it('replays 10,000 keystrokes in a burst into exactly the model of a fresh parse', async () => {
    const uri = 'file:///burst.transcript';
    let text = SEEDS[1]![1];
    await client.open(uri, text);
    let state = 1;
    const next = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % limit;
    };
    const keys = ['a', '你', '😀', '\n', '[', ']', ':', ' ', '\n[D]: ', '<<<FILE x\n', 'FILE>>>\n', '```\n'];
    // Only line starts are needed to turn offsets into ranges; a full parse per keystroke took most of the test's time.
    let lines = LineIndex.of(text);
    for (let i = 0; i < 10_000; i++) {
      const at = next(text.length + 1);
      const remove = next(4) === 0 ? Math.min(3, text.length - at) : 0;
      const inserted = next(5) === 0 ? '' : keys[next(keys.length)]!;
      const range = lines.rangeOf(at, at + remove);
      text = text.slice(0, at) + inserted + text.slice(at + remove);
      lines = LineIndex.of(text);
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ range, text: inserted }],
      });
    }
    await assertMatchesFreshParse(uri, text);
  });

  it('ignores changes for a document that is closed and answers for it with empty results', async () => {
    const uri = 'file:///closed.transcript';
    await client.open(uri, '[A]: x');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: '[B]: y' }],
    });
    assert.deepEqual(await client.symbols(uri), []);
    assert.equal(await client.hover(uri, 0, 0), null);
  });

  it('survives a request cancelled mid-flight and keeps answering', async () => {
    const uri = 'file:///cancel.transcript';
    await client.open(uri, seedsRepeatedTo(4 * MiB));
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(
      'textDocument/documentSymbol',
      { textDocument: { uri } },
      source.token,
    );
    source.cancel();
    await pending.then(
      () => undefined,
      (error: { code?: number }) => assert.equal(error.code, -32800),
    );
    assert.equal((await client.symbols('file:///nowhere'))!.length, 0);
    assert.ok((await client.symbols(uri))!.length > 0);
  });
});

/** The peak resident set size of process `pid` so far (Linux: `VmHWM` in /proc/<pid>/status). */
function peakRss(pid: number): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!;
  return Number(kib) * 1024;
}

describe(
  'transcript-language-server indexing hostile files on disk',
  { skip: process.platform !== 'linux' && 'needs /proc, mkfifo and /dev/zero' },
  () => {
    const BOUND_MS = 5_000;
    const BOUND_RSS = 64 * MiB;

    /**
     * Starts a server on a folder holding one transcript, makes `hostile` in it, reports it and then a
     * transcript made after it in one file event, and returns how long the second took to be indexed, how
     * much the server's peak memory grew meanwhile, and how the server exited when asked to.
     */
    async function indexAfter(
      hostile: (path: string) => void,
      name: string,
    ): Promise<{ ms: number; grownRss: number; exit: number | null | 'killed' }> {
      const folder = mkdtempSync(join(tmpdir(), 'transcript-hostile-'));
      writeFileSync(join(folder, 'first.transcript'), '[A]: first\nFILE>>>');
      const uriOf = (file: string) => pathToFileURL(join(folder, file)).href;
      const client = await LspClient.start({
        initialize: { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }] },
      });
      const measured = (async () => {
        await client.diagnosticsFor(uriOf('first.transcript'));
        const rssBefore = peakRss(client.process.pid!);
        hostile(join(folder, name));
        writeFileSync(join(folder, 'after.transcript'), '[B]: after\nFILE>>>');
        const started = Date.now();
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
          changes: [
            { uri: uriOf(name), type: 2 },
            { uri: uriOf('after.transcript'), type: 1 },
          ],
        });
        await client.diagnosticsFor(uriOf('after.transcript'), () => true, BOUND_MS);
        assert.equal(client.diagnostics.has(uriOf(name)), false);
        return { ms: Date.now() - started, grownRss: peakRss(client.process.pid!) - rssBefore };
      })();
      const outcome = await measured.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      // A server whose file system thread is stuck opening a pipe cannot exit: libuv waits for that thread.
      const exit = await within(BOUND_MS, client.stop()).catch(() => {
        client.process.kill('SIGKILL');
        return 'killed' as const;
      });
      rmSync(folder, { recursive: true, force: true });
      if ('error' in outcome) throw outcome.error;
      return { ...outcome.value, exit };
    }

    it(`skips a named pipe called x.transcript reported by a file event and indexes the next file within ${BOUND_MS / 1000} s`, async (t) => {
      const { ms, exit } = await indexAfter((path) => execFileSync('mkfifo', [path]), 'x.transcript');
      t.diagnostic(`the next file was indexed ${ms} ms after the event`);
      assert.ok(ms < BOUND_MS, `${ms} ms`);
      assert.equal(exit, 0);
    });

    it(`skips a symbolic link y.transcript to /dev/zero reported by a file event, within ${BOUND_MS / 1000} s and ${BOUND_RSS / MiB} MiB of peak memory`, async (t) => {
      const { ms, grownRss, exit } = await indexAfter((path) => symlinkSync('/dev/zero', path), 'y.transcript');
      t.diagnostic(
        `the next file was indexed ${ms} ms after the event; peak memory grew by ${(grownRss / MiB).toFixed(1)} MiB`,
      );
      assert.ok(ms < BOUND_MS, `${ms} ms`);
      assert.ok(grownRss < BOUND_RSS, `peak memory grew by ${Math.round(grownRss / MiB)} MiB`);
      assert.equal(exit, 0);
    });
  },
);
