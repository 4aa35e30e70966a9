/** The language configuration's word pattern, as VS Code compiles it (a global RegExp without flag `u`). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const configuration = JSON.parse(readFileSync(resolve(__dirname, '../../language-configuration.json'), 'utf8')) as {
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string }[];
  wordPattern: string;
};
const wordPattern = new RegExp(configuration.wordPattern, 'g');

const words = (text: string): string[] => [...text.matchAll(wordPattern)].map((match) => match[0]);

test('a run of Han characters is one word, split from Latin words and CJK punctuation', () => {
  assert.deepEqual(words('Hey，关于streaming at home？这个话题'), ['Hey', '关于', 'streaming', 'at', 'home', '这个话题']);
});

test('emoji, brackets and quotes separate words; apostrophes join them', () => {
  assert.deepEqual(words('【注意】“don’t” 😂ok I\'m'), ['注意', 'don’t', 'ok', "I'm"]);
});

test('kana, hangul and decimals are words of their own', () => {
  assert.deepEqual(words('カタカナとひらがな 한국어 3.14'), ['カタカナとひらがな', '한국어', '3.14']);
});

test('the word pattern never matches empty text, which VS Code rejects', () => {
  assert.equal(new RegExp(configuration.wordPattern).test(''), false);
});

test('every bracket pair also closes automatically', () => {
  const autoClosed = new Set(configuration.autoClosingPairs.map((pair) => pair.open + pair.close));
  for (const [open, close] of configuration.brackets) assert.ok(autoClosed.has(open + close), open + close);
});
