import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { refusalReasons } from '../../src/core/file-names';
import { runCli, tempDir } from './helpers';

/** Every spelling under which git, Mercurial, Subversion, Bazaar or darcs would find its own folder. */
const VERSION_CONTROL_PATHS = [
  '.git/config',
  '.git/HEAD',
  '.GIT/config',
  '.Git/hooks/pre-commit',
  'sub/.git/config',
  '.git./config',
  '.git /config',
  '.git. . /config',
  'git~1/config',
  'GIT~1/config',
  '.g\u200cit/config',
  '.gi\u200dt/config',
  '\ufeff.git/config',
  '.git\u206a/config',
  '.hg/hgrc',
  '.HG/hgrc',
  '.svn/entries',
  '.bzr/branch/branch.conf',
  '_darcs/prefs/defaults',
  '_DARCS/prefs/defaults',
];

const ORDINARY_DOTFILES = [
  '.gitignore',
  '.github/workflows/ci.yml',
  'src/.gitkeep',
  '.gitattributes',
  '.hgignore',
  'docs/.svnignore-notes.md',
  'git/config',
  'my.git/x',
];

/** Characters that can hide or reorder what a path says on a screen. */
const INVISIBLE_CONTROLS: Array<[string, RegExp]> = [
  ['evil\u202etxt.exe', /"\\u202e"/],
  ['a\u009bb.txt', /"\\u009b"/],
  ['a\u0085b.txt', /"\\u0085"/],
  ['a\u2066b.txt', /"\\u2066"/],
  ['a\u200fb.txt', /"\\u200f"/],
  ['a\u061cb.txt', /"\\u061c"/],
  ['a\u007fb.txt', /"\\u007f"/],
];

describe('extract paths', () => {
  it('refuses every spelling of a version-control folder', () => {
    for (const path of VERSION_CONTROL_PATHS) {
      assert.match(refusalReasons(path).join('; '), /version control/, JSON.stringify(path));
    }
  });

  it('allows ordinary dotfiles and names that only contain a version-control word', () => {
    for (const path of ORDINARY_DOTFILES) assert.deepEqual(refusalReasons(path), [], path);
  });

  it('refuses C1 and bidirectional controls, naming the character by its code', () => {
    for (const [path, reason] of INVISIBLE_CONTROLS)
      assert.match(refusalReasons(path).join('; '), reason, JSON.stringify(path));
  });

  it('allows emoji joined by zero-width joiners and CJK names', () => {
    for (const path of ['👨\u200d👩\u200d👧/家庭.md', '文件/说明.md']) assert.deepEqual(refusalReasons(path), [], path);
  });
});

describe('transcript extract and version-control metadata', () => {
  const attack = [
    '[Mallory]: here is my project',
    '<<<FILE .git/HEAD',
    'ref: refs/heads/main',
    'FILE>>>',
    '<<<FILE .git/config',
    '[core]',
    '\tfsmonitor = "touch pwned"',
    'FILE>>>',
    '<<<FILE .git/objects/.keep',
    'x',
    'FILE>>>',
    '<<<FILE .git/refs/.keep',
    'x',
    'FILE>>>',
    '<<<FILE .gitignore',
    'node_modules/',
    'FILE>>>',
    '',
  ].join('\n');

  it('writes no block under .git and refuses each on a line of its own', () => {
    const dir = tempDir();
    const input = join(dir, 'attack.transcript');
    writeFileSync(input, attack);
    const out = join(dir, 'out');
    const run = runCli(['extract', input, '--out', out]);
    assert.equal(run.status, 1, run.stderr);
    const refusals = run.stdout.split('\n').filter((line) => line.startsWith('refused'));
    assert.equal(refusals.length, 4, run.stdout);
    for (const line of refusals) assert.match(line, /`\.git` segment, which version control reads as its own metadata/);
    assert.match(run.stdout, /1 file written, 4 refused\./);
    assert.deepEqual(readdirSync(out), ['.gitignore']);
    assert.equal(existsSync(join(out, '.git')), false);
  });

  it('does not replace the config of a checkout even with --force', () => {
    const dir = tempDir();
    const input = join(dir, 'attack.transcript');
    writeFileSync(input, '[M]: x\n<<<FILE .git/config\n[core]\nFILE>>>\n');
    const checkout = join(dir, 'checkout');
    mkdirSync(join(checkout, '.git'), { recursive: true });
    writeFileSync(join(checkout, '.git', 'config'), 'original\n');
    const run = runCli(['extract', input, '--out', checkout, '--force']);
    assert.equal(run.status, 1, run.stdout);
    assert.equal(readFileSync(join(checkout, '.git', 'config'), 'utf8'), 'original\n');
  });

  it('check reports a version-control path as an unsafe path saying why', () => {
    const run = runCli(['check', '-'], { input: '[M]: x\n<<<FILE .Git./config\n[core]\nFILE>>>\n' });
    assert.match(
      run.stdout,
      /<stdin>:2:9: warning file-block\/unsafe-path The path `\.Git\.\/config` is not a safe relative path: it has a `\.git` segment, which version control reads as its own metadata/,
    );
  });

  it('check says nothing of a .github workflow', () => {
    const run = runCli(['check', '-'], { input: '[M]: x\n<<<FILE .github/workflows/ci.yml\non: push\nFILE>>>\n' });
    assert.equal(run.status, 0, run.stdout);
    assert.doesNotMatch(run.stdout, /unsafe-path/);
  });
});
