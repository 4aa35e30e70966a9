import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DocumentText } from '../../src/core/document-text';
import { LineIndex } from '../../src/core/lines';

function documentText(text: string): DocumentText {
  return DocumentText.of(text, LineIndex.of(text));
}

/** Every line start, line of an offset and character of `actual` against a string's own index. */
function assertSameText(actual: DocumentText, expected: string, note: string): void {
  const lines = LineIndex.of(expected);
  assert.deepEqual(actual.treeErrors(), [], note);
  assert.equal(actual.length, expected.length, note);
  assert.equal(actual.toString(), expected, note);
  assert.equal(actual.lineCount, lines.lineCount, note);
  for (let line = 0; line < lines.lineCount; line++) {
    assert.equal(actual.lineStart(line), lines.lineStart(line), `${note}: start of line ${line}`);
    assert.equal(actual.lineEnd(line), lines.lineEnd(line, expected), `${note}: end of line ${line}`);
  }
  const step = Math.max(1, Math.floor(expected.length / 500));
  for (let offset = 0; offset <= expected.length; offset += step) {
    assert.equal(actual.lineAt(offset), lines.lineAt(offset), `${note}: line at ${offset}`);
    assert.equal(actual.charCodeAt(offset), expected.charCodeAt(offset), `${note}: character at ${offset}`);
    assert.deepEqual(actual.positionAt(offset), lines.positionAt(offset), `${note}: position of ${offset}`);
  }
}

const piece = fc.constantFrom(
  '[A]: x\n',
  '\r',
  '\n',
  '\r\n',
  '你好😀',
  'y'.repeat(3000),
  `${'z'.repeat(2047)}\r`,
  '\n'.repeat(700),
);
const someText = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

describe('DocumentText', () => {
  it('reads as the string it was made of, lines and characters alike', () => {
    fc.assert(
      fc.property(someText, (text) => assertSameText(documentText(text), text, JSON.stringify(text.slice(0, 40)))),
      { numRuns: 200 },
    );
  });

  it('after any sequence of edits reads as the string with the same edits, and leaves the text before each edit as it was', () => {
    fc.assert(
      fc.property(someText, fc.array(fc.tuple(fc.nat(), fc.nat(), someText), { maxLength: 12 }), (initial, edits) => {
        let text = documentText(initial);
        let expected = initial;
        for (const [x, y, inserted] of edits) {
          const [from, to] = [x % (expected.length + 1), y % (expected.length + 1)].sort((a, b) => a - b) as [
            number,
            number,
          ];
          const before = text;
          const beforeString = expected;
          text = text.replace(from, to, inserted);
          expected = expected.slice(0, from) + inserted + expected.slice(to);
          assert.equal(before.toString(), beforeString);
        }
        assertSameText(text, expected, JSON.stringify(edits.map(([x, y, t]) => [x, y, t.length])));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a line break whose CR and LF an edit brings together as one, even across chunks', () => {
    const long = 'a'.repeat(5000);
    const cases: Array<[string, number, number, string]> = [
      ['a\rb\nc', 2, 2, '\n'],
      ['a\r\nb', 2, 3, ''],
      ['x\ny\nz', 0, 5, 'q\r\nw'],
      ['one\ntwo\r\nthree\rfour', 5, 12, '\r'],
      ['', 0, 0, '\n\n'],
      [`${long}\r${long}\n${long}`, 5001, 10001, ''],
      [`${long}\r${long}`, 5001, 5001, '\n'],
      [`${long}${long}\n`, 0, 10000, `${long}\r`],
    ];
    for (const [before, start, end, inserted] of cases) {
      const after = before.slice(0, start) + inserted + before.slice(end);
      assertSameText(documentText(before).replace(start, end, inserted), after, JSON.stringify([start, end, inserted]));
    }
  });

  it('turns LSP positions into offsets and back, clamped to the line, in UTF-16 code units', () => {
    const text = documentText('😀[A]\r\n你好😀x\ry');
    assert.deepEqual(text.positionAt(11), { line: 1, character: 4 });
    assert.equal(text.offsetAt({ line: 1, character: 4 }), 11);
    assert.equal(text.offsetAt({ line: 0, character: 99 }), 5);
    assert.equal(text.offsetAt({ line: 9, character: 0 }), text.length);
    assert.deepEqual(text.positionAt(text.length), { line: 2, character: 1 });
  });

  it('is an empty text with one line when made of nothing or edited down to nothing', () => {
    for (const text of [documentText(''), documentText('[A]: hi\r\n'.repeat(2000)).replace(0, 18000, '')]) {
      assert.deepEqual([text.length, text.lineCount, text.toString(), text.lineAt(0)], [0, 1, '', 0]);
      assert.deepEqual(text.treeErrors(), []);
    }
  });
});
