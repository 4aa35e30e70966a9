import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BINARY_SNIFF_BYTES, binaryTextReason } from '../../src/core/content';
import { LineIndex, type Position } from '../../src/core/lines';
import { TextHead } from '../../src/server/text-head';

/** Where a head that is not the whole document ends: twice what the binary test reads. */
const KEPT = 2 * BINARY_SNIFF_BYTES;
/** Runs of characters that put line ends, and so edits, on and around the end of the head. */
const nearKept = (length: number) => fc.integer({ min: length - 3, max: length + 2 });
const piece = fc.oneof(
  fc.constantFrom('\n', '\r', '\r\n', '\0', '[A]: ', 'x', '你', '😀'),
  fc.oneof(fc.integer({ min: 1, max: 9000 }), nearKept(KEPT), nearKept(BINARY_SNIFF_BYTES)).map((length) => 'y'.repeat(length)),
);
const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
const position = fc.record({
  line: fc.integer({ min: -1, max: 6 }),
  character: fc.oneof(fc.integer({ min: -1, max: 20_000 }), nearKept(KEPT), nearKept(BINARY_SNIFF_BYTES)),
});
const edit = fc.record({ start: position, end: position, inserted: text });

function inOrder(a: Position, b: Position): [Position, Position] {
  return a.line > b.line || (a.line === b.line && a.character > b.character) ? [b, a] : [a, b];
}

describe('the head of an open document (src/server/text-head.ts)', () => {
  it('stays a prefix of the document, all of it or at least BINARY_SNIFF_BYTES characters, through any sequence of edits', () => {
    fc.assert(fc.property(text, fc.array(edit, { maxLength: 8 }), (initial, edits) => {
      let document = initial;
      let head = TextHead.of(document);
      for (const { start: a, end: b, inserted } of edits) {
        const lines = LineIndex.of(document);
        const [start, end] = inOrder(a, b);
        const from = lines.offsetAt(start, document);
        const to = Math.max(from, lines.offsetAt(end, document));
        const next = document.slice(0, from) + inserted + document.slice(to);
        head = head.edited(lines, { start, end }, inserted) ?? TextHead.of(next);
        document = next;
        assert.ok(document.startsWith(head.text), 'the head is a prefix of the document');
        assert.ok(head.text === document || head.text.length >= BINARY_SNIFF_BYTES, `a head of ${head.text.length} characters`);
        assert.equal(binaryTextReason(head.text), binaryTextReason(document));
      }
    }), { numRuns: 1000 });
  });

  it('keeps at most twice BINARY_SNIFF_BYTES characters, however much is pasted at the start', () => {
    const document = '[A]: x\n'.repeat(10);
    const pasted = '\0'.repeat(5 * 1024 * 1024);
    const head = TextHead.of(document).edited(LineIndex.of(document), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, pasted)!;
    assert.equal(head.text, '\0'.repeat(2 * BINARY_SNIFF_BYTES));
  });

  it('is left as it is by an edit on a line that starts after it', () => {
    const document = `${'x'.repeat(3 * BINARY_SNIFF_BYTES)}\n[A]: later`;
    const head = TextHead.of(document);
    assert.equal(head.edited(LineIndex.of(document), { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, '\0'), head);
  });
});
