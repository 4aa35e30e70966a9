import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { executableMarkup } from '../support/html-safety';
import { ROOT, runCli, tempDir } from './helpers';

const CLEAN = join('test', 'fixtures', 'cli', 'clean.transcript');

/** The command of docs/cli.md's export example, exactly as written there. */
function documentedCommand(): string[] {
  const docs = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
  const line = /^transcript (export \S+ --format html --out \S+)$/m.exec(docs);
  assert.ok(line, 'docs/cli.md has an export example');
  return line[1]!.split(' ');
}

describe('transcript export --format html', () => {
  it('writes the page of the example in docs/cli.md', () => {
    const dir = tempDir();
    const args = documentedCommand();
    const source = readFileSync(join(ROOT, args[1]!), 'utf8');
    writeFileSync(join(dir, 'input.transcript'), source);
    args[1] = 'input.transcript';
    const run = runCli(args, { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    const html = readFileSync(join(dir, args[args.length - 1]!), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.equal(html.match(/<article /g)!.length, 3);
    assert.match(html, /<title>input\.transcript<\/title>/);
    assert.match(html, /<header class="speaker">用户<\/header>/);
    assert.match(html, /<span class="path">src\/hello\.py<\/span>/);
    assert.match(html, /<span class="hljs-built_in">print<\/span>/);
    assert.deepEqual(executableMarkup(html), []);
  });

  it('writes the page to standard output without --out, from standard input too', () => {
    const run = runCli(['export', '-', '--format', 'html', '--stdin-filename', 'chat.txt'], {
      input: '[A]: hi\r\n[B]: 你好\r\n',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /<title>chat\.txt<\/title>/);
    assert.equal(run.stdout.match(/<article /g)!.length, 2);
  });

  it('makes no executable markup of a hostile transcript', () => {
    const input = [
      '[<img src=x onerror=alert(1)>]: <script>alert(1)</script> [x](javascript:alert(1))',
      '<<<FILE "><iframe src=//evil>.html',
      '</script><script>alert(1)</script>',
      'FILE>>>',
      '[B]: ![t](https://tracker.example/p.png)',
    ].join('\n');
    const run = runCli(['export', '-', '--format', 'html', '--stdin-filename', '<script>.txt'], { input });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(executableMarkup(run.stdout), []);
  });

  it('opens the FILE blocks with --expand-files, and only then', () => {
    assert.match(
      runCli(['export', CLEAN, '-f', 'html', '--expand-files']).stdout,
      /<details class="file" data-offset="1" open>/,
    );
    assert.match(runCli(['export', CLEAN, '-f', 'html']).stdout, /<details class="file" data-offset="1">/);
  });

  it('refuses to write the page to a terminal', async () => {
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = Object.assign(new PassThrough(), { isTTY: false });
    let written = '';
    stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
    let complaint = '';
    stderr.on('data', (chunk: Buffer) => (complaint += chunk.toString()));
    const io = { stdout, stderr, stdin: new PassThrough() } as unknown as Io;
    assert.equal(await main(['export', join(ROOT, CLEAN), '--format', 'html'], io), 2);
    assert.equal(written, '');
    assert.match(complaint, /give --out <file> or redirect standard output/);
  });

  it('writes JSON lines without --format html, and names the formats it knows for an unknown one', () => {
    const run = runCli(['export', CLEAN]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!run.stdout.includes('<html'), run.stdout);
    assert.match(
      runCli(['export', CLEAN, '--format', 'pdf']).stderr,
      /--format must be one of openai, sharegpt, html, not `pdf`/,
    );
  });

  it('refuses a file that is not a transcript, and one that cannot be read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x5b, 0x41, 0x5d, 0x3a, 0x00, 0x01]));
    const binary = runCli(['export', 'bin.txt', '--format', 'html'], { cwd: dir });
    assert.equal(binary.status, 2);
    assert.match(binary.stderr, /not a transcript: bin\.txt: binary file/);
    const missing = runCli(['export', 'missing.txt', '--format', 'html'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read: missing\.txt/);
  });

  it('says when the page cannot be written', () => {
    const dir = tempDir();
    const run = runCli(['export', join(ROOT, CLEAN), '--format', 'html', '--out', join(dir, 'no', 'such', 'x.html')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot write .*x\.html/);
  });
});
