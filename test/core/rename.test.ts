import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { invalidLabelReason, prepareSpeakerRename, renameSpeaker } from '../../src/core/rename';
import { applyEdits } from './edits';

const TEXT = '[A]: hi\n[B]: yo\n<<<FILE log.txt\n[A]: inside a file\nFILE>>>\n[A]: ok';

describe('rename of a speaker', () => {
  it('prepares on a tag with the label range and refuses elsewhere', () => {
    const model = parseTranscript(TEXT);
    assert.deepEqual(prepareSpeakerRename(model, { line: 5, character: 3 }), {
      range: { start: { line: 5, character: 1 }, end: { line: 5, character: 2 } },
      placeholder: 'A',
    });
    assert.match(
      (prepareSpeakerRename(model, { line: 0, character: 6 }) as { refused: string }).refused,
      /speaker tag/,
    );
    assert.ok('refused' in prepareSpeakerRename(model, { line: 3, character: 1 }));
  });

  it('renames every tag of the speaker and none inside FILE blocks', () => {
    const model = parseTranscript(TEXT);
    const edits = renameSpeaker(model, { line: 0, character: 1 }, 'Alice');
    assert.ok(Array.isArray(edits));
    assert.equal(
      applyEdits(model, edits),
      '[Alice]: hi\n[B]: yo\n<<<FILE log.txt\n[A]: inside a file\nFILE>>>\n[Alice]: ok',
    );
  });

  it('refuses invalid labels with a reason', () => {
    for (const label of ['', '   ', '\u3000', 'a]b', '[x', 'a\nb', 'a\rb', 'x'.repeat(65)]) {
      assert.ok(invalidLabelReason(label), JSON.stringify(label));
      assert.ok(
        'refused' in (renameSpeaker(parseTranscript(TEXT), { line: 0, character: 1 }, label) as object),
        JSON.stringify(label),
      );
    }
    for (const label of ['Alice', 'Dr. Chen', '用户', ' padded ', 'x'.repeat(64)])
      assert.equal(invalidLabelReason(label), undefined, label);
  });
});
