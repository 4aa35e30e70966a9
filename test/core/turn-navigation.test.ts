import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { type TurnStep, turnStep } from '../../src/core/turn-navigation';

const model = parseTranscript('title\n[A]: 1\nmore\n[B]: 2\n[A]: 3\n[C]: 4');

/** The line of the tag a step lands on, or undefined when it lands on none. */
function landsOn(line: number, character: number, step: TurnStep, on = model): number | undefined {
  return turnStep(on, { line, character }, step)?.startLine;
}

describe('turn navigation', () => {
  it('moves to the next turn from inside a turn', () => {
    assert.equal(landsOn(2, 2, 'next'), 3);
  });

  it('moves to the next turn from the start of a tag, not to that tag', () => {
    assert.equal(landsOn(1, 0, 'next'), 3);
  });

  it('moves from the text before the first turn to the first turn', () => {
    assert.equal(landsOn(0, 3, 'next'), 1);
  });

  it('finds no next turn after the last', () => {
    assert.equal(landsOn(5, 2, 'next'), undefined);
  });

  it("moves to the next turn from before a byte order mark's tag to that tag", () => {
    assert.equal(landsOn(0, 0, 'next', parseTranscript('\uFEFF[A]: 1\n[B]: 2')), 0);
  });

  it("moves back to the current turn's tag from inside the turn", () => {
    assert.equal(landsOn(2, 1, 'previous'), 1);
  });

  it('moves back to the turn before from the start of a tag', () => {
    assert.equal(landsOn(3, 0, 'previous'), 1);
  });

  it('finds no previous turn before the first', () => {
    assert.equal(landsOn(1, 0, 'previous'), undefined);
    assert.equal(landsOn(0, 2, 'previous'), undefined);
  });

  it('moves to the next turn by the same speaker, past the others', () => {
    assert.equal(landsOn(1, 3, 'next-by-same-speaker'), 4);
  });

  it('finds no next turn by a speaker who does not speak again', () => {
    assert.equal(landsOn(3, 1, 'next-by-same-speaker'), undefined);
  });

  it('clamps a position past the last line to the last turn', () => {
    assert.equal(landsOn(99, 0, 'previous'), 5);
  });

  it('counts characters in UTF-16 code units, so an emoji before the position does not move it', () => {
    const emoji = parseTranscript('[A]: 😀\n[B]: x');
    assert.equal(turnStep(emoji, { line: 0, character: 7 }, 'previous')?.startLine, 0);
    assert.equal(turnStep(emoji, { line: 1, character: 0 }, 'previous')?.startLine, 0);
  });
});
