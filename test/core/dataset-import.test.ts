import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planImport, type ImportSettings } from '../../src/core/dataset-import';

const SETTINGS: ImportSettings = {
  format: undefined,
  speakers: new Map([
    ['user', 'User'],
    ['assistant', 'Assistant'],
    ['system', 'System'],
  ]),
  normalize: false,
};

const line = (id: string | undefined, ...contents: string[]) =>
  JSON.stringify({
    ...(id === undefined ? {} : { id }),
    messages: contents.map((content, index) => ({ role: index % 2 ? 'assistant' : 'user', content })),
  });

describe('planning an import', () => {
  it('writes a transcript per conversation, named by its id or else by its line', () => {
    const plan = planImport('in.jsonl', `${line('chat-1', 'hi', 'yo')}\n\n${line(undefined, 'again')}\n`, SETTINGS);
    assert.deepEqual(plan.steps, [
      { kind: 'write', where: 'in.jsonl:1', name: 'chat-1.transcript', text: '[User]: hi\n[Assistant]: yo\n' },
      { kind: 'write', where: 'in.jsonl:3', name: 'line-3.transcript', text: '[User]: again\n' },
    ]);
    assert.deepEqual([plan.refused, plan.malformed, plan.skippedParts], [0, 0, 0]);
  });

  it('reads a .json file as one document, its items named by their place', () => {
    const plan = planImport('in.json', `[${line(undefined, 'a')}]`, SETTINGS);
    assert.deepEqual(
      plan.steps.map((step) => step.kind === 'write' && step.name),
      ['item-1.transcript'],
    );
  });

  it('notes a malformed line and a skipped part, in the order of the input, and counts them', () => {
    const parts = JSON.stringify({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image_url' }] }],
    });
    const plan = planImport('in.jsonl', `{oops\n${parts}\n`, SETTINGS);
    assert.deepEqual(
      plan.steps.map((step) => step.kind),
      ['note', 'note', 'write'],
    );
    assert.match((plan.steps[0] as { text: string }).text, /^in\.jsonl:1: not JSON/);
    assert.equal(
      (plan.steps[1] as { text: string }).text,
      'in.jsonl:2: skipped message 1: part 2, of type `image_url` (only text parts are read)',
    );
    assert.deepEqual([plan.malformed, plan.skippedParts], [1, 1]);
  });

  it("refuses a second conversation whose name is the first one's on a case-insensitive file system", () => {
    const plan = planImport('in.jsonl', `${line('Chat', 'a')}\n${line('chat', 'b')}\n`, SETTINGS);
    assert.deepEqual(plan.steps.at(-1), {
      kind: 'note',
      text: 'in.jsonl:2: refused: chat.transcript is written from in.jsonl:1 already',
    });
    assert.equal(plan.refused, 1);
  });
});
