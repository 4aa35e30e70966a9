// The README's Vim config, extracted from README.md and run unchanged as the vimrc of a headless Vim with ALE.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { missing } from './installed.mjs';
import { fakeInstall, project, readmeSnippet, root } from './readme.mjs';

const skip = missing('vim', 'apt-get install vim vim-ale');
const names = ['chat.txt', 'talk.transcript', 'notes.txt', 'sub/deeper.transcript'];

/** Runs Vim with `vimrc` on the files of a fresh project; returns the driver's report and the start log. */
function runVim(vimrc) {
  const install = fakeInstall();
  const folder = project({
    '.git/': '',
    'chat.txt': '[A]: hello there\n[B]：全角冒号\n[A]: bye\n',
    'talk.transcript': '[Carol]: one two three\n',
    'notes.txt': 'Shopping list\n[A]: a tag, but not on the first line\n',
    'sub/deeper.transcript': '[Dan]: in a subfolder of the same project\n',
  });
  try {
    writeFileSync(join(folder, 'vimrc'), vimrc);
    const reportFile = join(folder, 'report.json');
    const files = names.map((name) => join(folder, name));
    const result = spawnSync(
      'vim',
      ['-N', '-u', join(folder, 'vimrc'), '-i', 'NONE', '-es', '-S', join(root, 'test', 'editors', 'vim-driver.vim')],
      {
        cwd: folder,
        env: { ...install.env, TRANSCRIPT_FILES: files.join('\n'), TRANSCRIPT_REPORT: reportFile },
        encoding: 'utf8',
        input: '',
        timeout: 60_000,
      },
    );
    assert.equal(result.error, undefined, `could not run vim: ${result.error}`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    assert.equal(result.status, 0, `vim exited ${result.status}: ${report.error}\n${result.stdout}${result.stderr}`);
    return { report, folder, starts: install.starts() };
  } finally {
    install.cleanup();
    rmSync(folder, { recursive: true, force: true });
  }
}

for (const [title, prelude] of [
  ['alone', ''],
  ['after `filetype plugin indent on`', 'filetype plugin indent on\n'],
]) {
  describe(`the README's Vim config, ${title}`, { skip }, () => {
    let run;
    before(() => {
      run = runVim(prelude + readmeSnippet('Vim', 'vim'));
    });

    it('gives the transcript filetype to .transcript files and to .txt files that start with a tag', () => {
      const types = run.report.buffers.map((b) => b.filetype);
      assert.deepEqual(types, ['transcript', 'transcript', prelude ? 'text' : '', 'transcript']);
    });

    it('opens every transcript of the project in one server, started once, and no other file', () => {
      const [chat, talk, , deeper] = run.report.buffers.map((b) => b.bufnr);
      assert.equal(run.report.connections.length, 1);
      assert.equal(run.report.connections[0].root, run.folder);
      assert.deepEqual(
        run.report.connections[0].buffers.sort((a, b) => a - b),
        [chat, talk, deeper],
      );
      assert.equal(run.starts.length, 1);
      assert.match(run.starts[0], /^\d+ --stdio$/);
    });

    it('lists the server diagnostics in the location list', () => {
      assert.deepEqual(run.report.loclist, [
        {
          line: 2,
          type: 'W',
          text: 'turn/malformed-speaker-tag: This looks like a speaker tag but is not one: write `[B]:` (ASCII brackets and colon, no space before the colon).',
        },
      ]);
    });

    it('shows the word count of a turn on K', () => {
      assert.match(run.report.hover[0], /^\*\*A\*\* · turn 1 of 2 — 7 words \(4 CJK characters, 3 other words\)/);
    });
  });
}
