import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { foldingRanges } from '../../src/core/folding';
import { parseTranscript } from '../../src/core/parse';
import { documentSymbolPieces, documentSymbols } from '../../src/core/symbols';
import { SEEDS, fixture } from './helpers';

const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range): boolean =>
  before(outer.start, inner.start) && before(inner.end, outer.end);

function assertNestedWithoutOverlap(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (let i = 0; i < symbols.length; i++) {
    const symbol = symbols[i]!;
    assert.ok(contains(symbol.range, symbol.selectionRange), `${symbol.name}: selection inside range`);
    if (parent) assert.ok(contains(parent.range, symbol.range), `${symbol.name} inside ${parent.name}`);
    if (i > 0)
      assert.ok(
        before(symbols[i - 1]!.range.end, symbol.range.start) && !contains(symbols[i - 1]!.range, symbol.range),
        `${symbol.name} after its sibling`,
      );
    assertNestedWithoutOverlap(symbol.children ?? [], symbol);
  }
}

describe('document symbols', () => {
  it('gives the outline in pieces of the asked number of turns, which joined are the whole outline', () => {
    const model = parseTranscript(Array.from({ length: 5000 }, (_, i) => `[S${i % 4}]: turn ${i}`).join('\n'));
    const pieces = [...documentSymbolPieces(model, 2000)];
    assert.deepEqual(
      pieces.map((piece) => piece.length),
      [2000, 2000, 1000],
    );
    assert.deepEqual(pieces.flat(), documentSymbols(model));
  });

  it('gives no piece for a transcript without turns', () => {
    assert.deepEqual([...documentSymbolPieces(parseTranscript('just a preamble\n'), 10)], []);
  });

  it('gives 20 turns for each seed, named by speaker and first words', () => {
    for (const [name, text] of SEEDS) {
      const symbols = documentSymbols(parseTranscript(text));
      assert.equal(symbols.length, 20, name);
      assert.deepEqual(
        symbols.map((symbol) => symbol.name.split(':')[0]),
        Array.from({ length: 20 }, (_, i) => (i % 2 ? 'B' : 'A')),
      );
      assertNestedWithoutOverlap(symbols);
    }
    const [first] = documentSymbols(parseTranscript(SEEDS[0]![1]));
    assert.equal(first!.name, "A: Hey，关于'你更喜欢去电影院还是streaming at home？'这个话题，你怎么想的？");
    assert.equal(first!.detail, '#1 · 25 words');
    assert.deepEqual(first!.selectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
  });

  it('names a long turn by its first words, cut with an ellipsis near 60 characters', () => {
    const [symbol] = documentSymbols(parseTranscript(`[A]:   ${'word '.repeat(30)}\n`));
    assert.ok(symbol!.name.endsWith('…'));
    assert.ok(symbol!.name.length <= 'A: '.length + 61, symbol!.name);
    assert.ok(!symbol!.name.includes('  '));
  });

  it('takes the first words from the next line when the tag stands alone', () => {
    const [symbol] = documentSymbols(parseTranscript('[用户]:\n\n  你好 world\n'));
    assert.equal(symbol!.name, '用户: 你好 world');
  });

  it('makes FILE blocks and fences children, in order, inside their turn', () => {
    const symbols = documentSymbols(parseTranscript(fixture('malformed.transcript')));
    assert.deepEqual(
      symbols.map((symbol) => (symbol.children ?? []).map((child) => [child.name, child.kind])),
      [
        [['src/app.py', 1]],
        [],
        [
          ['src/app.py', 1],
          ['(no path)', 1],
          ['../etc/passwd', 1],
        ],
        [
          ['outer.txt', 1],
          ['python', 2],
        ],
        [['broken.js', 1]],
        [],
      ],
    );
    assertNestedWithoutOverlap(symbols);
  });

  it('keeps UTF-16 ranges after emoji and CJK on the same line', () => {
    const model = parseTranscript('[A]: 😀你好\n<<<FILE 😀/文件.py\nx\nFILE>>>');
    const child = documentSymbols(model)[0]!.children![0]!;
    assert.deepEqual(child.selectionRange, { start: { line: 1, character: 8 }, end: { line: 1, character: 16 } });
  });
});

describe('folding ranges', () => {
  it('folds turns to their last line with text, and FILE blocks and fences inside them', () => {
    const model = parseTranscript('[A]: one\ntwo\n<<<FILE a\nb\nFILE>>>\n```\nc\n```\n\n[B]: x\n[C]: y\nz');
    assert.deepEqual(foldingRanges(model), [
      { startLine: 0, endLine: 7 },
      { startLine: 2, endLine: 4 },
      { startLine: 5, endLine: 7 },
      { startLine: 10, endLine: 11 },
    ]);
  });

  it('gives a range for every multi-line turn of the seeds', () => {
    for (const [, text] of SEEDS) {
      const model = parseTranscript(text);
      const multiLine = [...model.turns].filter((turn) => turn.lastTextLine > turn.startLine).length;
      assert.ok(multiLine > 10);
      assert.equal(
        foldingRanges(model).filter((range) => [...model.turns].some((turn) => turn.startLine === range.startLine))
          .length,
        multiLine,
      );
    }
  });
});
