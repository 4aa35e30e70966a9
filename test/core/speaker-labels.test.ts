import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import { speakerLabels } from '../../src/core/speaker-labels';

const range = (line: number, start: number, end: number) => ({
  start: { line, character: start },
  end: { line, character: end },
});

/** The lines of the labels `speakerLabels` finds on `lines` of `text`. */
function labelLines(text: string, lines?: { start: number; end: number }): number[] {
  return speakerLabels(parseTranscript(text), lines).labels.map((label) => label.range.start.line);
}

const FOUR_TURNS = '[A]: one\n[B]: two\nmore\n[A]: three\n[C]: four';

describe('speaker labels', () => {
  it('finds the label of every turn when no lines are asked for', () => {
    assert.deepEqual(speakerLabels(parseTranscript('[Bob]: hi\n[Alice]: hello')), {
      labels: [
        { speaker: 'Bob', range: range(0, 1, 4) },
        { speaker: 'Alice', range: range(1, 1, 6) },
      ],
      speakers: [
        { speaker: 'Bob', order: 0 },
        { speaker: 'Alice', order: 1 },
      ],
    });
  });

  it('finds the labels whose tags are on the lines asked for', () => {
    assert.deepEqual(labelLines(FOUR_TURNS, { start: 1, end: 4 }), [1, 3]);
  });

  it('finds no label of a turn that only reaches into the lines asked for', () => {
    assert.deepEqual(labelLines(FOUR_TURNS, { start: 2, end: 3 }), []);
  });

  it('finds no label after the lines asked for', () => {
    assert.deepEqual(labelLines(FOUR_TURNS, { start: 0, end: 1 }), [0]);
  });

  it('finds no label in lines past the end or in an empty stretch', () => {
    assert.deepEqual(labelLines(FOUR_TURNS, { start: 5, end: 100 }), []);
    assert.deepEqual(labelLines(FOUR_TURNS, { start: 3, end: 3 }), []);
    assert.deepEqual(speakerLabels(parseTranscript(FOUR_TURNS), { start: 5, end: 100 }).speakers, []);
  });

  it('takes lines before the start as the start and lines past the end as the end', () => {
    assert.deepEqual(labelLines(FOUR_TURNS, { start: -5, end: 1_000 }), [0, 1, 3, 4]);
  });

  it('finds the first label after a preamble', () => {
    assert.deepEqual(labelLines('notes\n\n[A]: one\n[B]: two', { start: 0, end: 3 }), [2]);
    assert.deepEqual(labelLines('notes\n\n[A]: one\n[B]: two', { start: 0, end: 2 }), []);
  });

  it('gives a speaker of the lines its place among speakers who first appear before them', () => {
    const { speakers } = speakerLabels(parseTranscript(FOUR_TURNS), { start: 3, end: 5 });
    assert.deepEqual(speakers, [
      { speaker: 'A', order: 0 },
      { speaker: 'C', order: 2 },
    ]);
  });

  it('lists each speaker of the lines once, by order of first appearance', () => {
    const { speakers } = speakerLabels(parseTranscript('[B]: 1\n[A]: 2\n[A]: 3\n[B]: 4'), { start: 2, end: 4 });
    assert.deepEqual(speakers, [
      { speaker: 'B', order: 0 },
      { speaker: 'A', order: 1 },
    ]);
  });

  it('counts label ranges after Chinese characters and emoji in UTF-16 code units', () => {
    const { labels } = speakerLabels(parseTranscript('[你好]: 1\n[😀 Bot]: 2'), { start: 0, end: 2 });
    assert.deepEqual(labels, [
      { speaker: '你好', range: range(0, 1, 3) },
      { speaker: '😀 Bot', range: range(1, 1, 7) },
    ]);
  });

  it('follows an edit that brings a new speaker in before the lines asked for', () => {
    const model = parseTranscript(FOUR_TURNS);
    assert.deepEqual(speakerLabels(model, { start: 4, end: 5 }).speakers, [{ speaker: 'C', order: 2 }]);
    const edited = applyChange(model, { range: range(0, 0, 0), text: '[Z]: first\n' });
    assert.deepEqual(speakerLabels(edited, { start: 5, end: 6 }).speakers, [{ speaker: 'C', order: 3 }]);
  });

  it('finds the labels of lines deep in a long transcript', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `[S${index % 7}]: turn ${index}`).join('\n');
    const { labels, speakers } = speakerLabels(parseTranscript(text), { start: 15_000, end: 15_003 });
    assert.deepEqual(
      labels.map((label) => [label.speaker, label.range.start.line]),
      [
        ['S6', 15_000],
        ['S0', 15_001],
        ['S1', 15_002],
      ],
    );
    assert.deepEqual(
      speakers.map((speaker) => speaker.order),
      [0, 1, 6],
    );
  });
});
