import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../src/core/lines';
import { parseTranscript } from '../../src/core/parse';

describe('line index', () => {
  it('splits on LF, CRLF and CR, mixed in one text', () => {
    const text = 'a\nb\r\nc\rd';
    const lines = LineIndex.of(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(
      [0, 1, 2, 3].map((line) => text.slice(lines.lineStart(line), lines.lineEnd(line, text))),
      ['a', 'b', 'c', 'd'],
    );
  });

  it('counts characters in UTF-16 code units, so emoji take two', () => {
    const lines = LineIndex.of('😀[A]\n你好😀x');
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(10), { line: 1, character: 4 });
    assert.equal(lines.offsetAt({ line: 1, character: 4 }, '😀[A]\n你好😀x'), 10);
  });

  it('clamps positions past the end of a line or of the text', () => {
    const text = 'ab\ncd';
    const lines = LineIndex.of(text);
    assert.equal(lines.offsetAt({ line: 0, character: 99 }, text), 2);
    assert.equal(lines.offsetAt({ line: 9, character: 0 }, text), 5);
    assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
  });
});

describe('line ends and byte order marks in the parser', () => {
  it('finds the same turns with LF, CRLF, CR and mixed line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const model = parseTranscript(['[A]: one', 'two', '<<<FILE a.py', 'x', 'FILE>>>', '[B]: three'].join(eol));
      assert.deepEqual(
        [...model.turns].map((turn) => [turn.speaker, turn.startLine, turn.endLine]),
        [
          ['A', 0, 4],
          ['B', 5, 5],
        ],
        JSON.stringify(eol),
      );
      assert.equal(model.turns.at(0)!.fileBlocks[0]!.closer !== undefined, true);
    }
    const mixed = parseTranscript('[A]: one\r\ntwo\r[B]: three\n[C]: four');
    assert.deepEqual(
      [...mixed.turns].map((turn) => turn.startLine),
      [0, 2, 3],
    );
  });

  it('ignores a leading byte order mark but keeps counting it as a code unit', () => {
    const model = parseTranscript('\ufeff[A]: hi\n[B]: yo');
    assert.equal(model.preamble, undefined);
    assert.deepEqual(model.turns.at(0)!.tag, { start: 1, end: 5 });
    assert.deepEqual(model.lines.positionAt(model.turns.at(0)!.tag.start), { line: 0, character: 1 });
  });
});
