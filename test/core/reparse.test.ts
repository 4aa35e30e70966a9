import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { diagnostics, problems } from '../../src/core/diagnostics';
import { hover } from '../../src/core/hover';
import { DocumentText } from '../../src/core/document-text';
import type { Transcript } from '../../src/core/model';
import { problemMessage } from '../../src/core/messages';
import { ENGLISH } from '../../src/core/messages-en';
import { parseTranscript } from '../../src/core/parse';
import { codeActions } from '../../src/core/quick-fixes';
import { applyChange } from '../../src/core/reparse';
import { wordsInRange } from '../../src/core/statistics';
import { documentSymbols } from '../../src/core/symbols';
import { mulberry32 } from '../support/random';
import { SEEDS, fixture } from './helpers';

/** What a reader of the model sees, without the memo objects. */
function observable(model: Transcript): unknown {
  return {
    preamble: model.preamble,
    turns: [...model.turns].map(({ memo: _memo, ...turn }) => turn),
    lines: Array.from({ length: model.lines.lineCount }, (_, line) => model.lines.lineStart(line)),
    problems: problems(model),
    symbols: documentSymbols(model),
  };
}

function edit(model: Transcript, start: number, end: number, text: string): Transcript {
  return applyChange(model, { range: model.lines.rangeOf(start, end), text });
}

const PIECES = [
  '\n',
  '\r\n',
  '\r',
  '[A]: ',
  '[B]:',
  '<<<FILE a.py\n',
  '<<<FILE\n',
  'FILE>>>',
  '\nFILE>>>\n',
  '```',
  '~~~py\n',
  '[A]：',
  'x',
  '你好',
  '😀',
  ' ',
  '\n[C]: hi\n',
  '<<<file b\n',
];

describe('incremental reparsing', () => {
  it('equals a fresh parse after typical edits', () => {
    const text = fixture('malformed.transcript');
    const model = parseTranscript(text);
    const edits: Array<[number, number, string]> = [
      [0, 0, '[Z]: '],
      [text.indexOf('[B]：'), text.indexOf('[B]：') + 4, '[B]:'],
      [text.indexOf('console.log'), text.indexOf('console.log'), 'FILE>>>\n'],
      [text.indexOf('<<<FILE outer'), text.indexOf('<<<FILE outer') + 3, ''],
      [text.length, text.length, '\n[C]: 最后'],
      [5, text.length - 5, ''],
    ];
    for (const [start, end, inserted] of edits) {
      const fresh = parseTranscript(text.slice(0, start) + inserted + text.slice(end));
      assert.deepEqual(
        observable(edit(model, start, end, inserted)),
        observable(fresh),
        JSON.stringify([start, end, inserted]),
      );
    }
  });

  it('equals a fresh parse after 3,000 random edits in a row', () => {
    const next = mulberry32(7);
    let model = parseTranscript(SEEDS[0]![1].slice(0, 1500) + fixture('malformed.transcript'));
    for (let step = 0; step < 3000; step++) {
      const text = model.text.toString();
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + (next() < 0.5 ? 0 : Math.floor(next() * 40)));
      const inserted = next() < 0.3 ? '' : PIECES[Math.floor(next() * PIECES.length)]!;
      model = edit(model, start, end, inserted);
      if (step % 50 === 0 || step === 2999) {
        assert.deepEqual(observable(model), observable(parseTranscript(model.text.toString())), `step ${step}`);
      }
    }
  });

  it('keeps the word counts of turns the edit did not touch', () => {
    const model = parseTranscript(SEEDS[1]![1]);
    documentSymbols(model);
    const last = model.turns.at(19)!;
    const edited = edit(model, 10, 10, 'x');
    assert.equal(edited.turns.at(19)!.memo, last.memo);
    assert.notEqual(edited.turns.at(0)!.memo, model.turns.at(0)!.memo);
  });

  it('places the problems of the turns after an edit, duplicate paths included, before anything reads the turns', () => {
    // D's block has B's content, so it is no duplicate: telling that reads both contents from the text.
    const text =
      '[A]: first\n[B]: x\n<<<FILE a.py\nprint(1)\nFILE>>>\n[C]: y\n<<<FILE a.py\nprint(2)\nFILE>>>\nFILE>>>\n' +
      '[D]: z\n<<<FILE a.py\nprint(1)\nFILE>>>\n';
    for (const inserted of ['hello ', 'two\nlines ']) {
      const edited = edit(parseTranscript(text), 5, 5, inserted);
      const fresh = parseTranscript(text.slice(0, 5) + inserted + text.slice(5));
      const found = problems(edited);
      assert.deepEqual(
        found.map((problem) => problem.code),
        ['file-block/duplicate-path', 'file-block/stray-closer'],
      );
      assert.deepEqual(found, problems(fresh));
    }
  });

  it('applies a run of edits sharing every stored turn after them with the models before, which stay as they were', () => {
    const text = SEEDS[1]![1];
    const model = parseTranscript(text);
    const before = observable(model);
    // Typing at the top, then further down: the second edit lands among turns the first reused.
    let edited = edit(model, 10, 10, 'x');
    edited = edit(edited, 11, 11, '\n');
    const farther = edited.lines.lineStart(40);
    edited = edit(edited, farther, farther, 'y');
    const expected = text.slice(0, 10) + 'x\n' + text.slice(10, farther - 2) + 'y' + text.slice(farther - 2);
    assert.deepEqual(problems(edited), problems(parseTranscript(expected)));
    assert.deepEqual(observable(edited), observable(parseTranscript(expected)));
    assert.deepEqual(observable(model), before);
    // A memo belongs to one stored turn: the same memo means the same stored turn, not a copy.
    const lastEdited = edited.turns.atLine(edited.lines.lineAt(farther))!.index;
    const shift = edited.turns.count - model.turns.count;
    for (let index = lastEdited + 1; index < edited.turns.count; index++)
      assert.equal(edited.turns.at(index)!.memo, model.turns.at(index - shift)!.memo, `turn ${index}`);
    assert.deepEqual(edited.turns.treeErrors(), []);
  });

  it('keeps the turn an edit makes by completing a speaker tag inside an unclosed FILE block', () => {
    const text = '[A]: hi\n[B]: x\n<<<FILE\n[C\nab\n[D]: y\n[E]: z';
    const edited = applyChange(parseTranscript(text), {
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } },
      text: ']:',
    });
    assert.deepEqual(
      [...edited.turns].map((turn) => turn.speaker),
      ['A', 'B', 'C', 'D', 'E'],
    );
    assert.deepEqual(
      observable(edited),
      observable(parseTranscript('[A]: hi\n[B]: x\n<<<FILE\n[C]:\nab\n[D]: y\n[E]: z')),
    );
  });

  it('resumes at the right turn when a new FILE block swallows turns up to a closer past the rescanned stretch', () => {
    // Turns of one length: resuming from an offset counted from the wrong start lands on a later turn.
    const text = '[A]: h\n[B]: x\n[C]: y\n[C]: y\nFILE>>>\n[D]: z\n[D]: z\n[D]: z\n[D]: z';
    const at = text.indexOf('[C]');
    const edited = edit(parseTranscript(text), at, at, '<<<FILE\n');
    assert.deepEqual(observable(edited), observable(parseTranscript(text.slice(0, at) + '<<<FILE\n' + text.slice(at))));
  });

  it('rescans an edit in a turn holding a FILE block that is never closed without reading the whole text', () => {
    const turns = Array.from({ length: 5000 }, (_, i) => `[S${i % 3}]: turn ${i}`);
    turns.splice(100, 0, '[B]: x\n<<<FILE notes.md\nab');
    const text = turns.join('\n');
    const at = text.indexOf('ab');
    const model = parseTranscript(text);
    const built = mock.method(DocumentText.prototype, 'slice');
    try {
      const edited = edit(model, at, at, 'x');
      const longest = Math.max(...built.mock.calls.map((call) => call.result!.length));
      // What the edit reads is a chunk or two of the text around it, not the text from the block on.
      assert.ok(longest < text.length / 6, `read ${longest} of ${text.length} code units at once`);
      // The block's message counts all 4,900 turns after it, not only those the rescan read.
      assert.match(problemMessage(ENGLISH, problems(edited)[0]!), /swallow 4900 speaker lines/);
      assert.deepEqual(problems(edited), problems(parseTranscript(text.slice(0, at) + 'x' + text.slice(at))));
    } finally {
      built.mock.restore();
    }
  });

  it('counts the speaker lines an unclosed FILE block would swallow as a fresh parse does, after edits anywhere', () => {
    const turns = Array.from({ length: 40 }, (_, i) => `[S${i % 3}]: turn ${i}`);
    turns.splice(10, 0, '[B]: x\n<<<FILE notes.md\nab');
    const text = turns.join('\n');
    const messages = (model: Transcript): unknown =>
      diagnostics(model, 'u').map((diagnostic) => [diagnostic.code, diagnostic.message]);
    const edits: Array<(text: string) => [number, number, string]> = [
      // A turn added at the end, far after the block.
      (current) => [current.length, current.length, '\n[Z]: last'],
      // A turn removed far after the block.
      (current) => [current.indexOf('[S0]: turn 30'), current.indexOf('[S1]: turn 31'), ''],
      // Turns added before the block.
      () => [0, 0, '[Y]: first\n[Y]: second\n'],
      // A turn split in two right after the block.
      (current) => [current.indexOf(' turn 12'), current.indexOf(' turn 12'), '\n[X]:'],
      // A speaker tag broken in a turn after the block.
      (current) => [current.indexOf('[S2]: turn 20'), current.indexOf('[S2]: turn 20') + 1, ''],
    ];
    let model = parseTranscript(text);
    let current = text;
    for (const next of edits) {
      const [start, end, inserted] = next(current);
      model = edit(model, start, end, inserted);
      current = current.slice(0, start) + inserted + current.slice(end);
      assert.deepEqual(messages(model), messages(parseTranscript(current)), inserted);
    }
    assert.match(String(messages(model)), /swallow 30 speaker lines/);
  });

  it('replaces the whole text when a change has no range', () => {
    const model = applyChange(parseTranscript('[A]: x'), { text: '[B]: y\n[C]: z' });
    assert.deepEqual(
      [...model.turns].map((turn) => turn.speaker),
      ['B', 'C'],
    );
  });
});

describe('requests after a burst of edits', () => {
  it('read the chunks of the text they answer from, never the whole text', () => {
    const turns = Array.from({ length: 4000 }, (_, i) => `[S${i % 3}]: turn ${i} 你好 world`);
    turns[2000] = '[S1]：a look-alike tag';
    const text = turns.join('\r\n');
    let model = parseTranscript(text);
    const site = model.lines.positionAt(text.indexOf('turn 1000') + 4);
    for (let key = 0; key < 100; key++) {
      const at = { line: site.line, character: site.character + key };
      model = applyChange(model, { range: { start: at, end: at }, text: 'a' });
    }
    const read = mock.method(DocumentText.prototype, 'slice');
    const whole = mock.method(DocumentText.prototype, 'toString');
    try {
      const tag = model.lines.positionAt(model.turns.at(3000)!.tag.start + 1);
      assert.ok(hover(model, tag));
      assert.equal(documentSymbols(model).length, turns.length - 1);
      const lookAlike = { start: { line: 2000, character: 0 }, end: { line: 2000, character: 0 } };
      assert.ok(codeActions(model, 'file:///t.transcript', lookAlike).length > 0);
      assert.equal(wordsInRange(model, { start: 0, end: 40 }).words > 0, true);
      const longest = Math.max(...read.mock.calls.map((call) => call.result!.length));
      assert.ok(longest < text.length / 20, `read ${longest} of ${text.length} code units at once`);
      assert.equal(whole.mock.callCount(), 0);
    } finally {
      read.mock.restore();
      whole.mock.restore();
    }
  });
});
