import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTranscriptFile, mayBeTranscriptName } from '../../src/core/transcript-files';

describe('isTranscriptFile', () => {
  it('takes every .transcript file, whatever its first line', () => {
    assert.equal(isTranscriptFile('notes.transcript', 'Notes\n'), true);
  });

  it('takes a .txt file whose first line starts with a speaker tag', () => {
    assert.equal(isTranscriptFile('talk.txt', '[用户]: 你好 👋\n[AI]: hi'), true);
  });

  it('takes a .txt file whose speaker line follows a byte order mark', () => {
    assert.equal(isTranscriptFile('talk.txt', '\ufeff[A]: hi'), true);
  });

  it('takes a .txt file of a single speaker line with no line end', () => {
    assert.equal(isTranscriptFile('talk.TXT', '[A]:'), true);
  });

  it('passes over a .txt file whose first line is not a speaker line', () => {
    assert.equal(isTranscriptFile('notes.txt', 'Meeting notes\n[A]: hi'), false);
  });

  it('passes over a .txt file whose tag is indented', () => {
    assert.equal(isTranscriptFile('notes.txt', ' [A]: hi'), false);
  });

  it('passes over a .txt file whose first line is a speaker tag after a carriage return', () => {
    assert.equal(isTranscriptFile('notes.txt', '\r[A]: hi'), false);
  });

  it('passes over an empty .txt file', () => {
    assert.equal(isTranscriptFile('empty.txt', ''), false);
  });

  it('passes over other extensions even when they start with a speaker line', () => {
    assert.equal(isTranscriptFile('talk.md', '[A]: hi'), false);
  });
});

describe('mayBeTranscriptName', () => {
  it('names .transcript and .txt files in any case', () => {
    assert.deepEqual(['a.transcript', 'b.TXT', 'c.Transcript'].map(mayBeTranscriptName), [true, true, true]);
  });

  it('does not name other files', () => {
    assert.deepEqual(['a.md', 'txt', 'a.txt.bak', 'a.transcripts'].map(mayBeTranscriptName), [
      false,
      false,
      false,
      false,
    ]);
  });
});
