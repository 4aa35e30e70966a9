import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { speakerTotals } from '../../src/core/speakers';
import { statsOfText } from '../../src/cli/analysis';
import { statsReport, statsTables } from '../../src/cli/stats';
import { ROOT, runCli, tempDir } from './helpers';

const CLEAN = join('test', 'fixtures', 'cli', 'clean.transcript');

describe('transcript stats', () => {
  it('counts what the core counts: turns, CJK characters and other words per speaker', () => {
    const text = readFileSync(join(ROOT, CLEAN), 'utf8');
    const totals = speakerTotals(parseTranscript(text));
    const stats = statsOfText(text);
    assert.deepEqual(
      stats.speakers.map(({ speaker, ...count }) => [speaker, count]),
      [...totals.speakers],
    );
    assert.equal(stats.words, totals.words);
    assert.equal(stats.words, stats.cjk + stats.other);
  });

  it('prints a table of speakers for one file', () => {
    const run = runCli(['stats', CLEAN]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        CLEAN,
        'speaker    turns  words  CJK  other   share',
        '用户           2      8    2      6   44.4%',
        'Assistant      1     10    0     10   55.6%',
        'total          3     18    2     16  100.0%',
        '',
      ].join('\n'),
    );
  });

  it('prints a row per file and the speakers over all files for several', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '[A]: one two three\n[B]: 你好\n');
    writeFileSync(join(dir, 'b.txt'), '[B]: four\n[C]: five six\n');
    const run = runCli(['stats', '.'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'file             turns  words  CJK  other  speakers',
        'a.txt                2      5    2      3         2',
        'b.txt                2      3    0      3         2',
        'total (2 files)      4      8    2      6         3',
        '',
        'speaker  turns  words  CJK  other   share',
        'A            1      3    0      3   37.5%',
        'B            2      3    2      1   37.5%',
        'C            1      2    0      2   25.0%',
        'total        4      8    2      6  100.0%',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with each file’s speakers and the totals', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '[A]: one two three\n[B]: 你好\n');
    const run = runCli(['stats', '--json', 'a.txt', '-'], { cwd: dir, input: '[B]: four\n' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      files: [
        {
          path: 'a.txt',
          turns: 2,
          words: 5,
          cjk: 2,
          other: 3,
          speakers: [
            { speaker: 'A', turns: 1, words: 3, cjk: 0, other: 3, share: 0.6 },
            { speaker: 'B', turns: 1, words: 2, cjk: 2, other: 0, share: 0.4 },
          ],
        },
        {
          path: '<stdin>',
          turns: 1,
          words: 1,
          cjk: 0,
          other: 1,
          speakers: [{ speaker: 'B', turns: 1, words: 1, cjk: 0, other: 1, share: 1 }],
        },
      ],
      total: {
        files: 2,
        turns: 3,
        words: 6,
        cjk: 2,
        other: 4,
        speakers: [
          { speaker: 'A', turns: 1, words: 3, cjk: 0, other: 3, share: 0.5 },
          { speaker: 'B', turns: 2, words: 3, cjk: 2, other: 1, share: 0.5 },
        ],
      },
    });
  });

  it('gives shares of 0, not NaN, when there are no words', () => {
    const report = statsReport([{ path: 'x', stats: statsOfText('[A]: 😀\n') }]);
    assert.equal(report.files[0]!.speakers[0]!.share, 0);
    assert.match(statsTables(report), /^A +1 +0 +0 +0 +0\.0%$/m);
  });

  it('skips binary files and exits 2 on a missing path, naming it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '[A]: hi\n');
    writeFileSync(join(dir, 'b.txt'), Buffer.from([0, 1, 2]));
    const run = runCli(['stats', '.', 'nope.txt', '--json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'transcript: cannot read nope.txt: no such file or directory\ntranscript: skipped b.txt: binary file (NUL byte at offset 0)\n',
    );
    assert.deepEqual(
      JSON.parse(run.stdout).files.map((file: { path: string }) => file.path),
      ['a.txt'],
    );
  });

  it('gives the same JSON from worker threads as from one thread', () => {
    const dir = tempDir();
    for (let index = 0; index < 40; index++)
      writeFileSync(
        join(dir, `${String(index).padStart(2, '0')}.txt`),
        `[S${index % 3}]: ${'word '.repeat(index)}你\n`,
      );
    const single = runCli(['stats', '.', '--json', '-j', '1'], { cwd: dir });
    const threaded = runCli(['stats', '.', '--json', '-j', '2'], { cwd: dir });
    assert.equal(single.status, 0);
    assert.equal(threaded.stdout, single.stdout);
    assert.equal(JSON.parse(single.stdout).total.words, 40 + (39 * 40) / 2);
  });
});
