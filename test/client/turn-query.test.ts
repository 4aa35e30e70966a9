import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { turnQuery } from '../../src/client/turn-query';

describe("Go to Turn's input", () => {
  it('reads @Name and the words after it as a search in that speaker’s turns', () => {
    assert.deepEqual(turnQuery('@B see you'), { query: 'see you', speaker: 'B' });
    assert.deepEqual(turnQuery('@B'), { query: '', speaker: 'B' });
  });

  it('reads a quoted name, spaces and all, as one speaker', () => {
    assert.deepEqual(turnQuery('@"Dr. Chen" 你好'), { query: '你好', speaker: 'Dr. Chen' });
    assert.deepEqual(turnQuery('@"Maria José"'), { query: '', speaker: 'Maria José' });
  });

  it('reads anything else, an @ later on or an unclosed quote included, as words to find in every turn', () => {
    assert.deepEqual(turnQuery('see @B'), { query: 'see @B', speaker: undefined });
    assert.deepEqual(turnQuery('@"Dr. Chen'), { query: '@"Dr. Chen', speaker: undefined });
    assert.deepEqual(turnQuery('@ alone'), { query: '@ alone', speaker: undefined });
  });
});
