// The README's Neovim config, extracted from README.md and run unchanged as init.lua in headless Neovim.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fakeInstall, project, readmeSnippet, root } from '../editors/readme.mjs';

describe("the README's Neovim config", () => {
  let install, folder, report, stderr;

  before(() => {
    install = fakeInstall();
    folder = project({
      '.git/': '',
      'chat.txt': '[A]: hello there\n[B]：全角冒号\n[A]: bye\n',
      'talk.transcript': '[Carol]: one two three\n',
      'notes.txt': 'Shopping list\n[A]: a tag, but not on the first line\n',
      'sub/deeper.transcript': '[Dan]: in a subfolder of the same project\n',
    });
    const init = join(folder, 'init.lua');
    writeFileSync(init, readmeSnippet('Neovim', 'lua'));
    const files = ['chat.txt', 'talk.transcript', 'notes.txt', 'sub/deeper.transcript'].map((f) => join(folder, f));
    const result = spawnSync(
      'nvim',
      [
        '--headless',
        '--clean',
        '-u',
        init,
        '-i',
        'NONE',
        '-n',
        '-c',
        `luafile ${join(root, 'test/nvim/readme-driver.lua')}`,
      ],
      { env: { ...install.env, LSP_FILES: files.join('\n') }, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(result.error, undefined, `could not run nvim: ${result.error}`);
    stderr = result.stderr;
    report = JSON.parse(result.stdout.trim().split('\n').pop());
    assert.equal(result.status, 0, `nvim exited ${result.status}: ${report.error}\n${stderr}`);
  });

  after(() => {
    install?.cleanup();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('gives the transcript filetype to .transcript files and to .txt files that start with a tag', () => {
    assert.deepEqual(
      report.buffers.map((b) => b.filetype),
      ['transcript', 'transcript', 'text', 'transcript'],
    );
  });

  it('attaches one client, started once, to every transcript of the project and none to other files', () => {
    const [chat, talk, notes, deeper] = report.buffers;
    assert.equal(chat.clients.length, 1, stderr);
    assert.deepEqual(talk.clients, chat.clients);
    assert.deepEqual(deeper.clients, chat.clients);
    assert.deepEqual(notes.clients, []);
    assert.equal(report.running, 1);
    assert.deepEqual(install.starts(), [install.starts()[0]]);
    assert.match(install.starts()[0], /^\d+ --stdio$/);
  });

  it('shows the server diagnostics of the .txt transcript', () => {
    assert.deepEqual(report.diagnostics, [{ line: 1, code: 'turn/malformed-speaker-tag' }]);
  });

  it('shows the word count of a turn on K', () => {
    assert.match(report.hover.join('\n'), /^\*\*A\*\* · turn 1 of 2 — 7 words \(4 CJK characters, 3 other words\)/);
  });
});
