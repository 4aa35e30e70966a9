import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTranscript } from '../../src/core/parse';
import { fixAllEdits } from '../../src/core/quick-fixes';
import { lookAlikeText } from '../core/arbitraries';
import { runCli, tempDir } from './helpers';

const BROKEN =
  '[A]： hi\r\nx\r\nFILE>>>\r\n[B]: ok\r\n<<<file a.py\r\nprint()\r\nFILE>>>\r\n[A]: more\r\n```py\r\ncode';
const FIXED = '[A]: hi\r\nx\r\n[B]: ok\r\n<<<FILE a.py\r\nprint()\r\nFILE>>>\r\n[A]: more\r\n```py\r\ncode\r\n```';

/** The core's fix-all edits applied by the LSP library, as an editor applies them. */
function editorFixAll(text: string): string {
  const document = TextDocument.create('file:///x.transcript', 'transcript', 1, text);
  return TextDocument.applyEdits(document, fixAllEdits(parseTranscript(text)));
}

describe('transcript fix', () => {
  it('writes what the core fix-all edits make of each file, as an editor applies them', () => {
    const dir = tempDir();
    const texts = fc
      .sample(lookAlikeText, { numRuns: 60, seed: 7 })
      .filter((text) => !text.includes('\0') && !/[\ud800-\udfff]/.test(text) && !text.startsWith('\ufeff'));
    texts.forEach((text, index) => writeFileSync(join(dir, `${String(index).padStart(2, '0')}.transcript`), text));
    const run = runCli(['fix', dir]);
    assert.notEqual(run.status, 2, run.stderr);
    let changed = 0;
    texts.forEach((text, index) => {
      const fixed = readFileSync(join(dir, `${String(index).padStart(2, '0')}.transcript`), 'utf8');
      assert.equal(fixed, editorFixAll(text), JSON.stringify(text));
      if (fixed !== text) changed++;
    });
    assert.ok(changed > 5, `only ${changed} of ${texts.length} files needed a fix`);
  });

  it('keeps line ends, the byte order mark and the permissions, and says what it fixed', () => {
    const dir = tempDir();
    const path = join(dir, 'a.transcript');
    writeFileSync(path, `\ufeff${BROKEN}`);
    chmodSync(path, 0o640);
    const run = runCli(['fix', path]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(path, 'utf8'), `\ufeff${FIXED}`);
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.equal(run.stdout, `fixed ${path} (4 fixes)\n1 file fixed (4 fixes).\n`);
    assert.deepEqual(readdirSync(dir), ['a.transcript']);
  });

  it('leaves a file with nothing to fix untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'a.transcript');
    writeFileSync(path, '[A]: fine\n');
    const before = statSync(path);
    const run = runCli(['fix', path]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '0 files fixed (0 fixes).\n');
    assert.equal(statSync(path).ino, before.ino);
  });

  it('fixes the file a symbolic link names, and the link stays a link', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.transcript'), BROKEN);
    symlinkSync(join(dir, 'real.transcript'), join(dir, 'link.transcript'));
    assert.equal(runCli(['fix', join(dir, 'link.transcript')]).status, 0);
    assert.ok(lstatSync(join(dir, 'link.transcript')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real.transcript'), 'utf8'), FIXED);
  });

  it('prints a unified diff under --dry-run that patch applies to give the same file, and writes nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'a.transcript');
    writeFileSync(path, `\ufeff${BROKEN}\n1\n2\n3\n4\n5\n6\n7\n8\n[B]：end`);
    const run = runCli(['fix', '--dry-run', 'a.transcript'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(path, 'utf8'), `\ufeff${BROKEN}\n1\n2\n3\n4\n5\n6\n7\n8\n[B]：end`);
    assert.match(run.stdout, /^--- a\.transcript\n\+\+\+ a\.transcript\n@@ -1,8 \+1,7 @@\n/);
    assert.equal((run.stdout.match(/^@@ /gm) ?? []).length, 2);
    assert.equal(run.stderr, 'transcript: 1 file would be fixed (4 fixes).\n');
    writeFileSync(join(dir, 'p.diff'), run.stdout);
    const patch = spawnSync('patch', ['-s', '-o', 'patched', 'a.transcript', 'p.diff'], { cwd: dir, encoding: 'utf8' });
    assert.equal(patch.status, 0, patch.stderr + patch.stdout);
    assert.equal(runCli(['fix', 'a.transcript'], { cwd: dir }).status, 0);
    assert.equal(readFileSync(join(dir, 'patched'), 'utf8'), readFileSync(path, 'utf8'));
  });

  it('exits 1 when errors no safe fix removes are left, as check would', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.transcript'), '[A]: x\n<<<FILE\ny\nFILE>>>\n');
    const run = runCli(['fix', dir]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '0 files fixed (0 fixes); 1 with errors no safe fix removes (see transcript check).\n');
  });

  it('exits 2 for a path that does not exist, and fixes the others', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.transcript'), '[A]：x\n');
    const run = runCli(['fix', join(dir, 'missing.transcript'), join(dir, 'a.transcript')]);
    assert.equal(run.status, 2);
    assert.equal(readFileSync(join(dir, 'a.transcript'), 'utf8'), '[A]: x\n');
  });

  it('fixes standard input onto standard output, alone', () => {
    const run = runCli(['fix', '-'], { input: '[A]：x\r\nFILE>>>\r\n' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '[A]: x\r\n');
    const clean = runCli(['fix', '-'], { input: '[A]: x' });
    assert.equal(clean.stdout, '[A]: x');
    assert.equal(runCli(['fix', '-', 'a.transcript']).status, 2);
  });

  it('passes over a .txt in a folder that is not a transcript, as check does', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'Notes\nFILE>>>\n');
    assert.equal(runCli(['fix', dir]).status, 0);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'Notes\nFILE>>>\n');
  });

  it('fixes in worker threads with -j what it fixes in one thread, in the same order', () => {
    const texts = Array.from({ length: 40 }, (_, index) =>
      index % 3 === 0 ? `[A]： one ${index}\r\nFILE>>>\r\n[B]: two\r\n` : `[A]: clean ${index}\n`,
    );
    const [single, threaded] = [1, 2].map((jobs) => {
      const dir = tempDir();
      texts.forEach((text, index) => writeFileSync(join(dir, `${String(index).padStart(2, '0')}.transcript`), text));
      const run = runCli(['fix', '.', '-j', String(jobs)], { cwd: dir });
      const files = readdirSync(dir)
        .sort()
        .map((name) => readFileSync(join(dir, name), 'utf8'));
      return { run, files };
    });
    assert.equal(single!.run.status, 0, single!.run.stderr);
    assert.equal(threaded!.run.stdout, single!.run.stdout);
    assert.deepEqual(threaded!.files, single!.files);
    assert.equal(single!.files[0], '[A]: one 0\r\n[B]: two\r\n');
    assert.match(single!.run.stdout, /^fixed 00\.transcript \(2 fixes\)\n/);
    assert.match(single!.run.stdout, /14 files fixed \(28 fixes\)\.\n$/);
  });
});
