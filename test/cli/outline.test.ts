import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { documentSymbols } from '../../src/core/symbols';
import { outlineTurns } from '../../src/cli/outline';
import { ROOT, runCli, tempDir } from './helpers';

const CLEAN = join('test', 'fixtures', 'cli', 'clean.transcript');

describe('transcript outline', () => {
  it('prints the turns with line numbers, speakers, words and first words, and the blocks inside them', () => {
    const run = runCli(['outline', CLEAN]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'line  speaker    words  first words',
        '   1  用户           7  你好，can you write a script? 😀',
        '   2  Assistant     10  Sure, here it is:',
        '   3                    FILE src/hello.py (1 line)',
        '   7  用户           1  Thanks!',
        '',
      ].join('\n'),
    );
  });

  it('names turns as the editor outline does', () => {
    for (const name of readdirSync(join(ROOT, 'seeds')).filter((name) => name.endsWith('.txt'))) {
      const model = parseTranscript(readFileSync(join(ROOT, 'seeds', name), 'utf8'));
      const symbols = documentSymbols(model);
      assert.deepEqual(
        outlineTurns(model).map((turn) => [`${turn.speaker}: ${turn.firstWords}`, turn.line - 1]),
        symbols.map((symbol) => [symbol.name, symbol.range.start.line]),
      );
    }
  });

  it('prints JSON with fences, unclosed blocks and word counts, from standard input', () => {
    const input = '[A]: Code:\n```py\nx = 1\n[B]: 好的 ok\n<<<FILE a.txt\nhalf\n';
    const run = runCli(['outline', '-', '--json'], { input });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      path: '<stdin>',
      turns: [
        {
          number: 1,
          line: 1,
          endLine: 3,
          speaker: 'A',
          firstWords: 'Code:',
          words: 1,
          cjk: 0,
          other: 1,
          files: [],
          fences: [{ info: 'py', line: 2, endLine: 3, lines: 1, closed: false }],
        },
        {
          number: 2,
          line: 4,
          endLine: 7,
          speaker: 'B',
          firstWords: '好的 ok',
          words: 3,
          cjk: 2,
          other: 1,
          files: [{ path: 'a.txt', line: 5, endLine: 7, lines: 2, closed: false }],
          fences: [],
        },
      ],
    });
  });

  it('exits 2 on a missing or binary file and on anything but one path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x5b, 0x00]));
    assert.deepEqual(
      [runCli(['outline', 'missing.txt'], { cwd: dir }), runCli(['outline', 'bin.txt'], { cwd: dir })].map((run) => [
        run.status,
        run.stderr,
      ]),
      [
        [2, 'transcript: cannot read: missing.txt: no such file or directory\n'],
        [2, 'transcript: not a transcript: bin.txt: binary file (NUL byte at offset 1)\n'],
      ],
    );
    assert.equal(runCli(['outline']).status, 2);
  });

  it('prints a table per transcript under its path for several files and folders, and JSON of them all', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'a.txt'), '[A]: one two\n[B]: three\n');
    writeFileSync(join(dir, 'more', 'b.transcript'), '[B]: four\n');
    writeFileSync(join(dir, 'more', 'notes.txt'), 'not a transcript\n');
    writeFileSync(join(dir, 'more', 'bin.transcript'), Buffer.from([0x5b, 0x00]));
    const run = runCli(['outline', 'a.txt', 'more'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'a.txt',
        'line  speaker  words  first words',
        '   1  A            2  one two',
        '   2  B            1  three',
        '',
        'more/b.transcript',
        'line  speaker  words  first words',
        '   1  B            1  four',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, 'transcript: skipped more/bin.transcript: binary file (NUL byte at offset 1)\n');
    const json = JSON.parse(runCli(['outline', '--json', 'a.txt', 'more', 'gone.txt'], { cwd: dir }).stdout);
    assert.deepEqual(
      json.files.map((file: { path: string; turns: unknown[] }) => [file.path, file.turns.length]),
      [
        ['a.txt', 2],
        ['more/b.transcript', 1],
      ],
    );
    assert.deepEqual(
      json.skipped.map((file: { path: string; status: string }) => [file.path, file.status]),
      [
        ['gone.txt', 'failed'],
        ['more/bin.transcript', 'skipped'],
      ],
    );
  });

  it('shows only the turns of the speakers named with --speaker, numbered as in the whole transcript', () => {
    const run = runCli(['outline', '--json', '--speaker', 'B', '-'], {
      input: '[A]: one\n[B]: two\n[A]: three\n[B]: four\n',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      JSON.parse(run.stdout).turns.map((turn: { number: number; firstWords: string }) => [
        turn.number,
        turn.firstWords,
      ]),
      [
        [2, 'two'],
        [4, 'four'],
      ],
    );
  });
});
