import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import { sectionsOf } from '../../src/core/sections';
import { statistics, wordsInRange } from '../../src/core/statistics';
import { countWords, proseSpans } from '../../src/core/words';
import type { Span, Transcript } from '../../src/core/model';
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

/** The words in `range` read section by section, every prose span cut to the range: the rule, without shortcuts. */
function wordsByReading(model: Transcript, range: Span): number {
  let words = 0;
  for (const section of sectionsOf(model)) {
    const tag = 'tag' in section ? (section.tag as Span) : undefined;
    for (const span of proseSpans(section, tag)) {
      const [start, end] = [Math.max(span.start, range.start), Math.min(span.end, range.end)];
      if (end > start) words += countWords(model.text.slice(start, end)).words;
    }
  }
  return words;
}

describe('words in a range of a long transcript', () => {
  const text = Array.from({ length: 3000 }, (_, i) =>
    i % 50 === 0
      ? `[B]: 代码 ${i}\n<<<FILE f${i}.py\nnot counted\nFILE>>>\nafter the file\n`
      : `[${i % 2 ? 'A' : 'B'}]: turn ${i} 你好 words\n`,
  ).join('');

  it('counts as reading every turn would, for ranges that cut turns, span many or hold the whole text', () => {
    let model = parseTranscript(`intro words\n${text}`);
    const length = model.lines.textLength;
    const ranges = [
      { start: 0, end: length },
      { start: 3, end: length - 5 },
      { start: 0, end: 12 },
      { start: length >> 1, end: (length >> 1) + 9 },
      { start: 1000, end: 40_000 },
      { start: length, end: length },
    ];
    for (const round of [0, 1]) {
      for (const range of ranges)
        assert.equal(
          wordsInRange(model, range).words,
          wordsByReading(model, range),
          `${round}: ${JSON.stringify(range)}`,
        );
      const at = model.lines.positionAt(length >> 2);
      model = applyChange(model, { range: { start: at, end: at }, text: ' 新 added words\n[C]: more here\n' });
    }
  });
});
