import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';

describe('turn steps over stdio', () => {
  const uri = 'file:///turn-step.transcript';
  let client: LspClient;
  const step = (line: number, character: number, to: string, at = uri) =>
    client.connection.sendRequest<Range | null>('transcript/turnStep', {
      uri: at,
      position: { line, character },
      step: to,
    });

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, '[A]: 😀 one\n[B]: two\n[A]: three');
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it("answers the next turn's tag as a range", async () => {
    assert.deepEqual(await step(0, 8, 'next'), { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  });

  it('answers the next tag of the same speaker', async () => {
    assert.equal((await step(0, 0, 'next-by-same-speaker'))?.start.line, 2);
  });

  it('answers null where there is no turn to step to', async () => {
    assert.equal(await step(2, 3, 'next'), null);
  });

  it('answers null for a document that is not open', async () => {
    assert.equal(await step(0, 0, 'previous', 'file:///nowhere.transcript'), null);
  });
});
