import assert from 'node:assert/strict';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli, tempDir } from './helpers';

/** A command of docs/cli.md, `$ transcript …`, with the output the page shows under it. */
interface Example {
  readonly line: number;
  readonly args: string[];
  readonly output: string;
}

/** The words of a command line: split at spaces, with '…' and "…" quoting (what the examples use). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const character of command) {
    if (quote) {
      if (character === quote) quote = undefined;
      else word += character;
    } else if (character === "'" || character === '"') {
      quote = character;
      word ??= '';
    } else if (character === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + character;
  }
  if (quote) throw new Error(`unclosed quote in ${command}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** Every fenced block of `markdown` that starts with `$ transcript`, cut into its commands. */
export function examples(markdown: string): Example[] {
  const found: Example[] = [];
  const lines = markdown.split('\n');
  for (let at = 0; at < lines.length; at++) {
    if (lines[at] !== '```' || !lines[at + 1]?.startsWith('$ transcript ')) continue;
    let end = at + 1;
    while (lines[end] !== '```') end++;
    let current: { line: number; args: string[]; output: string[] } | undefined;
    for (let line = at + 1; line < end; line++) {
      const text = lines[line]!;
      if (text.startsWith('$ transcript ')) {
        if (current) found.push({ ...current, output: current.output.join('') });
        current = { line: line + 1, args: shellWords(text.slice('$ transcript '.length)), output: [] };
      } else current!.output.push(`${text}\n`);
    }
    found.push({ ...current!, output: current!.output.join('') });
    at = end;
  }
  return found;
}

describe('the examples of docs/cli.md', () => {
  const page = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');

  it('are found, with quoted words kept whole', () => {
    assert.deepEqual(shellWords(`export a.txt --system 'Be brief.' --role "Dr. Chen=user"`), [
      'export',
      'a.txt',
      '--system',
      'Be brief.',
      '--role',
      'Dr. Chen=user',
    ]);
    assert.ok(examples(page).some((example) => example.args[0] === 'export'));
  });

  // Run in a folder of their own, with the page's input files (test/fixtures/docs) and the repository's
  // test/ and seeds/ folders, which the examples of `check` and `stats` read.
  const folder = tempDir('transcript-docs-');
  cpSync(join(ROOT, 'test', 'fixtures', 'docs'), folder, { recursive: true });
  symlinkSync(join(ROOT, 'test'), join(folder, 'test'));
  symlinkSync(join(ROOT, 'seeds'), join(folder, 'seeds'));

  for (const example of examples(page)) {
    it(`print what the page shows: line ${example.line}, transcript ${example.args.join(' ')}`, () => {
      const run = runCli(example.args, { cwd: folder });
      assert.equal(run.stdout + run.stderr, example.output);
    });
  }
});
