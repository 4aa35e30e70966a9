import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { MarkupContent } from 'vscode-languageserver-types';
import { turnContent } from '../../src/core/conversation';
import { hover } from '../../src/core/hover';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import { statistics } from '../../src/core/statistics';
import { counter as cl100kCounter } from '../../src/core/tokenizers/cl100k_base';
import { counter as o200kCounter } from '../../src/core/tokenizers/o200k_base';
import { type TokenCounter, tokenCounting, tokenEncoding, tokenTotals, turnTokens } from '../../src/core/tokens';
import { SEEDS } from './helpers';

const ORDINARY = { disallowedSpecial: new Set<string>() };

/** A counter that counts what it is asked to count, to see what is counted again. */
function spying(): { counter: TokenCounter; counted: string[] } {
  const counted: string[] = [];
  return {
    counted,
    counter: { encoding: 'o200k_base', count: (text) => (counted.push(text), o200kCounter.count(text)) },
  };
}

const valueOf = (result: ReturnType<typeof hover>): string =>
  (result?.contents as MarkupContent | undefined)?.value ?? '';

describe('token counts', () => {
  it("count each turn's exported content exactly as gpt-tokenizer does, in both encodings", () => {
    for (const [, text] of SEEDS) {
      const model = parseTranscript(text);
      for (const turn of model.turns) {
        const content = turnContent(model, turn);
        assert.equal(turnTokens(model, turn, o200kCounter), o200k(content));
        assert.equal(turnTokens(model, turn, cl100kCounter), cl100k(content));
      }
    }
  });

  it('leave out the tag and its space, and keep FILE blocks, CRLF line ends read as export writes them', () => {
    const model = parseTranscript('[Assistant]: hello world\r\n<<<FILE a.py\r\nprint(1)\r\nFILE>>>\r\n\r\n');
    const turn = model.turns.at(0)!;
    assert.equal(turnTokens(model, turn, o200kCounter), o200k('hello world\n<<<FILE a.py\nprint(1)\nFILE>>>'));
    assert.notEqual(turnTokens(model, turn, o200kCounter), o200k('[Assistant]: hello world'));
  });

  it('read a special token name as ordinary text instead of failing', () => {
    const model = parseTranscript('[A]: before <|endoftext|> after');
    const tokens = turnTokens(model, model.turns.at(0)!, o200kCounter);
    assert.equal(tokens, o200k('before <|endoftext|> after', ORDINARY));
    assert.ok(tokens > 3, 'the name is several ordinary tokens, not one special token');
  });

  it('give an empty turn no tokens', () => {
    const model = parseTranscript('[A]:\n\n[B]: x');
    assert.equal(turnTokens(model, model.turns.at(0)!, o200kCounter), 0);
  });

  it('add up per speaker, in order of first appearance, and over the document', () => {
    const model = parseTranscript('[A]: hello world\n[B]: hi\n[A]: ok then');
    const totals = tokenTotals(model, o200kCounter);
    assert.deepEqual(
      [...totals.speakers],
      [
        ['A', o200k('hello world') + o200k('ok then')],
        ['B', o200k('hi')],
      ],
    );
    assert.equal(totals.tokens, o200k('hello world') + o200k('ok then') + o200k('hi'));
  });

  it('count again after an edit only the turns it rescanned, and nothing for a second look at the same model', () => {
    const { counter, counted } = spying();
    const model = parseTranscript('[A]: one\n[B]: two\n[A]: three\n[B]: four\n[A]: five\n[B]: six\n');
    tokenTotals(model, counter);
    assert.equal(counted.length, 6);
    tokenTotals(model, counter);
    assert.equal(counted.length, 6, 'the totals of a model are kept');
    const edited = applyChange(model, {
      range: { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } },
      text: ' more',
    });
    assert.equal(tokenTotals(edited, counter).speakers.get('A'), o200k('one') + o200k('three more') + o200k('five'));
    const again = counted.slice(6);
    assert.ok(again.includes('three more'), 'the edited turn is counted again');
    // The rescan starts at the turn before the edit: the turns before that one and after the edit are kept.
    assert.ok(again.length <= 2 && again.every((content) => ['two', 'three more'].includes(content)), again.join('|'));
  });

  it('count a slice at a time, to the same totals, and keep them for the next look', () => {
    const text = Array.from({ length: 50 }, (_, index) => `[S${index % 3}]: ${'word '.repeat(index)}`).join('\n');
    const model = parseTranscript(text);
    const { counter, counted } = spying();
    const counting = tokenCounting(model, counter, 200);
    let slices = 0;
    let step = counting.next();
    for (; !step.done; step = counting.next()) slices++;
    assert.ok(slices >= 5, `${slices} slices for about 6,000 code units in slices of 200`);
    assert.deepEqual(step.value, tokenTotals(parseTranscript(text), o200kCounter));
    const before = counted.length;
    assert.equal(tokenCounting(model, counter, 200).next().done, true, 'a counted model gives its totals at once');
    assert.equal(counted.length, before);
  });

  it('keep the counts of one tokenizer apart from another', () => {
    const model = parseTranscript('[A]: 你好，世界 hello');
    const turn = model.turns.at(0)!;
    assert.equal(turnTokens(model, turn, o200kCounter), o200k('你好，世界 hello'));
    assert.equal(turnTokens(model, turn, cl100kCounter), cl100k('你好，世界 hello'));
    assert.notEqual(o200k('你好，世界 hello'), cl100k('你好，世界 hello'), 'the encodings differ on this text');
  });

  it('know the encodings by name and nothing else', () => {
    assert.equal(tokenEncoding('o200k_base'), 'o200k_base');
    assert.equal(tokenEncoding('cl100k_base'), 'cl100k_base');
    assert.equal(tokenEncoding('off'), undefined);
    assert.equal(tokenEncoding('p50k_base'), undefined);
    assert.equal(tokenEncoding(7), undefined);
  });
});

describe('token counts in hover and statistics', () => {
  const text = '[A]: hello world\n[B]: hi\n[A]: ok then';

  it("show the turn's tokens and the speaker's total in hover when given a tokenizer", () => {
    const model = parseTranscript(text);
    const tokens = { counter: o200kCounter, totals: tokenTotals(model, o200kCounter) };
    const value = valueOf(hover(model, { line: 2, character: 1 }, tokens));
    assert.match(value, new RegExp(`· ${o200k('ok then')} tokens? \\(o200k_base\\)\n`));
    assert.match(
      value,
      new RegExp(`in total: 2 turns, 4 words \\(80%\\), ${o200k('hello world') + o200k('ok then')} tokens$`),
    );
  });

  it("show the turn's tokens but not the speaker's while the document's are not counted", () => {
    const model = parseTranscript(text);
    const value = valueOf(hover(model, { line: 2, character: 1 }, { counter: o200kCounter, totals: undefined }));
    assert.match(value, new RegExp(`· ${o200k('ok then')} tokens? \\(o200k_base\\)\n`));
    assert.match(value, /in total: 2 turns, 4 words \(80%\)$/);
  });

  it('show no tokens in hover without a tokenizer', () => {
    const value = valueOf(hover(parseTranscript(text), { line: 2, character: 1 }));
    assert.doesNotMatch(value, /token/);
  });

  it('give statistics tokens per speaker and in all, with the encoding, when given a tokenizer', () => {
    const counted = statistics(parseTranscript(text), cl100kCounter);
    assert.equal(counted.encoding, 'cl100k_base');
    assert.equal(counted.tokens, cl100k('hello world') + cl100k('hi') + cl100k('ok then'));
    assert.deepEqual(
      counted.speakers.map((row) => [row.speaker, row.tokens]),
      [
        ['A', cl100k('hello world') + cl100k('ok then')],
        ['B', cl100k('hi')],
      ],
    );
  });

  it('give statistics no tokens field at all without a tokenizer', () => {
    const plain = statistics(parseTranscript(text));
    assert.equal('tokens' in plain, false);
    assert.equal('encoding' in plain, false);
    assert.ok(plain.speakers.every((row) => !('tokens' in row)));
  });
});
