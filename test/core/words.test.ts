import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTranscript } from '../../src/core/parse';
import { countWords, turnWords } from '../../src/core/words';
import { SEEDS } from './helpers';

describe('word counting', () => {
  it('counts the example of the format description as 25 words, 21 CJK and 4 other', () => {
    assert.deepEqual(countWords("Hey，关于'你更喜欢去电影院还是streaming at home？'这个话题，你怎么想的？"), {
      words: 25,
      cjk: 21,
      other: 4,
    });
  });

  const vectors: Array<[string, number, number]> = [
    ["don't", 0, 1],
    ['state-of-the-art', 0, 1],
    ['3.14 and 2_000', 0, 3],
    ['a--b', 0, 2],
    ['end. Next', 0, 2],
    ['😀🎬➡️💻 !!! ~~~', 0, 0],
    ['ひらがな カタカナ コーヒー', 12, 0],
    ['作为PM，我特别关注user context的切换成本~', 12, 3],
    ['café naïve', 0, 2],
    ['ｆｕｌｌｗｉｄｔｈ ＡＢＣ', 0, 2],
    ['Ａ 1️⃣', 0, 2],
    ['', 0, 0],
  ];
  for (const [text, cjk, other] of vectors) {
    it(`counts ${JSON.stringify(text)} as ${cjk} CJK and ${other} other words`, () => {
      assert.deepEqual(countWords(text), { words: cjk + other, cjk, other });
    });
  }

  it('does not count FILE content, fenced code or the speaker tag', () => {
    const model = parseTranscript('[Speaker]: one two\n<<<FILE a.py\nx = y + z\nFILE>>>\n```\ncode code\n```\n三 four');
    assert.deepEqual(turnWords(model.text, model.turns.at(0)!), { words: 4, cjk: 1, other: 3 });
  });

  it('counts the first turns of the seeds as they read', () => {
    const counts = SEEDS.map(([, text]) => {
      const model = parseTranscript(text);
      return turnWords(text, model.turns.at(0)!);
    });
    // 000: the example above; 004: 关于 最喜欢的 是什么 中餐还是西餐 这个话题 你怎么想的 (24 CJK) + cuisine, Hey.
    assert.deepEqual(counts, [
      { words: 25, cjk: 21, other: 4 },
      { words: 26, cjk: 24, other: 2 },
    ]);
  });

  it('treats a lone surrogate as a symbol, not a crash', () => {
    assert.deepEqual(countWords('a\ud800b\udc00c'), { words: 3, cjk: 0, other: 3 });
  });

  it('agrees with the rule read one code point at a time, on any mix of scripts, joiners, marks and surrogates', () => {
    const piece = fc.constantFrom(
      'a',
      'Z',
      '7',
      '中',
      'ひ',
      'カ',
      '한',
      'é',
      'e\u0301',
      '\u0301',
      "'",
      '’',
      '-',
      '.',
      '_',
      ' ',
      '，',
      '、',
      '〇',
      'ー',
      '😀',
      '𠀀',
      '\ud800',
      '\udc00',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(countWords(text), countWordsByTheRule(text));
      }),
      { numRuns: 5000 },
    );
  });
});

/** docs/format.md's rule as written, slowly: per code point, a Han, Hiragana or Katakana letter or digit being a word of its own. */
function countWordsByTheRule(text: string): { words: number; cjk: number; other: number } {
  let cjk = 0;
  let other = 0;
  let inWord = false;
  let afterJoiner = false;
  for (const character of text) {
    const letterOrDigit = /^[\p{L}\p{N}]$/u.test(character);
    if (
      letterOrDigit &&
      /^[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]$/u.test(character)
    ) {
      cjk++;
      inWord = afterJoiner = false;
    } else if (letterOrDigit) {
      if (!inWord) other++;
      inWord = true;
      afterJoiner = false;
    } else if (/^\p{M}$/u.test(character)) {
      // A mark continues whatever it follows.
    } else if ("'’-._".includes(character) && inWord && !afterJoiner) {
      afterJoiner = true;
    } else {
      inWord = afterJoiner = false;
    }
  }
  return { words: cjk + other, cjk, other };
}
