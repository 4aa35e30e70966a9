import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { matchesQuery, matchingTurns, turnEntries } from '../../src/core/workspace-symbols';

describe('workspace symbols', () => {
  it('keeps each turn with its outline name and tag range', () => {
    assert.deepEqual(turnEntries(parseTranscript('[A]: Hello there\n[Dr. Chen]: ok')), [
      { name: 'A: Hello there', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } },
      { name: 'Dr. Chen: ok', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } } },
    ]);
  });

  it('matches queries as an in-order subsequence, ignoring case', () => {
    assert.ok(matchesQuery('A: Chen said', 'achen'));
    assert.ok(matchesQuery('用户: 你好', '你好'));
    assert.ok(matchesQuery('anything', ''));
    assert.ok(!matchesQuery('A: Chen said', 'xyz'));
    assert.ok(!matchesQuery('abc', 'cba'));
  });

  it('gives matching turns as symbols located in their file', () => {
    const entries = turnEntries(parseTranscript('[A]: Hello\n[B]: Bye'));
    assert.deepEqual(
      matchingTurns(entries, 'file:///w/x.transcript', 'x.transcript', 'bye').map((symbol) => [
        symbol.name,
        symbol.location.range.start.line,
        symbol.containerName,
      ]),
      [['B: Bye', 1, 'x.transcript']],
    );
  });
});
