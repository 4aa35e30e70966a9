import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { diagnostics } from '../../src/core/diagnostics';
import { foldingRanges } from '../../src/core/folding';
import type { Span, Transcript } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import { sectionsOf } from '../../src/core/sections';
import { documentSymbols } from '../../src/core/symbols';
import { RUNS, editableTranscript, notifications, piece, settings, transcriptText } from './arbitraries';
import { applyContentChanges, placeChange } from './edits';

const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range): boolean =>
  before(outer.start, inner.start) && before(inner.end, outer.end);

function assertSpanInside(span: Span, model: Transcript): void {
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= model.text.length, JSON.stringify(span));
}

function assertRangeInside(range: Range, model: Transcript): void {
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < model.lines.lineCount);
    assert.ok(position.character >= 0);
    assert.ok(model.lines.lineStart(position.line) + position.character <= model.lines.lineEnd(position.line));
  }
  assert.ok(before(range.start, range.end));
}

function assertSymbolsNest(symbols: DocumentSymbol[], model: Transcript, parent?: DocumentSymbol): void {
  symbols.forEach((symbol, i) => {
    assertRangeInside(symbol.range, model);
    assert.ok(contains(symbol.range, symbol.selectionRange));
    if (parent) assert.ok(contains(parent.range, symbol.range));
    if (i > 0) assert.ok(before(symbols[i - 1]!.range.end, symbol.range.start));
    assertSymbolsNest(symbol.children ?? [], model, symbol);
  });
}

/** What a reader of the model sees, without the memo objects. */
function observable(model: Transcript): unknown {
  return {
    preamble: model.preamble,
    turns: [...model.turns].map(({ memo: _memo, ...turn }) => turn),
    diagnostics: diagnostics(model, 'x'),
    lines: Array.from({ length: model.lines.lineCount }, (_, line) => model.lines.lineStart(line)),
  };
}

/** Each case sends up to 24 changes, each checked against a fresh parse: a fifth of RUNS keeps `npm test` quick. */
const NOTIFICATION_RUNS = Math.max(1, Math.round(RUNS / 5));
/** Edit sequences are the property the incremental model lives by: at least 10,000 of them, whatever RUNS says. */
const EDIT_SEQUENCE_RUNS = Math.max(RUNS, 10_000);

describe(`properties of the parser (${RUNS.toLocaleString('en-US')} cases each)`, () => {
  it('never throws and keeps every span and range inside the document', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const model = parseTranscript(text);
        for (const section of sectionsOf(model)) {
          assertSpanInside(section.span, model);
          for (const block of section.fileBlocks)
            for (const span of [block.span, block.opener, block.pathSpan, block.content]) assertSpanInside(span, model);
          for (const fence of section.fences) assertSpanInside(fence.span, model);
          for (const problem of section.problems) assertSpanInside(problem.span, model);
        }
        for (const diagnostic of diagnostics(model, 'x')) assertRangeInside(diagnostic.range, model);
        for (const range of foldingRanges(model))
          assert.ok(range.startLine < range.endLine && range.endLine < model.lines.lineCount);
      }),
      settings,
    );
  });

  it('orders turns and covers every line from the first speaker line to the end, without overlap', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const model = parseTranscript(text);
        const sections = sectionsOf(model);
        let nextLine = 0;
        for (const section of sections) {
          assert.equal(section.startLine, nextLine);
          assert.ok(section.endLine >= section.startLine);
          nextLine = section.endLine + 1;
        }
        assert.equal(nextLine, model.lines.lineCount);
        [...model.turns].forEach((turn, i) => {
          assert.equal(turn.index, i);
          if (i > 0) assert.ok(model.turns.at(i - 1)!.span.end < turn.span.start);
        });
      }),
      settings,
    );
  });

  it('gives symbols that nest and never overlap', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const model = parseTranscript(text);
        assertSymbolsNest(documentSymbols(model), model);
      }),
      settings,
    );
  });

  it('gives diagnostics sorted by position and without duplicates', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const found = diagnostics(parseTranscript(text), 'x');
        const keys = found.map((diagnostic) => JSON.stringify([diagnostic.range, diagnostic.code, diagnostic.message]));
        assert.equal(new Set(keys).size, keys.length);
        for (let i = 1; i < found.length; i++) assert.ok(before(found[i - 1]!.range.start, found[i]!.range.start));
      }),
      settings,
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        assert.deepEqual(observable(parseTranscript(text)), observable(parseTranscript(text)));
      }),
      settings,
    );
  });

  it(`reparses any sequence of edits into exactly the model of a fresh parse (${EDIT_SEQUENCE_RUNS.toLocaleString('en-US')} cases)`, () => {
    const edit = fc.record({
      at: fc.nat(),
      length: fc.nat({ max: 30 }),
      text: fc.array(piece, { maxLength: 4 }).map((pieces) => pieces.join('')),
    });
    fc.assert(
      fc.property(transcriptText, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
        let model = parseTranscript(text);
        // The expected text is kept apart, and the model's `text` read only at the end, so the edits
        // are reparsed through the edited text rather than a string built after each.
        let expected = text;
        for (const { at, length, text: inserted } of edits) {
          const start = at % (model.lines.textLength + 1);
          const end = Math.min(model.lines.textLength, start + length);
          const range = model.lines.rangeOf(start, end);
          // A range cannot point between the CR and LF of a line break: the edit lands where LSP puts it.
          const [from, to] = [model.lines.offsetAt(range.start), model.lines.offsetAt(range.end)];
          model = applyChange(model, { range, text: inserted });
          expected = expected.slice(0, from) + inserted + expected.slice(Math.max(from, to));
          assert.deepEqual(diagnostics(model, 'x'), diagnostics(parseTranscript(expected), 'x'));
          assert.deepEqual(model.turns.treeErrors(), []);
        }
        assert.deepEqual(observable(model), observable(parseTranscript(expected)));
        assert.equal(model.text.toString(), expected);
      }),
      { ...settings, numRuns: EDIT_SEQUENCE_RUNS },
    );
  });

  it(`reparses didChange notifications in and around FILE blocks after many turns into exactly a fresh parse (${NOTIFICATION_RUNS.toLocaleString('en-US')} cases)`, () => {
    fc.assert(
      fc.property(
        editableTranscript,
        notifications,
        fc.array(fc.boolean(), { maxLength: 6 }),
        (text, sent, readsTurns) => {
          let model = parseTranscript(text);
          let expected = text;
          sent.forEach((changes, index) => {
            for (const spec of changes) {
              // Each change of a notification is placed in the text the changes before it made, as LSP applies them.
              const change = placeChange(expected, spec);
              expected = applyContentChanges(expected, [change]);
              model = applyChange(model, change);
            }
            // Reading the turns copies them into place; not reading them leaves the next edit the turns
            // after this one still to be moved, as a server answering only diagnostics between edits does.
            if (readsTurns[index]) assert.deepEqual(observable(model), observable(parseTranscript(expected)));
            else assert.deepEqual(diagnostics(model, 'x'), diagnostics(parseTranscript(expected), 'x'));
          });
          assert.deepEqual(observable(model), observable(parseTranscript(expected)));
          assert.equal(model.text.toString(), expected);
        },
      ),
      { ...settings, numRuns: NOTIFICATION_RUNS },
    );
  });
});
