import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { statistics, wordsInRange } from '../../src/core/statistics';
import { SEEDS } from './helpers';

describe('statistics', () => {
  it('tabulates speakers in order of appearance with words, shares, blocks and code lines', () => {
    const model = parseTranscript('[A]: one two\n<<<FILE a\nx\nFILE>>>\n[B]: 三\n```\nc\nd\n```\n[A]: four');
    assert.deepEqual(statistics(model), {
      turns: 3,
      words: 4,
      speakers: [
        {
          speaker: 'A',
          turns: 2,
          words: 3,
          cjk: 0,
          other: 3,
          share: 0.75,
          averageWordsPerTurn: 1.5,
          fileBlocks: 1,
          codeLines: 0,
        },
        {
          speaker: 'B',
          turns: 1,
          words: 1,
          cjk: 1,
          other: 0,
          share: 0.25,
          averageWordsPerTurn: 1,
          fileBlocks: 0,
          codeLines: 2,
        },
      ],
    });
  });

  it('adds the seed speakers up to every turn and word', () => {
    for (const [, text] of SEEDS) {
      const table = statistics(parseTranscript(text));
      assert.equal(
        table.speakers.reduce((sum, row) => sum + row.turns, 0),
        20,
      );
      assert.equal(
        table.speakers.reduce((sum, row) => sum + row.words, 0),
        table.words,
      );
    }
  });

  it('counts the words of a selection without tags, FILE content or code', () => {
    const model = parseTranscript('[A]: one two\n<<<FILE a\nx y\nFILE>>>\n[B]: 三四');
    assert.deepEqual(wordsInRange(model, { start: 0, end: model.text.length }), { words: 4, cjk: 2, other: 2 });
    assert.deepEqual(wordsInRange(model, { start: 5, end: 8 }), { words: 1, cjk: 0, other: 1 });
    assert.deepEqual(wordsInRange(model, { start: 0, end: 0 }), { words: 0, cjk: 0, other: 0 });
  });
});
