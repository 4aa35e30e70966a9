import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTranscript } from '../../src/core/parse';
import { speakerTotals } from '../../src/core/speakers';
import { statsOfText } from '../../src/cli/analysis';
import { statsCsv, statsReport, statsTables } from '../../src/cli/stats';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
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
      skipped: [],
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
  describe('with --tokens', () => {
    const A = 'hello there, general Kenobi';
    const B = '你好，世界\n<<<FILE a.py\nprint(1)\nFILE>>>';
    const TEXT = `[A]: ${A}\n[B]: ${B}\n\n[A]: ok\n`;

    it('counts each speaker’s tokens as gpt-tokenizer counts their turns’ text, in JSON named tokens', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'a.txt'), TEXT);
      const run = runCli(['stats', '--json', '--tokens', 'a.txt'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.equal(report.encoding, 'o200k_base');
      const a = o200k(A) + o200k('ok');
      assert.deepEqual(
        report.files[0].speakers.map((row: { speaker: string; tokens: number }) => [row.speaker, row.tokens]),
        [
          ['A', a],
          ['B', o200k(B)],
        ],
      );
      assert.equal(report.files[0].tokens, a + o200k(B));
      assert.equal(report.total.tokens, a + o200k(B));
    });

    it('counts in cl100k_base when told, the same from worker threads', () => {
      const dir = tempDir();
      for (let index = 0; index < 20; index++) writeFileSync(join(dir, `${index}.txt`), TEXT);
      const single = runCli(['stats', '--json', '--token-encoding', 'cl100k_base', '-j', '1', '.'], { cwd: dir });
      const threaded = runCli(['stats', '--json', '--token-encoding', 'cl100k_base', '-j', '2', '.'], { cwd: dir });
      assert.equal(single.status, 0, single.stderr);
      assert.equal(threaded.stdout, single.stdout);
      const report = JSON.parse(single.stdout);
      assert.equal(report.encoding, 'cl100k_base');
      assert.equal(report.total.tokens, 20 * (cl100k(A) + cl100k('ok') + cl100k(B)));
    });

    it('adds a tokens column to the table and names the encoding', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'a.txt'), TEXT);
      const run = runCli(['stats', '--tokens', 'a.txt'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      const [, header, rowA] = run.stdout.split('\n');
      assert.match(header!, /^speaker +turns +words +CJK +other +share +tokens$/);
      assert.match(rowA!, new RegExp(`^A +2 +5 +0 +5 +[\\d.]+% +${o200k(A) + o200k('ok')}$`));
      assert.match(run.stdout, /\ntokens: o200k_base\n$/);
    });

    it('counts no tokens without --tokens', () => {
      const run = runCli(['stats', '--json', '-'], { input: TEXT });
      const report = JSON.parse(run.stdout);
      assert.equal(report.encoding, undefined);
      assert.equal(report.total.tokens, undefined);
      assert.doesNotMatch(runCli(['stats', '-'], { input: TEXT }).stdout, /tokens/);
    });

    it('refuses an encoding it does not know', () => {
      const run = runCli(['stats', '--token-encoding', 'p50k_base', '-'], { input: TEXT });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--token-encoding must be one of o200k_base, cl100k_base, not `p50k_base`/);
    });
  });

  describe('as CSV', () => {
    it('writes a row per speaker of each file, then over all files, RFC 4180 quoted', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'a,b.txt'), '[Smith, "Jo"]: one two\n[B]: three\n');
      writeFileSync(join(dir, 'c.txt'), '[B]: four\n');
      const run = runCli(['stats', '--format', 'csv', 'a,b.txt', 'c.txt'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(
        run.stdout,
        [
          'file,speaker,turns,words,cjk,other,share',
          '"a,b.txt","Smith, ""Jo""",1,2,0,2,0.6667',
          '"a,b.txt",B,1,1,0,1,0.3333',
          'c.txt,B,1,1,0,1,1',
          ',"Smith, ""Jo""",1,2,0,2,0.5',
          ',B,2,2,0,2,0.5',
          '',
        ].join('\r\n'),
      );
    });

    it('keeps names and paths a spreadsheet would run as formulas from running', () => {
      const stats = statsOfText('[=1+1]: a\n[@x]: b\n[-y]: c\n[+z]: d\n[Dr]: e');
      const rows = statsCsv(statsReport([{ path: '=cmd.txt', stats }]))
        .trimEnd()
        .split('\r\n')
        .slice(1);
      assert.deepEqual(
        rows.map((row) => row.split(',').slice(0, 2)),
        [
          ["'=cmd.txt", "'=1+1"],
          ["'=cmd.txt", "'@x"],
          ["'=cmd.txt", "'-y"],
          ["'=cmd.txt", "'+z"],
          ["'=cmd.txt", 'Dr'],
          ['', "'=1+1"],
          ['', "'@x"],
          ['', "'-y"],
          ['', "'+z"],
          ['', 'Dr'],
        ],
      );
    });

    it('adds a tokens column with --tokens', () => {
      const run = runCli(['stats', '-f', 'csv', '--tokens', '-'], { input: '[A]: hello world\n' });
      const tokens = o200k('hello world');
      assert.equal(
        run.stdout,
        `file,speaker,turns,words,cjk,other,share,tokens\r\n<stdin>,A,1,2,0,2,1,${tokens}\r\n,A,1,2,0,2,1,${tokens}\r\n`,
      );
    });

    it('refuses --json with another format', () => {
      const run = runCli(['stats', '--json', '--format', 'csv', '-'], { input: '[A]: x\n' });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /two formats/);
    });
  });

  it('lists the files it skipped or could not read in JSON, with the reasons', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '[A]: hi\n');
    writeFileSync(join(dir, 'b.txt'), Buffer.from([0, 1, 2]));
    const run = runCli(['stats', '--json', 'a.txt', 'b.txt', 'nope.txt'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.deepEqual(JSON.parse(run.stdout).skipped, [
      { path: 'nope.txt', status: 'failed', reason: 'no such file or directory' },
      { path: 'b.txt', status: 'skipped', reason: 'binary file (NUL byte at offset 0)' },
    ]);
  });

  it('counts only the turns of the speakers named with --speaker, in each file and over all', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '[A]: one two three\n[B]: 你好\n[C]: x\n');
    writeFileSync(join(dir, 'b.txt'), '[B]: four\n[C]: five six\n');
    const run = runCli(['stats', '--json', '--speaker', 'B', '--speaker', 'C', '.'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.files.map((file: { path: string; turns: number; words: number }) => [file.path, file.turns, file.words]),
      [
        ['a.txt', 2, 3],
        ['b.txt', 2, 3],
      ],
    );
    assert.deepEqual(
      report.total.speakers.map((row: { speaker: string; words: number; share: number }) => [
        row.speaker,
        row.words,
        row.share,
      ]),
      [
        ['B', 3, 0.5],
        ['C', 3, 0.5],
      ],
    );
    assert.equal(report.total.words, 6);
  });
});
