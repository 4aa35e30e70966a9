import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportConversation, transcriptId, type DatasetExportSettings } from '../../src/core/dataset-export';
import { parseTranscript } from '../../src/core/parse';

const SETTINGS: DatasetExportSettings = {
  format: 'openai',
  files: 'keep',
  roles: undefined,
  system: undefined,
  allowErrors: false,
  strict: false,
};

const exported = (text: string, settings: Partial<DatasetExportSettings> = {}) =>
  exportConversation(parseTranscript(text), 'chat', { ...SETTINGS, ...settings });

describe('exporting a transcript as a dataset line', () => {
  it('makes the first speaker the user and the second the assistant', () => {
    assert.deepEqual(exported('[Ann]: hi\n[Bot]: yo\n'), {
      ok: true,
      line: '{"id":"chat","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}]}',
      messages: 2,
    });
  });

  it('leaves the id out when there is none', () => {
    const result = exportConversation(parseTranscript('[A]: hi\n'), undefined, SETTINGS);
    assert.ok(result.ok);
    assert.equal(result.line, '{"messages":[{"role":"user","content":"hi"}]}');
  });

  it('refuses a transcript with an error-severity problem, with the problems', () => {
    const result = exported('[A]: hi\nFILE>>>\n[B]: yo\n');
    assert.ok(!result.ok && result.kind === 'errors');
    assert.deepEqual(
      result.errors.map((problem) => problem.code),
      ['file-block/stray-closer'],
    );
  });

  it('exports a transcript with an error when errors are allowed', () => {
    assert.equal(exported('[A]: hi\nFILE>>>\n[B]: yo\n', { allowErrors: true }).ok, true);
  });

  it('refuses more than two speakers without roles, naming them all', () => {
    assert.deepEqual(exported('[A]: 1\n[B]: 2\n[C]: 3\n'), {
      ok: false,
      kind: 'roles',
      speakers: ['A', 'B', 'C'],
      unmapped: ['A', 'B', 'C'],
      given: false,
    });
  });

  it('refuses the speakers that the given roles leave out', () => {
    const result = exported('[A]: 1\n[B]: 2\n[C]: 3\n', {
      roles: new Map([
        ['A', 'user'],
        ['B', 'assistant'],
      ]),
    });
    assert.ok(!result.ok && result.kind === 'roles');
    assert.deepEqual(result.unmapped, ['C']);
    assert.equal(result.given, true);
  });

  it('refuses what strict mode refuses, only in strict mode', () => {
    const text = '[Bot]: first\n[Ann]: second\n';
    const roles = new Map([
      ['Ann', 'user'],
      ['Bot', 'assistant'],
    ] as const);
    assert.deepEqual(exported(text, { roles, strict: true }), {
      ok: false,
      kind: 'strict',
      reasons: ['line 1: the assistant speaks first'],
    });
    assert.equal(exported(text, { roles }).ok, true);
  });
});

describe('the id of a transcript', () => {
  it('is its file name without the extension', () => {
    assert.equal(transcriptId('data/chat-1.transcript'), 'chat-1');
    assert.equal(transcriptId('C:\\data\\chat.v2.txt'), 'chat.v2');
  });

  it('is the whole name of a file without an extension or with a leading dot', () => {
    assert.equal(transcriptId('/data/notes'), 'notes');
    assert.equal(transcriptId('/data/.chat'), '.chat');
  });
});
