import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { printable } from '../../src/cli/printable';
import { runCli, tempDir } from './helpers';

/** Everything a terminal acts on rather than prints, and the bidirectional controls. */
// eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A transcript that tries to set the window title, erase the line before it and reorder a path. */
const HOSTILE = [
  '[Eve\u001bc\u0007\u009b2J]: hello \u009b2K there',
  '<<<FILE evil\u001b[2K\u001b[1A.py',
  'x',
  'FILE>>>',
  '<<<FILE name\u202etxt.exe',
  'y',
  'FILE>>>',
  '[Bob]: hi\u001b[31m red',
  '',
].join('\n');

function hostileFile(): string {
  const dir = tempDir();
  const path = join(dir, 'hostile.transcript');
  writeFileSync(path, HOSTILE);
  return path;
}

describe('printable', () => {
  it('shows C0 controls as \\x escapes and line breaks as \\n', () => {
    assert.equal(printable('a\u001b]0;t\u0007b\nc\rd\te\u007f'), 'a\\x1b]0;t\\x07b\\nc\\rd\\te\\x7f');
  });

  it('shows C1 and bidirectional controls as \\u escapes', () => {
    assert.equal(printable('a\u009b2Kb\u202ec\u2066d'), 'a\\u009b2Kb\\u202ec\\u2066d');
  });

  it('leaves CJK, emoji and joined emoji as they are', () => {
    const text = '用户 😀 👨\u200d👩\u200d👧 ok';
    assert.equal(printable(text), text);
  });
});

describe('human-readable output of hostile text', () => {
  it('check prints no raw control character', () => {
    const run = runCli(['check', hostileFile()]);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assert.match(run.stdout, /evil\\x1b\[2K\\x1b\[1A\.py/);
  });

  it('check keeps one line per problem when a path holds a line break', () => {
    const run = runCli(['check', '-'], { input: '[A]: x\n<<<FILE a\u0085b\r.py\n1\nFILE>>>\n' });
    const problemLines = run.stdout.split('\n').filter((line) => line.startsWith('<stdin>:'));
    assert.equal(problemLines.length, 1, run.stdout);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
  });

  it('outline prints no raw control character', () => {
    const run = runCli(['outline', hostileFile()]);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assert.match(run.stdout, /Eve\\x1bc\\x07\\u009b2J/);
  });

  it('stats prints no raw control character', () => {
    const run = runCli(['stats', hostileFile()]);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
  });

  it('extract prints no raw control character in what it refuses', () => {
    const run = runCli(['extract', hostileFile(), '--out', join(tempDir(), 'out')]);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assert.match(run.stdout, /refused line 5 `name\\u202etxt\.exe`/);
  });

  it('an error naming a hostile path prints no raw control character', () => {
    const run = runCli(['check', 'missing\u001b]0;pwned\u0007.txt']);
    assert.equal(run.status, 2);
    assert.doesNotMatch(run.stderr, RAW_CONTROL);
    assert.match(run.stderr, /missing\\x1b\]0;pwned\\x07\.txt/);
  });

  it('JSON keeps the exact strings', () => {
    const run = runCli(['outline', hostileFile(), '--json']);
    const outline = JSON.parse(run.stdout) as { turns: Array<{ speaker: string; files: Array<{ path: string }> }> };
    assert.equal(outline.turns[0]!.speaker, 'Eve\u001bc\u0007\u009b2J');
    assert.equal(outline.turns[0]!.files[0]!.path, 'evil\u001b[2K\u001b[1A.py');
  });
});
