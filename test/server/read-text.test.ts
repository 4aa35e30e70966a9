import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readTranscriptText } from '../../src/server/read-text';

describe('transcript-language-server reading a file for the workspace index (src/server/read-text.ts)', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'transcript-read-'));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });
  const file = (name: string, bytes: string | Buffer): string => {
    writeFileSync(join(folder, name), bytes);
    return join(folder, name);
  };

  it('reads a UTF-8 transcript and drops its byte order mark', async () => {
    assert.equal(await readTranscriptText(file('bom.transcript', '\ufeff[A]: 你好'), 1024), '[A]: 你好');
  });

  it('leaves out a file that is not valid UTF-8', async () => {
    assert.equal(
      await readTranscriptText(file('latin1.transcript', Buffer.from('[A]: caf\xe9', 'latin1')), 1024),
      undefined,
    );
  });

  it('leaves out a file with a NUL byte among its first 8,000 bytes', async () => {
    assert.equal(await readTranscriptText(file('nul.transcript', '[A]: \0'), 1024), undefined);
  });

  it('reads a file whose first NUL byte comes after its first 8,000 bytes', async () => {
    const late = `[A]: ${'x'.repeat(8000)}\0`;
    assert.equal(await readTranscriptText(file('late.transcript', late), 16_000), late);
  });

  it('leaves out a file over the limit', async () => {
    assert.equal(await readTranscriptText(file('big.transcript', 'x'.repeat(101)), 100), undefined);
  });

  it('reads a file exactly at the limit', async () => {
    assert.equal(await readTranscriptText(file('limit.transcript', 'x'.repeat(100)), 100), 'x'.repeat(100));
  });

  it('does not follow a symbolic link, even to a transcript', async () => {
    const target = file('target.transcript', '[A]: linked');
    symlinkSync(target, join(folder, 'link.transcript'));
    assert.equal(await readTranscriptText(join(folder, 'link.transcript'), 1024), undefined);
  });

  it(
    'leaves out a named pipe at once, without waiting for a writer',
    { skip: process.platform === 'win32' && 'no mkfifo' },
    async () => {
      const pipe = join(folder, 'pipe.transcript');
      execFileSync('mkfifo', [pipe]);
      assert.equal(await readTranscriptText(pipe, 1024), undefined);
    },
  );

  it(
    'stops at the limit in a file that says it is empty (/proc/self/status)',
    { skip: !existsSync('/proc/self/status') && 'no /proc' },
    async () => {
      assert.equal(await readTranscriptText('/proc/self/status', 100), undefined);
      assert.match((await readTranscriptText('/proc/self/status', 1024 * 1024))!, /^Name:/);
    },
  );
});
