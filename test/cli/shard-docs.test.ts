import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, ROOT, runCli, tempDir } from './helpers';

/** The fenced blocks of docs/cli.md whose first line runs `first` (`parallel`), as the page shows them. */
function blocksStartingWith(markdown: string, first: string): string[] {
  const blocks: string[] = [];
  const lines = markdown.split('\n');
  for (let at = 0; at < lines.length; at++) {
    if (lines[at] !== '```' || !lines[at + 1]?.startsWith(`${first} `)) continue;
    let end = at + 1;
    while (lines[end] !== '```') end++;
    blocks.push(lines.slice(at + 1, end).join('\n'));
    at = end;
  }
  return blocks;
}

const missing = ['parallel', 'jq'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const skip = missing.length ? `${missing.join(' and ')} not installed (apt-get install -y parallel jq)` : false;

describe('the sharded run of docs/cli.md, with GNU parallel and jq', { skip }, () => {
  const blocks = blocksStartingWith(readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8'), 'parallel');
  const dir = tempDir('transcript-shards-');
  // `transcript` on the PATH, as an installed CLI is; a HOME of its own for parallel's notes to itself.
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'transcript'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'transcript'), 0o755);
  const work = join(dir, 'work');
  mkdirSync(join(work, 'data', 'deep'), { recursive: true });
  for (let index = 0; index < 30; index++) {
    const text = index % 4 === 0 ? `[A]: ${index}\nFILE>>>\n<<<FILE\n` : `[A]: ${index}\n[B]: ok\n`;
    writeFileSync(join(work, 'data', index % 3 ? '' : 'deep', `${index}.transcript`), text);
  }
  writeFileSync(join(work, 'data', 'binary.transcript'), Buffer.from([0, 1, 2]));
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: dir, CI: 'true' };
  // As a user types it: without `set -e`, since parallel exits with the number of parts that found errors.
  const shell = (script: string): void => {
    const run = spawnSync('bash', ['-c', script], { cwd: work, env, encoding: 'utf8' });
    assert.equal(run.status, 0, `${script}\n${run.stderr}`);
  };
  const whole = (format: string): unknown =>
    JSON.parse(runCli(['check', 'data/', '--format', format], { cwd: work }).stdout);
  const byPath = <T extends { path: string }>(items: T[]): T[] =>
    [...items].sort((a, b) => a.path.localeCompare(b.path));

  it('finds both examples on the page', () => {
    assert.equal(blocks.length, 2);
  });

  it('merges the JSON reports of four parts into the report of one run, but for the order of files', () => {
    shell(blocks[0]!);
    type Report = {
      files: { path: string }[];
      skipped: { path: string }[];
      failed: { path: string }[];
      summary: unknown;
    };
    const merged = JSON.parse(readFileSync(join(work, 'check.json'), 'utf8')) as Report;
    const one = whole('json') as Report;
    assert.deepEqual(merged.summary, one.summary);
    assert.deepEqual(byPath(merged.files), byPath(one.files));
    assert.deepEqual(byPath(merged.skipped), byPath(one.skipped));
    assert.deepEqual(merged.failed, one.failed);
    assert.ok(one.files.length === 30 && one.skipped.length === 1, 'the run has files, problems and a skipped file');
  });

  it('merges the SARIF logs of four parts into one run with every result', () => {
    shell(blocks[1]!);
    type Log = { runs: { results: unknown[]; invocations: unknown[] }[] };
    const merged = JSON.parse(readFileSync(join(work, 'check.sarif'), 'utf8')) as Log;
    const one = whole('sarif') as Log;
    assert.equal(merged.runs.length, 1);
    const sorted = (results: unknown[]): string[] => results.map((result) => JSON.stringify(result)).sort();
    assert.deepEqual(sorted(merged.runs[0]!.results), sorted(one.runs[0]!.results));
    assert.ok(one.runs[0]!.results.length > 0);
    assert.equal(merged.runs[0]!.invocations.length, 4);
  });
});
