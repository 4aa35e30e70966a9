import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './helpers';

/** A folder with two transcripts and a .txt of notes that does not start with a speaker line. */
function mixedFolder(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), '[A]: one two\n[B]: 三\n');
  writeFileSync(join(dir, 'b.transcript'), 'A preamble line\n[A]: four\n');
  writeFileSync(join(dir, 'notes.txt'), 'Shopping list\n[not]: a transcript\n');
  return dir;
}

/** The files `transcript stats --json` counted. */
function statsPaths(args: readonly string[], cwd: string): string[] {
  const run = runCli(['stats', '--json', ...args], { cwd });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
}

describe('which files the CLI reads as transcripts', () => {
  it('passes over a .txt found in a folder that does not start with a speaker line', () => {
    assert.deepEqual(statsPaths(['--jobs', '1', '.'], mixedFolder()), ['a.txt', 'b.transcript']);
  });

  it('passes over the same .txt when worker threads read the folder', () => {
    assert.deepEqual(statsPaths(['--jobs', '2', '.'], mixedFolder()), ['a.txt', 'b.transcript']);
  });

  it('says nothing of a .txt it passes over', () => {
    const run = runCli(['check', '.'], { cwd: mixedFolder() });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr.includes('notes.txt'), false, run.stderr);
  });

  it('reads a .txt named on the command line whatever its first line', () => {
    assert.deepEqual(statsPaths(['notes.txt'], mixedFolder()), ['notes.txt']);
  });

  it('reads every file a --glob matches whatever its first line', () => {
    assert.deepEqual(statsPaths(['--glob', '*.txt', '.'], mixedFolder()), ['a.txt', 'notes.txt']);
  });
});
