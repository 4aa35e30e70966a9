import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-types';
import { parseTranscript } from '../../src/core/parse';
import { selectionRange } from '../../src/core/selection-ranges';

/** Each level as `startLine:startCharacter-endLine:endCharacter`, innermost first. */
function levels(range: SelectionRange | undefined): string[] {
  const out: string[] = [];
  for (let at = range; at; at = at.parent)
    out.push(`${at.range.start.line}:${at.range.start.character}-${at.range.end.line}:${at.range.end.character}`);
  return out;
}

describe('selection ranges', () => {
  const model = parseTranscript('[A]: hello world\nmore\n<<<FILE a.py\nprint(1)\nFILE>>>\n[B]: yo');

  it('grows word, line, turn, document', () => {
    assert.deepEqual(levels(selectionRange(model, { line: 0, character: 7 })), [
      '0:5-0:10',
      '0:0-0:16',
      '0:0-4:7',
      '0:0-5:7',
    ]);
  });

  it('starts at the line where no word is under the cursor', () => {
    assert.deepEqual(levels(selectionRange(parseTranscript('[A]: a  b'), { line: 0, character: 7 })), ['0:0-0:9']);
  });

  it('grows label, tag, line on a speaker tag', () => {
    assert.deepEqual(levels(selectionRange(model, { line: 5, character: 1 })), [
      '5:1-5:2',
      '5:0-5:4',
      '5:0-5:7',
      '0:0-5:7',
    ]);
  });

  it('passes through the FILE block inside a turn', () => {
    assert.deepEqual(levels(selectionRange(model, { line: 3, character: 0 })), [
      '3:0-3:5',
      '3:0-3:8',
      '2:0-4:7',
      '0:0-4:7',
      '0:0-5:7',
    ]);
  });
});
