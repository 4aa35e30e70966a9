import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../../src/core/parse';
import { type TurnSearch, searchTurns } from '../../../src/core/turn-search';
import { generateTranscript } from '../../support/generate';
import { LspClient } from '../../support/lsp-client';

const MiB = 2 ** 20;
/** What Go to Turn may take to show its list, the server's answer being most of it. */
const TARGET_MS = 300;
const RUNS = 15;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
};

describe('Go to Turn on a 50 MiB transcript over stdio', () => {
  it(`answers transcript/searchTurns in under ${TARGET_MS} ms (median) for an empty query, a common word and a rare word`, async (t) => {
    const text = generateTranscript({ seed: 1, bytes: 50 * MiB });
    const model = parseTranscript(text);
    const client = await LspClient.start({ timeoutMs: 120_000 });
    const uri = 'file:///search-turns.transcript';
    await client.open(uri, text);
    await client.diagnosticsFor(uri);
    const search = (query: string) =>
      client.connection.sendRequest<TurnSearch | null>('transcript/searchTurns', { uri, query });
    // From the generator's vocabulary: `the` is in about a third of the turns, `loraConfig` in a handful.
    const queries: Array<{ what: string; query: string; holds: (found: TurnSearch) => boolean }> = [
      { what: 'an empty query', query: '', holds: (found) => found.truncated },
      { what: 'a common word', query: 'the', holds: (found) => found.truncated },
      { what: 'a rare word', query: 'loraConfig', holds: (found) => found.turns.length > 0 && found.turns.length < 50 },
    ];
    for (const { what, query, holds } of queries) {
      const expected = searchTurns(model, query);
      assert.ok(holds(expected), `${what}: ${expected.turns.length} turns`);
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const answer = await search(query);
        times.push(performance.now() - start);
        assert.deepEqual(answer, expected, what);
      }
      const found = `${expected.turns.length}${expected.truncated ? '+' : ''} of ${model.turns.count} turns`;
      t.diagnostic(
        `${what} (${JSON.stringify(query)}, ${found}): median ${median(times).toFixed(1)} ms, first ${times[0]!.toFixed(1)} ms`,
      );
      assert.ok(median(times) < TARGET_MS, `${what}: median ${median(times).toFixed(1)} ms`);
    }
    assert.equal(await client.stop(), 0, client.stderr);
  });
});
