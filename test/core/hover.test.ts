import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { hover } from '../../src/core/hover';
import { parseTranscript } from '../../src/core/parse';
import { speakerTotals } from '../../src/core/speakers';
import { documentSymbols } from '../../src/core/symbols';
import { SEEDS } from './helpers';

const valueOf = (result: ReturnType<typeof hover>): string | undefined =>
  (result?.contents as MarkupContent | undefined)?.value;

describe('hover', () => {
  it('shows the turn and the speaker totals on a speaker tag', () => {
    const model = parseTranscript(SEEDS[0]![1]);
    const value = valueOf(hover(model, { line: 0, character: 1 }));
    assert.equal(
      value,
      '**A** · turn 1 of 20 — 25 words (21 CJK characters, 4 other words) · 1 line\n\n**A** in total: 10 turns, 1,069 words (56%)',
    );
  });

  it('adds up the speaker totals of the whole document to 100%', () => {
    const model = parseTranscript('[A]: one two three\n[B]: 四\n[A]: five');
    assert.match(valueOf(hover(model, { line: 2, character: 0 }))!, /\*\*A\*\* in total: 2 turns, 4 words \(80%\)/);
    assert.match(valueOf(hover(model, { line: 1, character: 3 }))!, /\*\*B\*\* in total: 1 turn, 1 word \(20%\)/);
  });

  it('reads speaker totals the outline already added up, equal to counting them afresh', () => {
    const text = SEEDS[1]![1];
    const outlined = parseTranscript(text);
    documentSymbols(outlined);
    const fresh = parseTranscript(text);
    assert.deepEqual(speakerTotals(outlined), speakerTotals(fresh));
    assert.equal(valueOf(hover(outlined, { line: 0, character: 1 })), valueOf(hover(fresh, { line: 0, character: 1 })));
  });

  it('reports FILE and code lines apart from words', () => {
    const model = parseTranscript('[A]: hi\n<<<FILE a.py\nx\ny\nFILE>>>\n```\nz\n```');
    assert.match(
      valueOf(hover(model, { line: 0, character: 0 }))!,
      /1 word .*1 FILE block \(2 lines, not counted\) · 1 code fence \(1 line of code, not counted\)/,
    );
  });

  it('shows path, lines, bytes and language on a FILE opener', () => {
    const model = parseTranscript('[A]: hi\n<<<FILE src/app.py\nprint("你好")\nFILE>>>');
    assert.equal(
      valueOf(hover(model, { line: 1, character: 3 })),
      '**FILE** `src/app.py` · 1 line · 16 bytes · Python',
    );
  });

  it('shows nothing on prose, past the end, or on a line that does not exist', () => {
    const model = parseTranscript('[A]: hi there\nmore');
    assert.equal(hover(model, { line: 0, character: 8 }), null);
    assert.equal(hover(model, { line: 1, character: 99 }), null);
    assert.equal(hover(model, { line: 7, character: 0 }), null);
  });
});
