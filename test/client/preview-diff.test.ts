import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RenderedTurn } from '../../src/core/chat-html';
import { pageTurns } from '../../src/client/preview-diff';

const turn = (index: number, html: string): RenderedTurn => ({ index, line: index * 2, endLine: index * 2 + 1, html });

describe('pageTurns', () => {
  it('sends every turn in full to a page that has none', () => {
    const { turns } = pageTurns(new Map(), [turn(0, 'a'), turn(1, 'b')]);
    assert.deepEqual(turns, [
      { index: 0, line: 0, endLine: 1, html: 'a' },
      { index: 1, line: 2, endLine: 3, html: 'b' },
    ]);
  });

  it('sends only the turn an edit changed, and the others by the index the page has them at', () => {
    const { sent } = pageTurns(new Map(), [turn(0, 'a'), turn(1, 'b'), turn(2, 'c')]);
    const { turns } = pageTurns(sent, [turn(0, 'a'), turn(1, 'b!'), turn(2, 'c')]);
    assert.deepEqual(turns, [
      { index: 0, line: 0, endLine: 1, was: 0 },
      { index: 1, line: 2, endLine: 3, html: 'b!' },
      { index: 2, line: 4, endLine: 5, was: 2 },
    ]);
  });

  it('finds a turn moved down by a new turn above it at its old index', () => {
    const { sent } = pageTurns(new Map(), [turn(0, 'a'), turn(1, 'b')]);
    const { turns } = pageTurns(sent, [turn(0, 'new'), turn(1, 'a'), turn(2, 'b')]);
    assert.deepEqual(
      turns.map(({ html, was }) => html ?? was),
      ['new', 0, 1],
    );
  });

  it('sends the second of two equal turns in full, as one element cannot be shown twice', () => {
    const { sent } = pageTurns(new Map(), [turn(0, 'ok'), turn(1, 'ok')]);
    const { turns } = pageTurns(sent, [turn(0, 'ok'), turn(1, 'ok')]);
    assert.equal(turns.filter((shown) => shown.was !== undefined).length, 1);
    assert.equal(turns.filter((shown) => shown.html === 'ok').length, 1);
  });

  it('forgets the turns the page no longer shows', () => {
    const { sent } = pageTurns(new Map(), [turn(0, 'a')]);
    const { sent: later } = pageTurns(sent, [turn(5, 'f')]);
    assert.deepEqual(pageTurns(later, [turn(0, 'a')]).turns, [{ index: 0, line: 0, endLine: 1, html: 'a' }]);
  });
});
