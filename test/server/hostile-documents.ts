import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { binaryTextReason } from '../../src/core/content';
import { diagnostics } from '../../src/core/diagnostics';
import { parseTranscript } from '../../src/core/parse';
import { SEEDS } from '../core/helpers';
import { LspClient, nodeServer } from '../support/lsp-client';

export const MiB = 1024 * 1024;

/** A document the server must survive, made on demand, and the time it has to publish diagnostics and answer symbols. */
export interface HostileDocument {
  name: string;
  boundMs: number;
  make: () => string;
}

/** The seeds repeated to at least `length` characters: a large transcript of realistic turns. */
export function seedsRepeatedTo(length: number): string {
  const unit = SEEDS.map(([, text]) => text).join('\n') + '\n';
  return unit.repeat(Math.ceil(length / unit.length));
}

/** `work`, or a rejection once `boundMs` have passed. */
export async function within<T>(boundMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`not answered within ${boundMs} ms`)), boundMs)),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** For each document: the server answers it within its bound, keeps serving another document, and frees the memory on close. */
export function describeHostileDocuments(documents: readonly HostileDocument[]): void {
  describe('hostile documents over stdio', () => {
    let client: LspClient;
    let baselineHeap = 0;
    const small = 'file:///small.transcript';
    before(async () => {
      // Each request may take as long as the slowest case is allowed, so the case's bound is what fails it.
      const timeoutMs = Math.max(...documents.map((document) => document.boundMs));
      client = await LspClient.start({ server: nodeServer(['--expose-gc']), timeoutMs });
      await client.open(small, SEEDS[0]![1]);
      await client.diagnosticsFor(small);
      baselineHeap = (
        await client.connection.sendRequest<NodeJS.MemoryUsage>('transcript/memoryUsage', { collect: true })
      ).heapUsed;
    });
    after(async () => {
      assert.equal(await client.stop(), 0, client.stderr);
    });

    for (const { name, boundMs, make } of documents) {
      it(`answers ${name} within ${boundMs / 1000} s, keeps serving another document, and frees the memory on close`, async () => {
        const uri = `file:///hostile/${encodeURIComponent(name)}`;
        let text: string | undefined = make();
        // A binary document gets one diagnostic saying it is not checked.
        const expected = binaryTextReason(text) ? 1 : diagnostics(parseTranscript(text), uri).length;
        await client.open(uri, text);
        // eslint-disable-next-line no-useless-assignment -- drops the last reference, so that the memory can be freed
        text = undefined;
        const [published, symbols, otherSymbols] = await within(
          boundMs,
          Promise.all([client.diagnosticsFor(uri, () => true, boundMs), client.symbols(uri), client.symbols(small)]),
        );
        assert.equal(published.length, expected);
        assert.ok(Array.isArray(symbols));
        assert.equal(otherSymbols!.length, 20);
        assert.equal((await client.hover(uri, 0, 1)) === undefined, false);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        const heap = (
          await client.connection.sendRequest<NodeJS.MemoryUsage>('transcript/memoryUsage', { collect: true })
        ).heapUsed;
        assert.ok(
          heap < baselineHeap + 64 * MiB,
          `heap ${Math.round(heap / MiB)} MiB after close, baseline ${Math.round(baselineHeap / MiB)} MiB`,
        );
      });
    }
  });
}
