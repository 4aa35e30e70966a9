import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  fenceMarker,
  isCloser,
  isOpener,
  malformedMarker,
  malformedSpeakerTag,
  mayBeLookAlike,
  mayBeMarkup,
} from '../../src/core/syntax';
import { lookAlikeText, settings } from './arbitraries';

describe('line classification', () => {
  it('lets the parser skip a line on its first character only when no rule could match the line', () => {
    // Lines of marker look-alikes, some with one character put in front, so that every first
    // character the rules know is drawn as well as ordinary ones.
    const line = fc
      .tuple(fc.option(fc.constantFrom('x', '中', 'é', 'F', 'E', 'f', 'e', ' ', '【', '［', '\ufeff')), lookAlikeText)
      .map(([first, rest]) => `${first ?? ''}${rest}`.split(/\r\n|\r|\n/)[0]!);
    fc.assert(
      fc.property(line, (text) => {
        if (text === '' || mayBeMarkup(text.charCodeAt(0))) return;
        const end = text.length;
        assert.equal(isOpener(text, 0, end), false);
        assert.equal(isCloser(text, 0, end), false);
        assert.equal(fenceMarker(text, 0, end), undefined);
        assert.equal(mayBeLookAlike(text, 0, end), false);
        assert.equal(malformedMarker(text, 0, end), undefined);
        assert.equal(malformedSpeakerTag(text, 0, end), undefined);
      }),
      settings,
    );
  });

  it('keeps lines that start like a marker, fence or look-alike for the full checks', () => {
    for (const text of [
      '<<<FILE a.py',
      'FILE>>>',
      '```',
      '~~~',
      '   ```',
      '[A] :',
      '【A】:',
      '［A］:',
      'file >>>',
      'END FILE>>>',
      '\t<<<FILE',
    ]) {
      assert.ok(mayBeMarkup(text.charCodeAt(0)), text);
    }
    for (const text of ['你好', 'hello', '😀', '(笑)', '1. item']) assert.ok(!mayBeMarkup(text.charCodeAt(0)), text);
  });
});
