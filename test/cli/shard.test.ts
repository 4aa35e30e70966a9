import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inShard } from '../../src/cli/files';
import { runCli, tempDir } from './helpers';

const checkedPaths = (args: readonly string[], cwd: string): string[] => {
  const run = runCli(['check', ...args, '-f', 'json'], { cwd });
  assert.notEqual(run.status, 2, run.stderr);
  return (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
};

describe('--shard', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'data', 'deep'), { recursive: true });
  const all: string[] = [];
  for (let index = 0; index < 40; index++) {
    const path = join('data', index % 3 ? '' : 'deep', `${index}.transcript`);
    writeFileSync(join(dir, path), `[A]: ${index}\n`);
    all.push(path);
  }

  it('splits the files into parts that do not overlap and together are all of them', () => {
    for (const count of [1, 2, 3, 5]) {
      const parts = Array.from({ length: count }, (_, index) =>
        checkedPaths(['data', '--shard', `${index + 1}/${count}`], dir),
      );
      assert.deepEqual(parts.flat().sort(), [...all].sort(), `${count} shards`);
      if (count > 1)
        assert.ok(
          parts.every((part) => part.length < all.length),
          `${count} shards: one has every file`,
        );
    }
  });

  it('decides by the FNV-1a hash of the path as given, the same on every machine', () => {
    // FNV-1a 32 of `a` is 0xe40c292c, which is 0 modulo 4.
    assert.equal(inShard('a', { index: 1, count: 4 }), true);
    assert.equal(inShard('a', { index: 2, count: 4 }), false);
    assert.equal(inShard('data\\x.txt', { index: 1, count: 7 }), inShard('data/x.txt', { index: 1, count: 7 }));
    for (let index = 1; index <= 7; index++)
      assert.equal(inShard('data\\x.txt', { index, count: 7 }), inShard('data/x.txt', { index, count: 7 }));
  });

  it('is not an error when a shard gets no file, but a scan that finds none still is', () => {
    writeFileSync(join(dir, 'one.transcript'), '[A]: x\n');
    const empty = [1, 2].map((index) => runCli(['check', 'one.transcript', '--shard', `${index}/2`], { cwd: dir }));
    assert.deepEqual(
      empty.map((run) => run.status),
      [0, 0],
    );
    assert.ok(empty.some((run) => run.stdout === '0 files checked: no problems.\n'));
    mkdirSync(join(dir, 'none'));
    assert.equal(runCli(['check', 'none', '--shard', '1/2'], { cwd: dir }).status, 2);
  });

  it('reads standard input in shard 1 only', () => {
    const first = runCli(['stats', '-', '--shard', '1/2', '--json'], { input: '[A]: hi\n' });
    const second = runCli(['stats', '-', '--shard', '2/2', '--json'], { input: '[A]: hi\n' });
    assert.equal((JSON.parse(first.stdout) as { total: { files: number } }).total.files, 1);
    assert.equal((JSON.parse(second.stdout) as { total: { files: number } }).total.files, 0);
  });

  it('applies to export and fix as to check', () => {
    const exported = [1, 2].map(
      (index) =>
        runCli(['export', 'data', '--shard', `${index}/2`], { cwd: dir })
          .stdout.split('\n')
          .filter(Boolean).length,
    );
    assert.equal(exported[0]! + exported[1]!, all.length);
    assert.ok(exported[0]! > 0 && exported[1]! > 0);
    const fixed = runCli(['fix', 'data', '--shard', '1/2'], { cwd: dir });
    assert.equal(fixed.status, 0, fixed.stderr);
  });

  it('rejects a shard that is not K/N with 1 ≤ K ≤ N', () => {
    for (const shard of ['0/2', '3/2', '1/0', '1', 'a/b']) {
      const run = runCli(['check', 'data', '--shard', shard], { cwd: dir });
      assert.equal(run.status, 2, shard);
      assert.match(run.stderr, /--shard takes K\/N/);
    }
  });
});
