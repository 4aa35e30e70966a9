import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, ROOT, tempDir } from './helpers';

/** A command of docs/cli.md, `$ transcript …` or `$ cat <file>`, with the output the page shows under it. */
interface Example {
  readonly line: number;
  readonly args: string[];
  readonly output: string;
}

const COMMAND = /^\$ (?:transcript|cat) /;

/**
 * Runs an example in `cwd` as a terminal would show it: standard output and standard error into one
 * file, in the order they were written.
 */
function run(example: Example, cwd: string, scratch: string): string {
  const [program, ...args] = example.args;
  if (program === 'cat') return args.map((file) => readFileSync(join(cwd, file), 'utf8')).join('');
  const output = openSync(scratch, 'w');
  try {
    spawnSync(process.execPath, [CLI, ...args], {
      cwd,
      stdio: ['ignore', output, output],
      env: { ...process.env, CI: 'true' },
    });
  } finally {
    closeSync(output);
  }
  return readFileSync(scratch, 'utf8');
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
    if (lines[at] !== '```' || !COMMAND.test(lines[at + 1] ?? '')) continue;
    let end = at + 1;
    while (lines[end] !== '```') end++;
    let current: { line: number; args: string[]; output: string[] } | undefined;
    for (let line = at + 1; line < end; line++) {
      const text = lines[line]!;
      if (COMMAND.test(text)) {
        if (current) found.push({ ...current, output: current.output.join('') });
        current = { line: line + 1, args: shellWords(text.slice(2)), output: [] };
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
    assert.deepEqual(shellWords(`transcript export a.txt --system 'Be brief.' --role "Dr. Chen=user"`), [
      'transcript',
      'export',
      'a.txt',
      '--system',
      'Be brief.',
      '--role',
      'Dr. Chen=user',
    ]);
    assert.ok(examples(page).some((example) => example.args[1] === 'export'));
  });

  // Run in a folder of their own, with the page's input files (test/fixtures/docs) and the repository's
  // test/ and seeds/ folders, which the examples of `check` and `stats` read.
  const folder = tempDir('transcript-docs-');
  cpSync(join(ROOT, 'test', 'fixtures', 'docs'), folder, { recursive: true });
  symlinkSync(join(ROOT, 'test'), join(folder, 'test'));
  symlinkSync(join(ROOT, 'seeds'), join(folder, 'seeds'));

  const scratch = join(tempDir('transcript-docs-output-'), 'output');
  // In order: an example may read what one before it wrote.
  for (const example of examples(page)) {
    it(`print what the page shows: line ${example.line}, ${example.args.join(' ')}`, () => {
      assert.equal(run(example, folder, scratch), example.output);
    });
  }
});
