import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { speakerHighlights } from '../../src/core/highlights';
import { parseTranscript } from '../../src/core/parse';

describe('document highlights', () => {
  const model = parseTranscript('[A]: hi\n[B]: yo\n[A]: ok');

  it('highlights every tag of the speaker under the cursor', () => {
    assert.deepEqual(
      speakerHighlights(model, { line: 2, character: 0 }).map((highlight) => highlight.range.start.line),
      [0, 2],
    );
    assert.deepEqual(speakerHighlights(model, { line: 0, character: 1 })[0]!.range, {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 4 },
    });
  });

  it('highlights nothing off a tag', () => {
    assert.deepEqual(speakerHighlights(model, { line: 0, character: 6 }), []);
    assert.deepEqual(speakerHighlights(model, { line: 9, character: 0 }), []);
  });
});
