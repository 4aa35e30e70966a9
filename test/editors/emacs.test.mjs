// The README's Emacs config, extracted from README.md and loaded unchanged in `emacs --batch`, with Eglot.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { missing } from './installed.mjs';
import { fakeInstall, project, readmeSnippet, root } from './readme.mjs';

const skip = missing('emacs', 'apt-get install emacs-nox elpa-eglot');

describe("the README's Emacs config", { skip }, () => {
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
    const init = join(folder, 'init.el');
    writeFileSync(init, readmeSnippet('Emacs', 'elisp'));
    const files = ['chat.txt', 'talk.transcript', 'notes.txt', 'sub/deeper.transcript'].map((f) => join(folder, f));
    // Batch mode skips the package activation that a normal start does before init.el (it is what finds
    // Eglot on Emacs 28, installed as a package): -f package-activate-all does it first.
    const result = spawnSync(
      'emacs',
      ['--batch', '-f', 'package-activate-all', '-l', init, '-l', join(root, 'test', 'editors', 'emacs-driver.el')],
      { cwd: folder, env: { ...install.env, TRANSCRIPT_FILES: files.join('\n') }, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(result.error, undefined, `could not run emacs: ${result.error}`);
    stderr = result.stderr;
    report = JSON.parse(result.stdout.trim().split('\n').pop());
    assert.equal(result.status, 0, `emacs exited ${result.status}: ${report.error}\n${stderr}`);
  });

  after(() => {
    install?.cleanup();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('opens .transcript files and .txt files that start with a tag in transcript-mode', () => {
    assert.deepEqual(
      report.buffers.map((b) => b.mode),
      ['transcript-mode', 'transcript-mode', 'text-mode', 'transcript-mode'],
    );
  });

  it('connects one server, started once, to every transcript of the project and none to the other file', () => {
    const [chat, talk, notes, deeper] = report.buffers;
    assert.equal(typeof chat.server, 'number', stderr);
    assert.equal(talk.server, chat.server);
    assert.equal(deeper.server, chat.server);
    assert.equal(notes.server, null);
    assert.equal(report.servers, 1);
    assert.equal(install.starts().length, 1);
    assert.match(install.starts()[0], /^\d+ --stdio$/);
  });

  it('shows the server diagnostics through Flymake', () => {
    assert.deepEqual(
      report.diagnostics.map((d) => [d.line, d.type]),
      [[2, 'eglot-warning']],
    );
    assert.match(
      report.diagnostics[0].text,
      /^transcript \[turn\/malformed-speaker-tag\]: This looks like a speaker tag/,
    );
  });

  it('shows the word count of the turn at point through ElDoc, and the turns in imenu', (t) => {
    t.diagnostic(`Emacs ${report.emacs}`);
    assert.match(report.hover, /^\*\*A\*\* · turn 1 of 2 — 7 words \(4 CJK characters, 3 other words\)/);
    assert.deepEqual(report.imenu, ['A: hello there', 'A: bye']);
  });
});
