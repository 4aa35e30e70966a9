import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EditedText } from '../../src/core/edited-text';

describe('edited text', () => {
  it('reads and builds exactly the string the edits make, through chains longer than the depth limit', () => {
    const edit = fc.record({
      at: fc.nat(),
      length: fc.nat({ max: 6 }),
      inserted: fc.string({ maxLength: 5 }),
      read: fc.tuple(fc.nat(), fc.nat()),
      settle: fc.constantFrom('no', 'no', 'no', 'build', 'flatten'),
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(edit, { maxLength: 150 }), (initial, edits) => {
        let expected = initial;
        let text: string | EditedText = initial;
        for (const { at, length, inserted, read, settle } of edits) {
          const start = at % (expected.length + 1);
          const end = Math.min(expected.length, start + length);
          expected = expected.slice(0, start) + inserted + expected.slice(end);
          text = EditedText.of(text, start, end, inserted);
          assert.equal(text.length, expected.length);
          const from = read[0] % (expected.length + 1);
          const to = from + (read[1] % (expected.length - from + 1));
          assert.equal(text.slice(from, to), expected.slice(from, to));
          if (from < expected.length) assert.equal(text.charCodeAt(from), expected.charCodeAt(from));
          // As a server does between edits: a feature reads the whole text, or the idle time flattens it.
          if (settle === 'build') assert.equal(text.toString(), expected);
          if (settle === 'flatten') text.flatten();
        }
        assert.equal(text.toString(), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads through a text already flattened, and edits on top of it', () => {
    const first = EditedText.of('[A]: hi', 5, 7, 'yo');
    assert.equal(first.slice(4, 7), ' yo');
    first.flatten();
    assert.equal(first.toString(), '[A]: yo');
    const second = EditedText.of(first, 0, 0, '[B]: x\n');
    assert.equal(second.toString(), '[B]: x\n[A]: yo');
    assert.equal(second.charCodeAt(7), '['.charCodeAt(0));
  });
});
