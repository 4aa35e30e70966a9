import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SpeakerLabels } from '../../src/core/speaker-labels';
import { LspClient } from '../support/lsp-client';

describe('speaker labels over stdio', () => {
  const uri = 'file:///speaker-labels.transcript';
  let client: LspClient;
  const labels = (lines?: { start: number; end: number }, at = uri) =>
    client.connection.sendRequest<SpeakerLabels | null>('transcript/speakerLabels', { uri: at, lines });

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, '[A]: 😀 one\n[😀 B]: two\n[A]: three\n[C]: four');
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('answers the labels on the lines asked for, with their speakers by first appearance', async () => {
    assert.deepEqual(await labels({ start: 1, end: 3 }), {
      labels: [
        { speaker: '😀 B', range: { start: { line: 1, character: 1 }, end: { line: 1, character: 5 } } },
        { speaker: 'A', range: { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } } },
      ],
      speakers: [
        { speaker: 'A', order: 0 },
        { speaker: '😀 B', order: 1 },
      ],
    });
  });

  it('answers every label without lines', async () => {
    assert.deepEqual(
      (await labels())?.labels.map((label) => label.speaker),
      ['A', '😀 B', 'A', 'C'],
    );
  });

  it('answers no labels for lines without tags', async () => {
    assert.deepEqual(await labels({ start: 10, end: 20 }), { labels: [], speakers: [] });
  });

  it('answers null for a document that is not open', async () => {
    assert.equal(await labels({ start: 0, end: 1 }, 'file:///nowhere.transcript'), null);
  });
});
