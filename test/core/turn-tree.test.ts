import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Transcript, Turn } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import type { TurnSummary } from '../../src/core/turn-tree';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Turns per speaker, counting how often a turn or a kept part is added. */
function countingSpeakers(): TurnSummary<Map<string, number>, null> & { turnsAdded: number; partsAdded: number } {
  return {
    turnsAdded: 0,
    partsAdded: 0,
    start: () => new Map(),
    addTurn(into, turn) {
      this.turnsAdded++;
      into.set(turn.speaker, (into.get(turn.speaker) ?? 0) + 1);
    },
    addSummary(into, part) {
      this.partsAdded++;
      for (const [speaker, turns] of part) into.set(speaker, (into.get(speaker) ?? 0) + turns);
    },
  };
}

function speakersByWalk(model: Transcript): Map<string, number> {
  const counts = new Map<string, number>();
  for (const turn of model.turns) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
  return counts;
}

function edit(model: Transcript, start: number, end: number, text: string): Transcript {
  const range = { start: model.lines.positionAt(start), end: model.lines.positionAt(end) };
  return applyChange(model, { range, text });
}

/** The turns as plain data, without the memo (which is per stored turn, not part of what a turn says). */
function turnsOf(model: Transcript): Omit<Turn, 'memo'>[] {
  return [...model.turns].map(({ memo: _memo, ...turn }) => turn);
}

/** Every lookup of the tree against a linear search over its own turns, and the tree's own rules. */
function assertLookups(model: Transcript, note: string): void {
  const turns = [...model.turns];
  assert.deepEqual(model.turns.treeErrors(), [], note);
  assert.equal(model.turns.count, turns.length, note);
  turns.forEach((turn, index) => {
    assert.equal(turn.index, index, note);
    assert.deepEqual(model.turns.at(index), turn, `${note}: turn ${index}`);
    assert.deepEqual(model.turns.atLine(turn.endLine), turn, `${note}: line ${turn.endLine}`);
    assert.deepEqual(model.turns.holding(turn.span.end), turn, `${note}: offset ${turn.span.end}`);
    assert.deepEqual([...model.turns.from(index)][0], turn, `${note}: from ${index}`);
  });
  const firstLine = turns[0]?.startLine ?? model.lines.lineCount;
  if (firstLine > 0) assert.equal(model.turns.atLine(firstLine - 1), undefined, `${note}: preamble line`);
  assert.equal(model.turns.atLine(model.lines.lineCount), undefined, `${note}: past the end`);
}

const piece = fc.constantFrom(
  '[A]: hi\n',
  '[B]: 你好😀\r\n',
  'prose line\n',
  '\n',
  '\r',
  '<<<FILE a.py\n',
  'FILE>>>\n',
  '```\n',
  '[C]：look-alike\n',
  'FILE >>>\n',
);
const someText = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
const someEdit = fc.record({ at: fc.nat(), length: fc.nat({ max: 30 }), inserted: someText });

describe('the turn tree', () => {
  it('finds every turn by number, line and offset after any run of edits, as a linear search would', () => {
    fc.assert(
      fc.property(someText, fc.array(someEdit, { maxLength: 8 }), (text, edits) => {
        let model = parseTranscript(text);
        let current = text;
        for (const { at, length, inserted } of edits) {
          // An offset between the `\r` and the `\n` of a line break has no LSP position: it lands on the line's end.
          const start = model.lines.offsetAt(model.lines.positionAt(at % (current.length + 1)));
          const end = Math.max(
            start,
            model.lines.offsetAt(model.lines.positionAt(Math.min(current.length, start + length))),
          );
          const before = turnsOf(model);
          const previous = model;
          model = edit(model, start, end, inserted);
          current = current.slice(0, start) + inserted + current.slice(end);
          assert.deepEqual(turnsOf(previous), before, 'the model before the edit is unchanged');
          assertLookups(model, JSON.stringify(current));
          assert.deepEqual(turnsOf(model), turnsOf(parseTranscript(current)), JSON.stringify(current));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('shares every stored turn an edit did not touch with the model before it', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `[${i % 2 ? 'A' : 'B'}]: turn ${i}\nmore of ${i}\n`).join('');
    const model = parseTranscript(text);
    const middle = model.turns.at(1000)!;
    const edited = edit(model, middle.span.end, middle.span.end, ' typed');
    const touched = [...edited.turns].filter((turn) => turn.memo !== model.turns.at(turn.index)!.memo);
    assert.deepEqual(
      touched.map((turn) => turn.index),
      [1000],
    );
  });

  it('makes a new stored turn for the turn an edit touched, and shares nothing of it', () => {
    const model = parseTranscript('[A]: one\n[B]: two\n[A]: three');
    const edited = edit(model, 13, 13, 'x');
    assert.notEqual(edited.turns.at(1)!.memo, model.turns.at(1)!.memo);
    assert.equal(edited.turns.at(1)!.firstLine.end - model.turns.at(1)!.firstLine.end, 1);
  });

  it('stays shallow after thousands of edits that add and remove turns in one place', () => {
    let model = parseTranscript('[A]: start\n');
    for (let i = 0; i < 3000; i++) {
      const at = model.text.length;
      model =
        i % 3 === 2
          ? edit(model, model.turns.at(1)!.span.start, model.turns.at(2)!.span.start, '')
          : edit(model, at, at, `[B]: ${i}\n`);
    }
    assert.equal(model.turns.count, 1001);
    assert.deepEqual(model.turns.treeErrors(), []);
  });

  it('walks exactly the turns that hold problems, in order, with their problems in place', () => {
    const text = Array.from({ length: 500 }, (_, i) => (i % 97 === 0 ? `[A]: ${i}\nFILE>>>\n` : `[B]: ${i}\n`)).join(
      '',
    );
    const model = parseTranscript(text);
    const visited: number[] = [];
    model.turns.withProblems((turn, offset, line, index) => {
      visited.push(index);
      const placed = model.turns.at(index)!;
      assert.deepEqual([offset, line], [placed.span.start, placed.startLine]);
      assert.equal(turn.problems[0]!.span.start + offset, placed.problems[0]!.span.start);
    });
    assert.deepEqual(
      visited,
      [...model.turns].filter((turn) => turn.problems.length > 0).map((turn) => turn.index),
    );
    assert.deepEqual(visited, [0, 97, 194, 291, 388, 485]);
  });

  it('walks no turn for problems in a transcript that has none', () => {
    const model = parseTranscript(Array.from({ length: 300 }, (_, i) => `[A]: ${i}\n`).join(''));
    let visits = 0;
    model.turns.withProblems(() => visits++);
    model.turns.withFileBlocks(() => visits++);
    assert.equal(visits, 0);
    assert.equal(model.turns.firstWithUnclosedBlock(), undefined);
  });

  it('finds the first turn with a FILE block that is never closed', () => {
    const model = parseTranscript('[A]: x\n<<<FILE a\n1\nFILE>>>\n[B]: y\n<<<FILE b\n2\n[C]: z\n<<<FILE c\n');
    assert.equal(model.turns.firstWithUnclosedBlock()?.speaker, 'B');
  });

  it('sums a summary over every turn, in order, as a walk over the turns would, after edits anywhere', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `[S${i % 7}]: turn ${i}\n`).join('');
    let model = parseTranscript(text);
    const summary = countingSpeakers();
    assert.deepEqual([...model.turns.summarize(summary, null)], [...speakersByWalk(model)]);
    for (const at of [0, 1234, text.length >> 1, text.length]) {
      model = edit(model, at, at, '\n[New]: x\n[S3]: y\n');
      assert.deepEqual([...model.turns.summarize(summary, null)], [...speakersByWalk(model)], `edit at ${at}`);
    }
  });

  it('sums again after an edit only the turns of the branches on the path to it', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `[S${i % 7}]: turn ${i}\n`).join('');
    const model = parseTranscript(text);
    const summary = countingSpeakers();
    model.turns.summarize(summary, null);
    assert.equal(summary.turnsAdded, 3000);
    summary.turnsAdded = 0;
    const middle = model.turns.at(1500)!;
    const edited = edit(model, middle.span.end, middle.span.end, ' typed');
    edited.turns.summarize(summary, null);
    assert.ok(summary.turnsAdded > 0 && summary.turnsAdded <= 64, `${summary.turnsAdded} turns added again`);
    summary.turnsAdded = 0;
    model.turns.summarize(summary, null);
    assert.equal(summary.turnsAdded, 0, 'the model before the edit keeps its sum');
  });

  it('sums any run of turns as a walk over that run would, reading whole branches from their kept sums', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `[S${i % 7}]: turn ${i}\n`).join('');
    const model = parseTranscript(text);
    const summary = countingSpeakers();
    model.turns.summarize(summary, null);
    const turns = [...model.turns];
    for (const [from, to] of [
      [0, 3000],
      [1, 2999],
      [100, 101],
      [1500, 1500],
      [31, 1057],
    ] as const) {
      summary.turnsAdded = 0;
      const expected = new Map<string, number>();
      for (const turn of turns.slice(from, to)) expected.set(turn.speaker, (expected.get(turn.speaker) ?? 0) + 1);
      const found = model.turns.summarizeTurns(summary, null, from, to);
      assert.deepEqual(new Map([...found].sort()), new Map([...expected].sort()), `${from}–${to}`);
      assert.ok(summary.turnsAdded <= 2 * 32 * 3, `${summary.turnsAdded} turns added for ${from}–${to}`);
    }
  });

  it('lists every turn as unsummarized before a first sum, and after an edit only the turns of the branches above it', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `[S${i % 7}]: turn ${i}\n`).join('');
    const model = parseTranscript(text);
    const summary = countingSpeakers();
    assert.equal([...model.turns.unsummarized(summary)].length, 3000);
    model.turns.summarize(summary, null);
    assert.equal([...model.turns.unsummarized(summary)].length, 0);
    const middle = model.turns.at(1500)!;
    const edited = edit(model, middle.span.end, middle.span.end, ' typed');
    const left = [...edited.turns.unsummarized(summary)];
    assert.ok(left.length > 0 && left.length <= 64, `${left.length} turns`);
    assert.ok(left.some((turn) => turn.index === 1500));
    assert.deepEqual(left[0], edited.turns.at(left[0]!.index));
  });
});
