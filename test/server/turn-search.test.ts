import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TurnSearch } from '../../src/core/turn-search';
import { LspClient } from '../support/lsp-client';

describe('turn search over stdio', () => {
  const uri = 'file:///turn-search.transcript';
  let client: LspClient;
  const search = (params: { query: string; speaker?: string }, at = uri) =>
    client.connection.sendRequest<TurnSearch | null>('transcript/searchTurns', { uri: at, ...params });

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, '[A]: 😀 one\nand a Needle\n[B]: two needles\n[A]: three');
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('answers the turns that hold the query, with their tags, names and matches', async () => {
    assert.deepEqual(await search({ query: 'needle' }), {
      turns: [
        {
          index: 0,
          speaker: 'A',
          tag: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
          name: 'A: 😀 one',
          line: 0,
          match: { start: { line: 1, character: 6 }, end: { line: 1, character: 12 } },
        },
        {
          index: 1,
          speaker: 'B',
          tag: { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } },
          name: 'B: two needles',
          line: 2,
          match: { start: { line: 2, character: 9 }, end: { line: 2, character: 15 } },
        },
      ],
      truncated: false,
    });
  });

  it("answers only the speaker's turns when one is given", async () => {
    assert.deepEqual(
      (await search({ query: '', speaker: 'A' }))?.turns.map((turn) => turn.index),
      [0, 2],
    );
  });

  it('answers null for a document that is not open', async () => {
    assert.equal(await search({ query: '' }, 'file:///nowhere.transcript'), null);
  });
});
