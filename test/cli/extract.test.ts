import assert from 'node:assert/strict';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/core/content';
import { parseTranscript } from '../../src/core/parse';
import { blockContent, planExtraction, runExtract, type Decision, type Interleave } from '../../src/cli/extract';
import { refusalReasons } from '../../src/core/file-names';
import { normalisedPath } from '../../src/cli/extract-paths';
import { runCli, tempDir, type CliRun } from './helpers';

/** Paths that must never be written, each with the reason it is refused (one of them, when several). */
const HOSTILE: Array<[string, RegExp]> = [
  ['/etc/passwd', /absolute/],
  ['~/.bashrc', /absolute/],
  ['../escape.txt', /`\.\.` segment/],
  ['a/../../escape.txt', /`\.\.` segment/],
  ['a/b/../../../escape.txt', /`\.\.` segment/],
  ['a/..', /`\.\.` segment/],
  ['..', /`\.\.` segment/],
  ['a\\b.txt', /backslash/],
  ['..\\escape.txt', /backslash/],
  ['C:\\Windows\\win.ini', /drive letter/],
  ['C:escape.txt', /drive letter/],
  ['c:/escape.txt', /drive letter/],
  ['\\\\server\\share\\x', /network path/],
  ['a//b.txt', /empty segment/],
  ['a/', /empty segment/],
  ['.', /output folder itself/],
  ['./', /output folder itself|empty segment/],
  ['a\0b', /"\\u0000"/],
  ['a\tb', /"\\t"/],
  ['a\nb', /"\\n"/],
  ['report.txt:stream', /":"/],
  ['a?.txt', /"\?"/],
  ['NUL', /device name/],
  ['con.txt', /device name/],
  ['sub/LPT1.log', /device name/],
  ['trailing.', /ends in a dot or space/],
  ['dir /x.txt', /ends in a dot or space/],
  ['', /no path/],
];

function plan(text: string, out: string, force = false): Decision[] {
  return planExtraction(parseTranscript(text), out, force);
}

/** A transcript with one FILE block per path. */
function transcriptOf(blocks: ReadonlyArray<readonly [string, string]>): string {
  return blocks.map(([path, content], index) => `[A]: block ${index}\n<<<FILE ${path}\n${content}\nFILE>>>\n`).join('');
}

/** Every file under `root`, relative, sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => !lstatSync(join(root, path)).isDirectory())
    .sort();
}

describe('extract: which paths may be written', () => {
  for (const [path, reason] of HOSTILE) {
    it(`refuses ${JSON.stringify(path)}`, () => {
      const reasons = refusalReasons(path);
      assert.ok(reasons.length > 0, 'refused');
      assert.match(reasons.join('; '), reason);
    });
  }

  it('accepts ordinary relative paths, dots and Unicode included', () => {
    for (const path of [
      'a.py',
      'src/app.py',
      './src/app.py',
      '.github/workflows/ci.yml',
      '笔记/说明.md',
      'a/./b',
      'console.txt',
      'nullable.ts',
    ]) {
      assert.deepEqual(refusalReasons(path), [], path);
    }
    assert.equal(normalisedPath('./src/./app.py'), 'src/app.py');
  });

  it('plans nothing outside the output folder for any hostile path written in a transcript', () => {
    const out = tempDir();
    const writable = HOSTILE.filter(([path]) => !/[\0\n]/.test(path) && path.trim() === path && path !== '');
    const decisions = plan(
      transcriptOf([...writable.map(([path]) => [path, 'pwned'] as const), ['safe.txt', 'ok']]),
      out,
    );
    assert.deepEqual(
      decisions.filter((decision) => decision.kind === 'write').map((decision) => decision.path),
      ['safe.txt'],
    );
  });
});

describe('extract: the file system', () => {
  it('refuses to go through a symbolic link in the output folder that leads outside it', () => {
    const outside = tempDir();
    const out = tempDir();
    symlinkSync(outside, join(out, 'link'));
    const [decision] = plan(transcriptOf([['link/pwned.txt', 'x']]), out);
    assert.equal(decision!.kind, 'refuse');
    assert.match((decision as { reason: string }).reason, /link is a symbolic link to .*, outside/);
  });

  it('goes through a symbolic link that stays inside the output folder', () => {
    const out = tempDir();
    mkdirSync(join(out, 'real'));
    symlinkSync(join(out, 'real'), join(out, 'alias'));
    assert.equal(plan(transcriptOf([['alias/x.txt', 'x']]), out)[0]!.kind, 'write');
  });

  it('never writes onto a symbolic link, even with --force, nor through a dangling one', () => {
    const outside = tempDir();
    const out = tempDir();
    writeFileSync(join(outside, 'target.txt'), 'original');
    symlinkSync(join(outside, 'target.txt'), join(out, 'file.txt'));
    symlinkSync(join(outside, 'nowhere'), join(out, 'dangling'));
    const decisions = plan(
      transcriptOf([
        ['file.txt', 'x'],
        ['dangling/x.txt', 'x'],
      ]),
      out,
      true,
    );
    assert.deepEqual(
      decisions.map((decision) => decision.kind),
      ['refuse', 'refuse'],
    );
    assert.match((decisions[0] as { reason: string }).reason, /is a symbolic link; it is never written through/);
    assert.match((decisions[1] as { reason: string }).reason, /leads nowhere/);
  });

  it('refuses, even with --force, to replace a file with other names (hard links), which may be outside the output folder', () => {
    const outside = tempDir();
    const out = tempDir();
    writeFileSync(join(outside, 'victim.txt'), 'original');
    linkSync(join(outside, 'victim.txt'), join(out, 'file.txt'));
    const [decision] = plan(transcriptOf([['file.txt', 'x']]), out, true);
    assert.equal(decision!.kind, 'refuse');
    assert.equal(
      (decision as { reason: string }).reason,
      `${join(out, 'file.txt')} has 2 names (hard links); writing it would change the others too`,
    );
  });

  it('refuses a path under a file, onto a folder, and a path needing a folder where another block writes a file', () => {
    const out = tempDir();
    writeFileSync(join(out, 'plain'), '');
    mkdirSync(join(out, 'folder'));
    const decisions = plan(
      transcriptOf([
        ['plain/x.txt', 'x'],
        ['folder', 'x'],
        ['a', 'file'],
        ['a/b.txt', 'x'],
      ]),
      out,
    );
    assert.deepEqual(
      decisions.map((decision) => (decision.kind === 'refuse' ? decision.reason.replace(out, 'OUT') : decision.kind)),
      [
        'OUT/plain is a file, not a folder',
        'OUT/folder is a folder',
        'write',
        '`a` (line 10) is written as a file where this path needs a folder',
      ],
    );
  });

  it('writes a path given twice once, with its last content, and reports the others', () => {
    const decisions = plan(
      transcriptOf([
        ['a.py', 'v1'],
        ['b.py', 'b'],
        ['./a.py', 'v2'],
        ['A.PY', 'v2'],
      ]),
      tempDir(),
    );
    assert.deepEqual(
      decisions.map((decision) => [
        decision.kind,
        decision.line,
        decision.kind === 'duplicate' ? [decision.writtenAt, decision.sameContent] : null,
      ]),
      [
        ['duplicate', 2, [14, false]],
        ['write', 6, null],
        // The same file on a case-insensitive file system, where writing both would replace one.
        ['duplicate', 10, [14, true]],
        ['write', 14, null],
      ],
    );
  });

  it('gives back the content with the line ending that followed it', () => {
    for (const [text, content] of [
      ['[A]: x\n<<<FILE a\nline 1\nline 2\nFILE>>>\n', 'line 1\nline 2\n'],
      ['[A]: x\r\n<<<FILE a\r\nline 1\r\nFILE>>>\r\n', 'line 1\r\n'],
      ['[A]: x\n<<<FILE a\n\nFILE>>>', '\n'],
      ['[A]: x\n<<<FILE a\nFILE>>>', ''],
    ]) {
      const model = parseTranscript(text!);
      assert.equal(blockContent(model.text, model.turns.at(0)!.fileBlocks[0]!), content, JSON.stringify(text));
    }
  });
});

describe('extract: the output folder changed while extracting', () => {
  /** An output folder still to be made, and beside it a folder outside it with a file worth protecting. */
  function scene(): { out: string; outside: string } {
    const dir = tempDir();
    const outside = join(dir, 'outside');
    mkdirSync(join(outside, 'b'), { recursive: true });
    writeFileSync(join(outside, 'victim.txt'), 'original');
    return { out: join(dir, 'out'), outside };
  }

  /** Runs `transcript extract` in this process, so that `interleave` plays another process between its steps. */
  async function extractHere(out: string, path: string, interleave: Interleave, force = false): Promise<CliRun> {
    const input = join(tempDir(), 'chat.transcript');
    writeFileSync(input, transcriptOf([[path, 'pwned']]));
    const stdout = new PassThrough({ encoding: 'utf8' });
    const stderr = new PassThrough({ encoding: 'utf8' });
    const io = { stdout, stderr: stderr as unknown as NodeJS.WriteStream, stdin: Readable.from([]) };
    const status = await runExtract(
      { paths: [input], out, force, dryRun: false, stdinName: '<stdin>', maxBytes: DEFAULT_MAX_FILE_BYTES, interleave },
      io,
    );
    return { status, stdout: stdout.read() ?? '', stderr: stderr.read() ?? '' };
  }

  /** What another process could do: move `folder` aside and put a symbolic link to `target` in its place. */
  function swapForLink(folder: string, target: string): void {
    renameSync(folder, `${folder}.moved`);
    symlinkSync(target, folder);
  }

  /** The run's report with the two folders named OUT and OUTSIDE. */
  function report(run: CliRun, out: string, outside: string): string[] {
    return run.stdout.replaceAll(realpathSync(outside), 'OUTSIDE').replaceAll(out, 'OUT').trimEnd().split('\n');
  }

  /** Every file and folder under `outside`, relative, sorted, with each file's content. */
  function contentsOf(outside: string): string[] {
    return readdirSync(outside, { recursive: true, encoding: 'utf8' })
      .map((path) =>
        lstatSync(join(outside, path)).isFile() ? `${path}: ${readFileSync(join(outside, path), 'utf8')}` : path,
      )
      .sort();
  }

  it('refuses a file whose folder on the way is swapped for a link leading out after it is made', async () => {
    const { out, outside } = scene();
    const run = await extractHere(out, 'a/b/c.txt', {
      afterFolder: (folder) => {
        if (folder === join(out, 'a')) swapForLink(folder, outside);
      },
    });
    assert.deepEqual(contentsOf(outside), ['b', 'victim.txt: original']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(report(run, out, outside), [
      'refused line 2 `a/b/c.txt`: OUT/a changed while extracting: it now leads to OUTSIDE, outside OUT',
      '0 files written, 1 refused.',
    ]);
  });

  it('refuses a file whose own folder is swapped for a link leading out right before the open', async () => {
    const { out, outside } = scene();
    const run = await extractHere(out, 'a/b/c.txt', { beforeOpen: () => swapForLink(join(out, 'a', 'b'), outside) });
    assert.deepEqual(contentsOf(outside), ['b', 'victim.txt: original']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(report(run, out, outside), [
      'refused line 2 `a/b/c.txt`: OUT/a/b changed while extracting: it now leads to OUTSIDE, outside OUT',
      '0 files written, 1 refused.',
    ]);
  });

  it('refuses a file whose folder, there before the run, is swapped for a link leading out', async () => {
    const { out, outside } = scene();
    mkdirSync(join(out, 'a'), { recursive: true });
    writeFileSync(join(out, 'a', 'keep.txt'), 'kept');
    const run = await extractHere(out, 'a/c.txt', { afterFolder: (folder) => swapForLink(folder, outside) });
    assert.deepEqual(contentsOf(outside), ['b', 'victim.txt: original']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(report(run, out, outside), [
      'refused line 2 `a/c.txt`: OUT/a changed while extracting: it now leads to OUTSIDE, outside OUT',
      '0 files written, 1 refused.',
    ]);
    assert.deepEqual(filesUnder(join(out, 'a.moved')), ['keep.txt']);
  });

  for (const force of [false, true]) {
    it(`never writes through a symbolic link put at the file's name right before the open${force ? ', even with --force' : ''}`, async () => {
      const { out, outside } = scene();
      const run = await extractHere(
        out,
        'a/c.txt',
        { beforeOpen: (file) => symlinkSync(join(outside, 'victim.txt'), file) },
        force,
      );
      assert.deepEqual(contentsOf(outside), ['b', 'victim.txt: original']);
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(report(run, out, outside), [
        'refused line 2 `a/c.txt`: OUT/a/c.txt is a symbolic link; it is never written through',
        '0 files written, 1 refused.',
      ]);
    });
  }

  it("never writes, even with --force, through a hard link put at the file's name right before the open", async () => {
    const { out, outside } = scene();
    const run = await extractHere(
      out,
      'a/c.txt',
      { beforeOpen: (file) => linkSync(join(outside, 'victim.txt'), file) },
      true,
    );
    assert.deepEqual(contentsOf(outside), ['b', 'victim.txt: original']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(report(run, out, outside), [
      'refused line 2 `a/c.txt`: OUT/a/c.txt has 2 names (hard links); writing it would change the others too',
      '0 files written, 1 refused.',
    ]);
  });

  it('stops between the steps of a write in order, each folder on the way and then the open', async () => {
    const { out } = scene();
    const steps: string[] = [];
    const run = await extractHere(out, 'a/b/c.txt', {
      afterFolder: (folder) => steps.push(`folder ${relative(out, folder)}`),
      beforeOpen: (file) => steps.push(`open ${relative(out, file)}`),
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(steps, ['folder a', `folder ${join('a', 'b')}`, `open ${join('a', 'b', 'c.txt')}`]);
    assert.equal(readFileSync(join(out, 'a', 'b', 'c.txt'), 'utf8'), 'pwned\n');
  });
});

describe('transcript extract', () => {
  const TRANSCRIPT = [
    '[A]: Here are the files:',
    '<<<FILE src/app.py',
    'print("你好")',
    'FILE>>>',
    '<<<FILE ../escape.txt',
    'pwned',
    'FILE>>>',
    '[B]: A revision:',
    '<<<FILE src/app.py',
    'print("hello")',
    'FILE>>>',
    '<<<FILE README.md',
    '# Demo',
    'FILE>>>',
    '<<<FILE never-closed.txt',
    'half',
    '[A]: done',
    '',
  ].join('\n');

  function setUp(): { dir: string; out: string; input: string } {
    const dir = tempDir();
    const input = join(dir, 'chat.transcript');
    writeFileSync(input, TRANSCRIPT);
    return { dir, out: join(dir, 'out'), input };
  }

  it('writes the safe blocks, reports the rest, and exits 1 when one was refused', () => {
    const { dir, out, input } = setUp();
    const run = runCli(['extract', input, '--out', out]);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(run.stdout.replaceAll(out, 'OUT').trimEnd().split('\n'), [
      'duplicate line 2 `src/app.py`: superseded by the block at line 9 (different content)',
      'refused line 5 `../escape.txt`: a `..` segment',
      'wrote OUT/src/app.py (1 line) from line 9',
      'wrote OUT/README.md (1 line) from line 12',
      'refused line 15 `never-closed.txt`: the block is never closed, so where its content ends is a guess',
      '2 files written, 2 refused, 1 duplicate.',
    ]);
    assert.deepEqual(filesUnder(out), ['README.md', join('src', 'app.py')]);
    assert.equal(readFileSync(join(out, 'src', 'app.py'), 'utf8'), 'print("hello")\n');
    assert.equal(existsSync(join(dir, 'escape.txt')), false);
  });

  it('exits 0 when every block is written', () => {
    const dir = tempDir();
    const run = runCli(['extract', '-', '-o', 'out'], { cwd: dir, input: '[A]: x\n<<<FILE a/b.txt\nb\nFILE>>>\n' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `wrote ${join('out', 'a', 'b.txt')} (1 line) from line 2\n1 file written, 0 refused.\n`);
    assert.equal(readFileSync(join(dir, 'out', 'a', 'b.txt'), 'utf8'), 'b\n');
  });

  it('never overwrites a file without --force', () => {
    const { out, input } = setUp();
    mkdirSync(join(out, 'src'), { recursive: true });
    writeFileSync(join(out, 'src', 'app.py'), 'mine');
    const refused = runCli(['extract', input, '--out', out]);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /refused line 9 `src\/app.py`: .*app\.py exists \(use --force to overwrite it\)/);
    assert.equal(readFileSync(join(out, 'src', 'app.py'), 'utf8'), 'mine');
  });

  it('overwrites a file with --force', () => {
    const { out, input } = setUp();
    mkdirSync(join(out, 'src'), { recursive: true });
    writeFileSync(join(out, 'src', 'app.py'), 'mine');
    const forced = runCli(['extract', input, '--out', out, '--force']);
    assert.match(forced.stdout, /wrote .*app\.py \(1 line\) from line 9/);
    assert.equal(readFileSync(join(out, 'src', 'app.py'), 'utf8'), 'print("hello")\n');
  });

  it('only lists what it would write with --dry-run', () => {
    const { out, input } = setUp();
    const run = runCli(['extract', input, '--out', out, '--dry-run']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^would write .*app\.py \(1 line\) from line 9$/m);
    assert.match(run.stdout, /Dry run: 2 files would be written, 2 refused, 1 duplicate\.\n$/);
    assert.equal(existsSync(out), false);
  });

  it('writes nothing outside the output folder, whatever the transcript says', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const outside = join(dir, 'outside');
    mkdirSync(out);
    mkdirSync(outside);
    symlinkSync(outside, join(out, 'link'));
    const paths = [
      ...HOSTILE.map(([path]) => path).filter((path) => !/[\0\n]/.test(path) && path.trim() === path && path !== ''),
      'link/pwned.txt',
    ];
    writeFileSync(join(dir, 'hostile.transcript'), transcriptOf(paths.map((path) => [path, 'pwned'])));
    const run = runCli(['extract', 'hostile.transcript', '--out', 'out', '--force'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stdout, new RegExp(`^0 files written, ${paths.length} refused\\.$`, 'm'));
    assert.deepEqual(filesUnder(outside), []);
    assert.deepEqual(
      filesUnder(dir).map((path) => relative(dir, join(dir, path))),
      ['hostile.transcript', join('out', 'link')],
    );
  });

  it('extracts each transcript of several files and folders in turn, under its path, into the one folder', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'a.transcript'), '[A]: x\n<<<FILE a.txt\na\nFILE>>>\n');
    writeFileSync(join(dir, 'more', 'b.txt'), '[B]: y\n<<<FILE sub/b.txt\nb\nFILE>>>\n');
    writeFileSync(join(dir, 'more', 'notes.txt'), 'not a transcript\n');
    const run = runCli(['extract', 'a.transcript', 'more', '--out', 'out'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.split('\n'), [
      'a.transcript',
      `wrote ${join('out', 'a.txt')} (1 line) from line 2`,
      '1 file written, 0 refused.',
      '',
      join('more', 'b.txt'),
      `wrote ${join('out', 'sub', 'b.txt')} (1 line) from line 2`,
      '1 file written, 0 refused.',
      '',
      '2 transcripts: 2 files written, 0 refused.',
      '',
    ]);
    assert.deepEqual(filesUnder(join(dir, 'out')), ['a.txt', join('sub', 'b.txt')]);
  });

  it('refuses, even with --force, a file that an earlier transcript of the run wrote', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'first.transcript'), '[A]: x\n<<<FILE same.txt\nfirst\nFILE>>>\n');
    writeFileSync(join(dir, 'second.transcript'), '[A]: x\n<<<FILE Same.txt\nsecond\nFILE>>>\n');
    const run = runCli(['extract', 'first.transcript', 'second.transcript', '--out', 'out', '--force'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^refused line 2 \`Same\\.txt\`: ${join('out', 'Same.txt').replace(/\\/g, '\\\\')} is written from first\\.transcript already$`,
        'm',
      ),
    );
    assert.match(run.stdout, /^2 transcripts: 1 file written, 1 refused\.$/m);
    assert.equal(readFileSync(join(dir, 'out', 'same.txt'), 'utf8'), 'first\n');
  });

  it('extracts the others and exits 2 when one of several paths cannot be read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.transcript'), '[A]: x\n<<<FILE a.txt\na\nFILE>>>\n');
    const run = runCli(['extract', 'a.transcript', 'gone.transcript', '--out', 'out'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read gone\.transcript: no such file or directory/);
    assert.equal(readFileSync(join(dir, 'out', 'a.txt'), 'utf8'), 'a\n');
  });

  it('refuses binary input and a missing file with exit 2, naming them', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x00, 0x01]));
    const binary = runCli(['extract', 'bin.txt', '--out', 'out'], { cwd: dir });
    assert.equal(binary.status, 2);
    assert.equal(binary.stderr, 'transcript: not a transcript: bin.txt: binary file (NUL byte at offset 0)\n');
    const missing = runCli(['extract', 'gone.txt', '--out', 'out'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'transcript: cannot read: gone.txt: no such file or directory\n');
    assert.equal(runCli(['extract', 'gone.txt'], { cwd: dir }).status, 2, '--out is required');
    writeFileSync(join(dir, 'a-file'), '');
    const notFolder = runCli(['extract', '-', '--out', 'a-file'], { cwd: dir, input: '[A]: x' });
    assert.equal(notFolder.status, 2);
    assert.equal(notFolder.stderr, 'transcript: cannot write to a-file: it is not a folder\n');
  });
});
