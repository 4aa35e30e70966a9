import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { DocumentStatistics } from '../../src/core/statistics';
import { LspClient } from '../support/lsp-client';

const URI = 'file:///untitled/tokens.transcript';
const TEXT =
  '[User]: How many tokens is this?\n[Assistant]: A few.\n<<<FILE a.py\nprint("你好")\nFILE>>>\n[User]: ok\n';
const CONTENTS = {
  user: ['How many tokens is this?', 'ok'],
  assistant: 'A few.\n<<<FILE a.py\nprint("你好")\nFILE>>>',
};

describe('token counts over the protocol', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    await client.open(URI, TEXT);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const hoverText = async (line: number): Promise<string> =>
    ((await client.hover(URI, line, 1))!.contents as MarkupContent).value;
  const setEncoding = (encoding: unknown): Promise<void> =>
    client.notify('workspace/didChangeConfiguration', { settings: { transcript: { tokens: { encoding } } } });

  it("hovers with the turn's tokens and the speaker's, in o200k_base by default", async () => {
    const value = await hoverText(1);
    assert.match(value, new RegExp(`· ${o200k(CONTENTS.assistant)} tokens \\(o200k_base\\)\n`));
    const user = await hoverText(5);
    assert.match(
      user,
      new RegExp(`in total: 2 turns, .*, ${o200k(CONTENTS.user[0]!) + o200k(CONTENTS.user[1]!)} tokens$`),
    );
  });

  it('answers the statistics with tokens per speaker and in all', async () => {
    const answer = await client.request<DocumentStatistics>('transcript/statistics', { uri: URI });
    const user = o200k(CONTENTS.user[0]!) + o200k(CONTENTS.user[1]!);
    assert.equal(answer.encoding, 'o200k_base');
    assert.equal(answer.tokens, user + o200k(CONTENTS.assistant));
    assert.deepEqual(
      answer.speakers.map((row) => [row.speaker, row.tokens]),
      [
        ['User', user],
        ['Assistant', o200k(CONTENTS.assistant)],
      ],
    );
  });

  it('counts with cl100k_base once the setting says so', async () => {
    await setEncoding('cl100k_base');
    assert.match(await hoverText(1), new RegExp(`· ${cl100k(CONTENTS.assistant)} tokens \\(cl100k_base\\)\n`));
    const answer = await client.request<DocumentStatistics>('transcript/statistics', { uri: URI });
    assert.equal(answer.encoding, 'cl100k_base');
  });

  it('shows no tokens anywhere when the setting is off', async () => {
    await setEncoding('off');
    const value = await hoverText(1);
    assert.match(value, /turn 2 of 3/);
    assert.doesNotMatch(value, /token/);
    const answer = await client.request<DocumentStatistics>('transcript/statistics', { uri: URI });
    assert.equal(answer.tokens, undefined);
    assert.ok(answer.speakers.every((row) => row.tokens === undefined));
  });

  it('counts with the default again for a setting it does not know', async () => {
    await setEncoding('p50k_base');
    assert.match(await hoverText(1), /tokens \(o200k_base\)/);
  });
});
