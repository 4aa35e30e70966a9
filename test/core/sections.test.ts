import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { fileBlocksOf, sectionsOf, sectionsOnLines } from '../../src/core/sections';

const TEXT = ['title', '[A]: one', 'more', '[B]: two', '<<<FILE a.py', 'x', 'FILE>>>', '[A]: three'].join('\n');

describe('sections on lines', () => {
  const model = parseTranscript(TEXT);
  const starts = (from: number, to: number): number[] =>
    sectionsOnLines(model, from, to).map((section) => section.startLine);

  it('gives the preamble and the turns that hold any of the lines, in order', () => {
    assert.deepEqual(starts(0, 1), [0, 1]);
    assert.deepEqual(starts(2, 4), [1, 3]);
    assert.deepEqual(starts(7, 7), [7]);
  });

  it('gives only the preamble for lines before the first turn, and nothing past the end', () => {
    assert.deepEqual(starts(0, 0), [0]);
    assert.deepEqual(starts(8, 9), []);
  });

  it('gives the same sections as a walk over all of them, for every range of lines', () => {
    const all = [...sectionsOf(model)];
    for (let from = 0; from < 8; from++)
      for (let to = from; to < 8; to++)
        assert.deepEqual(
          sectionsOnLines(model, from, to),
          all.filter((section) => section.startLine <= to && section.endLine >= from),
          `${from}–${to}`,
        );
  });
});

describe('FILE blocks of a document', () => {
  it('gives every block in order, placed in the document, the preamble’s first', () => {
    const model = parseTranscript(`<<<FILE p.md\np\nFILE>>>\n${TEXT}\n<<<FILE b.py\ny\nFILE>>>`);
    const blocks = fileBlocksOf(model);
    assert.deepEqual(
      blocks.map((block) => [block.path, block.startLine]),
      [
        ['p.md', 0],
        ['a.py', 7],
        ['b.py', 11],
      ],
    );
    assert.equal(model.text.slice(blocks[1]!.pathSpan.start, blocks[1]!.pathSpan.end), 'a.py');
  });

  it('gives none for a transcript without blocks', () => {
    assert.deepEqual(fileBlocksOf(parseTranscript('[A]: x\n[B]: y')), []);
  });
});
