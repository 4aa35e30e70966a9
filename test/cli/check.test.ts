import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { problems } from '../../src/core/diagnostics';
import { problemMessage } from '../../src/core/messages';
import { ENGLISH } from '../../src/core/messages-en';
import { parseTranscript } from '../../src/core/parse';
import { checkText } from '../../src/cli/analysis';
import { FIXTURES, ROOT, runCli, startCli, tempDir } from './helpers';

const PROBLEMS = join('test', 'fixtures', 'cli', 'problems.transcript');
const CLEAN = join('test', 'fixtures', 'cli', 'clean.transcript');
const WARNINGS = join('test', 'fixtures', 'cli', 'warnings.txt');
/** What editors' problem matchers read: `path:line:column: severity code message`. */
const LINE = /^(.+):(\d+):(\d+): (error|warning|info|hint) (\S+) (.+)$/;

/** The schema errors of a SARIF log; none when it is valid. */
function sarifErrors(log: unknown): unknown[] {
  // The SARIF 2.1.0 schema (rtm.5, the one SchemaStore serves) is draft-04, hence ajv-draft-04. One of
  // its patterns has a stray `]` that only the legacy (non-`u`) regular expression syntax accepts.
  const schema = JSON.parse(readFileSync(join(__dirname, 'sarif-schema-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : validate.errors!;
}

function validateSarif(log: unknown): void {
  assert.deepEqual(sarifErrors(log), []);
}

describe('transcript check', () => {
  it('exits 0 with a summary and no diagnostic lines on clean files', () => {
    const run = runCli(['check', 'seeds', CLEAN]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '3 files checked: no problems.\n');
    assert.equal(run.stderr, '');
  });

  it('prints one problem-matcher line per diagnostic and exits 1 on errors', () => {
    const run = runCli(['check', PROBLEMS]);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.pop(), '1 file checked: 1 error, 2 warnings.');
    assert.deepEqual(
      lines.map((line) => LINE.exec(line)!.slice(1, 6)),
      [
        [PROBLEMS, '2', '9', 'warning', 'file-block/unsafe-path'],
        [PROBLEMS, '6', '1', 'error', 'file-block/stray-closer'],
        [PROBLEMS, '7', '1', 'warning', 'turn/malformed-speaker-tag'],
      ],
    );
  });

  it('reports exactly the core problems, 1-based', () => {
    const text = readFileSync(join(ROOT, PROBLEMS), 'utf8');
    const model = parseTranscript(text);
    const expected = problems(model).map((problem) => {
      const start = model.lines.positionAt(problem.span.start);
      return [start.line + 1, start.character + 1, problem.code, problemMessage(ENGLISH, problem)];
    });
    assert.deepEqual(
      checkText(text).map((d) => [d.line, d.column, d.code, d.message]),
      expected,
    );
  });

  it('counts columns in UTF-16 code units, as VS Code does', () => {
    const [unsafe] = JSON.parse(runCli(['check', PROBLEMS, '--format', 'json']).stdout).files[0].diagnostics;
    // `😀/../x.py` is 10 UTF-16 code units (9 code points) starting at column 9.
    assert.deepEqual([unsafe.column, unsafe.endColumn], [9, 9 + '😀/../x.py'.length]);
  });

  it('names severities as problem matchers expect, information as `info`', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.transcript'), '[A]: x\n<<<FILE a\nFILE>>>\n');
    const run = runCli(['check', 'a.transcript'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^a\.transcript:2:1: info file-block\/empty /m);
    assert.match(run.stdout, /1 file checked: 0 errors, 0 warnings, 1 info\.\n$/);
  });

  it('writes a JSON report with every file, the totals and related places', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dup.transcript'), '[A]: x\n<<<FILE a\n1\nFILE>>>\n[B]: y\n<<<FILE a\n2\nFILE>>>\n');
    const run = runCli(['check', '--format', 'json', 'dup.transcript', join(ROOT, CLEAN)], { cwd: dir });
    assert.equal(run.status, 0);
    const report = JSON.parse(run.stdout);
    assert.equal(report.tool.name, 'transcript');
    assert.deepEqual(
      report.files.map((file: { path: string }) => file.path),
      ['dup.transcript', join(ROOT, CLEAN)],
    );
    assert.deepEqual(report.files[0].diagnostics, [
      {
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 10,
        severity: 'information',
        code: 'file-block/duplicate-path',
        message: '`a` was given before with different content; extracting writes only the last one.',
        related: [{ line: 2, column: 9, endLine: 2, endColumn: 10, message: 'The first `a`' }],
      },
    ]);
    assert.deepEqual(report.summary, {
      files: 2,
      errors: 0,
      warnings: 0,
      information: 1,
      hints: 0,
      skipped: 0,
      failed: 0,
    });
  });

  it('writes SARIF 2.1.0 that validates against the schema, with paths relative to the working folder', () => {
    const run = runCli(['check', '--format', 'sarif', PROBLEMS, WARNINGS]);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout);
    validateSarif(log);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
    assert.equal(sarifRun.results.length, 4);
    const stray = sarifRun.results.find((result: { ruleId: string }) => result.ruleId === 'file-block/stray-closer');
    assert.equal(stray.level, 'error');
    assert.equal(sarifRun.tool.driver.rules[stray.ruleIndex].id, 'file-block/stray-closer');
    assert.deepEqual(stray.locations[0].physicalLocation, {
      artifactLocation: { uri: 'test/fixtures/cli/problems.transcript', uriBaseId: '%SRCROOT%' },
      region: { startLine: 6, startColumn: 1, endLine: 6, endColumn: 8 },
    });
    assert.equal(sarifRun.invocations[0].executionSuccessful, true);
    // The validator does catch a broken log.
    stray.level = 'fatal';
    assert.notDeepEqual(sarifErrors(log), []);
  });

  it('puts related places, skipped and unreadable files in valid SARIF too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dup file.txt'), '[A]: x\n<<<FILE a\n1\nFILE>>>\n[B]: y\n<<<FILE a\n2\nFILE>>>\n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x5b, 0x41, 0x5d, 0x3a, 0x00]));
    const run = runCli(['check', '--format', 'sarif', '.', 'missing.txt'], { cwd: dir });
    assert.equal(run.status, 2);
    const log = JSON.parse(run.stdout);
    validateSarif(log);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.results[0].locations[0].physicalLocation.artifactLocation.uri, 'dup%20file.txt');
    assert.equal(sarifRun.results[0].relatedLocations[0].physicalLocation.region.startLine, 2);
    assert.deepEqual(
      sarifRun.invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => [
        n.level,
        n.message.text,
      ]),
      [
        ['warning', 'Skipped binary.txt: binary file (NUL byte at offset 4)'],
        ['error', 'Could not read missing.txt: no such file or directory'],
      ],
    );
    assert.equal(sarifRun.invocations[0].executionSuccessful, false);
  });

  it('fails on more warnings than --max-warnings, as ESLint does', () => {
    assert.equal(runCli(['check', WARNINGS]).status, 0);
    assert.equal(runCli(['check', WARNINGS, '--max-warnings', '1']).status, 0);
    const over = runCli(['check', WARNINGS, '--max-warnings', '0']);
    assert.equal(over.status, 1);
    assert.match(over.stdout, /Too many warnings: 1, more than --max-warnings 0 allows\.\n$/);
    // With a machine format, standard output stays one JSON document and the complaint goes to stderr.
    const json = runCli(['check', WARNINGS, '--max-warnings', '0', '--format', 'json']);
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout).summary.warnings, 1);
    assert.match(json.stderr, /Too many warnings/);
  });

  it('reads standard input for -, under --stdin-filename if given', () => {
    const input = 'title\n[A]: hi\nFILE>>>\n';
    const run = runCli(['check', '-'], { input });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^<stdin>:1:1: warning turn\/text-before-first-turn /);
    assert.match(run.stdout, /^<stdin>:3:1: error file-block\/stray-closer /m);
    const named = runCli(['check', '-', '--stdin-filename', 'chat.transcript'], { input });
    assert.match(named.stdout, /^chat\.transcript:1:1: /);
  });

  it('does not count a leading byte order mark in columns', () => {
    const run = runCli(['check', '-'], {
      input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[A]：x\n')]),
    });
    assert.match(run.stdout, /^<stdin>:1:1: warning turn\/malformed-speaker-tag /m);
  });

  it('skips binary, UTF-16 and non-UTF-8 files with a clear reason, without failing the run', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.txt'), '[A]: fine\n');
    writeFileSync(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('[A]: caf\xe9\n', 'latin1'));
    writeFileSync(join(dir, 'utf16.txt'), Buffer.from('\ufeff[A]: hi\n', 'utf16le'));
    writeFileSync(join(dir, 'truncated.txt'), Buffer.from([...Buffer.from('[A]: 你'), 0xe5, 0xa5]));
    const run = runCli(['check', '.'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '1 file checked: no problems. 4 skipped (binary, not UTF-8, too large or not a file).\n');
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      'transcript: skipped image.txt: binary file (NUL byte at offset 4)',
      'transcript: skipped latin1.txt: not UTF-8 (invalid byte at offset 8)',
      'transcript: skipped truncated.txt: not UTF-8 (invalid byte at offset 8)',
      'transcript: skipped utf16.txt: UTF-16 text; convert it to UTF-8',
    ]);
  });

  it('names a missing path and exits 2, still checking the others', () => {
    const run = runCli(['check', 'no/such/file.txt', PROBLEMS]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'transcript: cannot read no/such/file.txt: no such file or directory\n');
    assert.match(run.stdout, /1 file checked: 1 error, 2 warnings\. 1 could not be read\.\n$/);
  });

  it('exits 2 when a folder holds no transcripts, saying what it looked for', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.md'), '[A]: hi\n');
    const run = runCli(['check', dir]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no transcripts found in .* \(looked for \*\.transcript, \*\.txt; see --glob\)/);
  });

  const scanned = (run: { stdout: string }) => JSON.parse(run.stdout).files.map((file: { path: string }) => file.path);
  const SCANNED = join('test', 'fixtures', 'cli');

  it('scans folders for *.transcript and *.txt files', () => {
    // warnings.txt starts with a title, not a speaker line: a folder search passes it over, a --glob reads it.
    assert.deepEqual(scanned(runCli(['check', SCANNED, '-f', 'json'])), [CLEAN, PROBLEMS]);
  });

  it('scans folders for what --glob says instead', () => {
    assert.deepEqual(scanned(runCli(['check', SCANNED, '-f', 'json', '--glob', '*.txt'])), [WARNINGS]);
    assert.deepEqual(scanned(runCli(['check', SCANNED, '-f', 'json', '--glob', '*.md'])), [join(SCANNED, 'notes.md')]);
  });

  it('leaves out of a folder scan what --ignore says', () => {
    assert.deepEqual(scanned(runCli(['check', SCANNED, '-f', 'json', '--ignore', 'clean.*'])), [PROBLEMS]);
  });

  it('leaves out of a folder scan what the --ignore-file lists', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitignore'), '# generated\nproblems.*\n');
    assert.deepEqual(scanned(runCli(['check', SCANNED, '-f', 'json', '--ignore-file', join(dir, '.gitignore')])), [
      CLEAN,
    ]);
  });

  it('gives the same report from worker threads as from one thread, in the same order', () => {
    const dir = tempDir();
    const names = ['clean.transcript', 'problems.transcript', 'warnings.txt'];
    for (let index = 0; index < 60; index++) {
      const shard = join(dir, `shard-${index % 3}`);
      mkdirSync(shard, { recursive: true });
      // As .transcript: a folder search passes over a .txt whose first line is not a speaker line.
      const name = names[index % 3]!;
      copyFileSync(
        join(FIXTURES, name),
        join(shard, `${String(index).padStart(2, '0')}-${name.replace(/\.txt$/, '.transcript')}`),
      );
    }
    const single = runCli(['check', '.', '--jobs', '1'], { cwd: dir });
    const threaded = runCli(['check', '.', '--jobs', '2'], { cwd: dir });
    const automatic = runCli(['check', '.'], { cwd: dir });
    assert.equal(single.status, 1);
    assert.match(single.stdout, /60 files checked: 20 errors, 60 warnings\.\n$/);
    assert.equal(threaded.stdout, single.stdout);
    assert.equal(automatic.stdout, single.stdout);
    assert.equal(threaded.status, single.status);
  });

  it('exits 2 on usage errors, pointing at the help', () => {
    for (const args of [
      ['check'],
      ['check', 'x', '--format', 'xml'],
      ['check', 'x', '--max-warnings', 'many'],
      ['check', 'x', '--nope'],
      ['lint', 'x'],
    ]) {
      const run = runCli(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^transcript: /, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    }
    assert.match(
      runCli(['check', 'x', '--format', 'xml']).stderr,
      /--format must be one of text, json, sarif, not `xml`\nRun `transcript check --help` for usage\.\n/,
    );
  });

  it('prints help and the version', () => {
    const help = runCli(['check', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: transcript check/);
    assert.match(runCli(['--help']).stdout, /Commands:\n {2}check/);
    const version = runCli(['--version']);
    assert.equal(version.stdout, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    assert.equal(runCli([]).status, 2);
  });

  it('stops cleanly with exit status 130 on Ctrl-C', async () => {
    // Standard input is never closed, so the run cannot end on its own: it waits on `-` after printing
    // the file's problems, which tells the test that the command is under way.
    const child = startCli(['check', PROBLEMS, '-']);
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (code, signal) => resolve([code, signal])),
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGINT');
    assert.deepEqual(await exited, [130, null]);
  });
});
