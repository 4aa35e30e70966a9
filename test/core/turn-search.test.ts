import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import { documentSymbols } from '../../src/core/symbols';
import { SEARCH_LIMIT, searchTurns } from '../../src/core/turn-search';
import { SEEDS } from './helpers';

const range = (line: number, start: number, end: number) => ({
  start: { line, character: start },
  end: { line, character: end },
});

/** The 0-based indexes of the turns that `query` finds in `text`. */
function found(text: string, query: string, speaker?: string): number[] {
  return searchTurns(parseTranscript(text), query, speaker).turns.map((turn) => turn.index);
}

describe('turn search', () => {
  it('finds a turn by words on a later line, and where they are', () => {
    const model = parseTranscript('[A]: hello\n[B]: first line\nsecond line\nthe needle here\n[A]: bye');
    assert.deepEqual(searchTurns(model, 'needle'), {
      turns: [{ index: 1, speaker: 'B', tag: range(1, 0, 4), name: 'B: first line', line: 1, match: range(3, 4, 10) }],
      truncated: false,
    });
  });

  it('finds words inside a FILE block of the turn', () => {
    assert.deepEqual(found('[A]: see\n<<<FILE a.py\nprint("needle")\nFILE>>>\n[B]: ok', 'needle'), [0]);
  });

  it('ignores case in the query and in the text', () => {
    assert.deepEqual(found('[A]: Hello\n[B]: HELLO\n[C]: hellO\n[D]: help', 'hELLo'), [0, 1, 2]);
  });

  it('ignores the case of letters beyond ASCII', () => {
    assert.deepEqual(found('[A]: À L’ÉCOLE\n[B]: ΣΟΦΊΑ\n[C]: ecole', 'école'), [0]);
    assert.deepEqual(found('[A]: À L’ÉCOLE\n[B]: ΣΟΦΊΑ\n[C]: ecole', 'σοφία'), [1]);
  });

  it('puts a match after a letter whose lower case is longer where the text has it', () => {
    assert.deepEqual(searchTurns(parseTranscript('[A]: İi needle'), 'NEEDLE').turns[0]?.match, range(0, 8, 14));
  });

  it('counts positions after Chinese characters and emoji in UTF-16 code units', () => {
    const [turn] = searchTurns(parseTranscript('[A]: 你好\n😀你👍 Needle 好'), 'needle').turns;
    assert.deepEqual(turn?.match, range(1, 6, 12));
  });

  it('finds Chinese words and emoji themselves', () => {
    const model = parseTranscript('[A]: 今天天气很好\n[B]: nice 👍🏽 day');
    assert.deepEqual(searchTurns(model, '天气').turns[0]?.match, range(0, 7, 9));
    assert.deepEqual(searchTurns(model, '👍🏽').turns[0]?.match, range(1, 10, 14));
  });

  it('takes the query as typed, not as a pattern', () => {
    assert.deepEqual(found('[A]: abc\n[B]: a.c\n[C]: (a|b)*\n[D]: back\\slash', 'a.c'), [1]);
    assert.deepEqual(found('[A]: (a|b)*\n[B]: a', '(a|b)*'), [0]);
    assert.deepEqual(found('[A]: back\\slash\n[B]: back', 'k\\s'), [0]);
  });

  it('does not match across the line break between two turns', () => {
    assert.deepEqual(found('[A]: one two\n[B]: three', 'two\n[B]'), []);
  });

  it('keeps only the turns of the speaker asked for', () => {
    assert.deepEqual(found('[A]: x one\n[B]: x two\n[A]: three\n[A]: x four', 'x', 'A'), [0, 3]);
  });

  it('lists every turn of the speaker asked for when the query is empty', () => {
    assert.deepEqual(found('[A]: one\n[B]: two\n[A]: three', '', 'A'), [0, 2]);
  });

  it('lists every turn in order, with no match, when the query is empty', () => {
    const { turns, truncated } = searchTurns(parseTranscript('preamble\n[A]: one\n[B]: two\n[A]: three'), '');
    assert.deepEqual(
      turns.map((turn) => [turn.index, turn.line, 'match' in turn]),
      [
        [0, 1, false],
        [1, 2, false],
        [2, 3, false],
      ],
    );
    assert.equal(truncated, false);
  });

  it('finds no turn when nothing matches', () => {
    assert.deepEqual(searchTurns(parseTranscript('[A]: one\n[B]: two'), 'three'), { turns: [], truncated: false });
  });

  it('finds no turn in a document without turns', () => {
    assert.deepEqual(searchTurns(parseTranscript('just a preamble'), ''), { turns: [], truncated: false });
  });

  it('answers the first 1,000 matching turns and says there were more', () => {
    const text = Array.from({ length: SEARCH_LIMIT + 5 }, (_, i) => `[A]: turn ${i}`).join('\n');
    const { turns, truncated } = searchTurns(parseTranscript(text), 'turn');
    assert.equal(SEARCH_LIMIT, 1000);
    assert.deepEqual(
      turns.map((turn) => turn.index),
      Array.from({ length: 1000 }, (_, i) => i),
    );
    assert.equal(truncated, true);
  });

  it('does not say there were more when exactly 1,000 turns match', () => {
    const text = Array.from({ length: 1200 }, (_, i) => `[A]: ${i < 1000 ? 'yes' : 'no'} ${i}`).join('\n');
    const { turns, truncated } = searchTurns(parseTranscript(text), 'yes');
    assert.deepEqual([turns.length, truncated], [1000, false]);
  });

  it('names each turn as the outline does', () => {
    const model = parseTranscript(SEEDS[0]![1]);
    assert.deepEqual(
      searchTurns(model, '').turns.map((turn) => [turn.name, turn.tag]),
      documentSymbols(model).map((symbol) => [symbol.name, symbol.selectionRange]),
    );
  });

  it('reads the text as edited, with the turns after the edit where they now are', () => {
    const before = parseTranscript('[A]: one\n[B]: two\n[C]: needle');
    const at = { line: 0, character: 8 };
    const model = applyChange(before, { range: { start: at, end: at }, text: '\nmore words\nand more' });
    assert.deepEqual(
      searchTurns(model, 'needle').turns.map((turn) => [turn.index, turn.line, turn.match]),
      [[2, 4, range(4, 5, 11)]],
    );
  });
});
