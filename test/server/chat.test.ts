import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TurnWindow } from '../../src/core/chat-html';
import type { ImportPlan } from '../../src/core/dataset-import';
import { executableMarkup } from '../support/html-safety';
import { LspClient } from '../support/lsp-client';

type Window = TurnWindow & { version: number };

describe('the dataset export request over stdio', () => {
  const uri = 'file:///broken.transcript';
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initialize: { locale: 'en' } });
    await client.open(uri, '[A]: hi\nFILE>>>\n[B]: yo\n');
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('counts the errors of a document it refuses', async () => {
    const params = { uri, format: 'openai', allowErrors: false };
    assert.deepEqual(await client.request('transcript/exportDataset', params), {
      ok: false,
      kind: 'errors',
      errors: 1,
    });
  });

  it('answers a role that is not one with InvalidParams', async () => {
    const params = { uri, format: 'openai', roles: [{ speaker: 'A', role: 'human' }], allowErrors: false };
    await assert.rejects(client.connection.sendRequest('transcript/exportDataset', params), {
      code: -32602,
      message: 'transcript/exportDataset: roles[0].role must be one of user, assistant, system',
    });
  });
});

describe('the import request over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initialize: { locale: 'en' } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('plans the transcripts of a dataset as transcript import does, with its default speakers', async () => {
    const line = JSON.stringify({ id: 'c1', messages: [{ role: 'user', content: 'hi' }] });
    const plan = await client.request<ImportPlan>('transcript/importConversations', {
      name: 'in.jsonl',
      text: `${line}\n{`,
    });
    assert.deepEqual(plan.steps[0], {
      kind: 'write',
      where: 'in.jsonl:1',
      name: 'c1.transcript',
      text: '[User]: hi\n',
    });
    assert.match((plan.steps[1] as { text: string }).text, /^in\.jsonl:2: not JSON/);
    assert.equal(plan.malformed, 1);
  });
});

describe('the preview and export requests over stdio', () => {
  const uri = 'file:///chat.transcript';
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initialize: { locale: 'en' } });
    await client.open(uri, '[A]: one\n[B]: **two**\n[A]: three\n[B]: ![x](https://a.example/x.png)');
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('renders a range of turns, with the document version and the number of turns', async () => {
    const window = await client.request<Window>('transcript/renderTurns', { uri, from: 1, to: 3 });
    assert.equal(window.version, 1);
    assert.equal(window.turnCount, 4);
    assert.equal(window.twoParty, true);
    assert.equal(window.from, 1);
    assert.deepEqual(
      window.turns.map((turn) => [turn.index, turn.line]),
      [
        [1, 1],
        [2, 2],
      ],
    );
    assert.match(window.turns[0]!.html, /<strong>two<\/strong>/);
  });

  it('renders the turns around a line, naming the turn that holds it', async () => {
    const window = await client.request<Window>('transcript/renderTurns', { uri, line: 2, before: 1, after: 5 });
    assert.equal(window.anchor, 2);
    assert.deepEqual(
      window.turns.map((turn) => turn.index),
      [1, 2, 3],
    );
  });

  it('shows remote pictures only when asked to', async () => {
    const [blocked] = (await client.request<Window>('transcript/renderTurns', { uri, from: 3, to: 4 })).turns;
    assert.doesNotMatch(blocked!.html, /<img/);
    const [shown] = (
      await client.request<Window>('transcript/renderTurns', { uri, from: 3, to: 4, remoteImages: true })
    ).turns;
    assert.match(shown!.html, /<img src="https:\/\/a\.example\/x\.png"/);
  });

  it('renders the turns of the latest version after an edit', async () => {
    await client.change(uri, 2, [
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } }, text: '1' },
    ]);
    const window = await client.request<Window>('transcript/renderTurns', { uri, from: 0, to: 1 });
    assert.equal(window.version, 2);
    assert.match(window.turns[0]!.html, /<p>1<\/p>/);
  });

  it('exports the page of an open document', async () => {
    const page = await client.request<string>('transcript/exportHtml', { uri, title: '<b>chat</b>' });
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /<title>&lt;b&gt;chat&lt;\/b&gt;<\/title>/);
    assert.deepEqual(executableMarkup(page), []);
  });

  it('exports the dataset line of an open document as it is after its edits', async () => {
    const answer = await client.request('transcript/exportDataset', {
      uri,
      format: 'sharegpt',

      roles: [
        { speaker: 'A', role: 'user' },
        { speaker: 'B', role: 'assistant' },
      ],
      allowErrors: false,
    });
    assert.deepEqual(answer, {
      ok: true,
      line: '{"id":"chat","conversations":[{"from":"human","value":"1"},{"from":"gpt","value":"**two**"},{"from":"human","value":"three"},{"from":"gpt","value":"![x](https://a.example/x.png)"}]}',
      messages: 4,
    });
  });

  it('answers null for a document it does not have', async () => {
    assert.equal(await client.request('transcript/renderTurns', { uri: 'file:///none', from: 0, to: 1 }), null);
    assert.equal(await client.request('transcript/exportHtml', { uri: 'file:///none', title: 'x' }), null);
    assert.equal(
      await client.request('transcript/exportDataset', {
        uri: 'file:///none',
        format: 'openai',

        allowErrors: false,
      }),
      null,
    );
  });

  it('answers ill-typed parameters with InvalidParams', async () => {
    for (const [params, complaint] of [
      [{ uri, from: 0 }, 'to must be an integer'],
      [{ uri, line: 'x', before: 1, after: 1 }, 'line must be an integer'],
      [{ uri, from: 0, to: 1, remoteImages: 'yes' }, 'remoteImages must be a boolean'],
    ] as const) {
      await assert.rejects(client.connection.sendRequest('transcript/renderTurns', params), {
        code: -32602,
        message: `transcript/renderTurns: ${complaint}`,
      });
    }
  });
});
