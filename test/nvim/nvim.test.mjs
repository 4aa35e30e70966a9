// Neovim, a client nobody here wrote, attaches the built server to a seed and to a malformed file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function runNeovim(file, script = 'check.lua', env = {}) {
  const result = spawnSync(
    'nvim',
    ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(root, 'test', 'nvim', script)}`],
    {
      env: { ...process.env, LSP_SERVER: join(root, 'dist', 'server.js'), LSP_FILE: file, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  assert.equal(result.error, undefined, `could not run nvim: ${result.error}`);
  const report = JSON.parse(result.stdout.trim().split('\n').pop());
  assert.equal(result.status, 0, `nvim exited ${result.status}: ${report.error}\n${result.stderr}`);
  return report;
}

describe('Neovim as the language client', () => {
  it('shows 20 turns, a word-count hover and no diagnostics for the first seed', () => {
    const seed = readdirSync(join(root, 'seeds'))
      .filter((name) => name.endsWith('.txt'))
      .sort()[0];
    const report = runNeovim(join(root, 'seeds', seed));
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.symbols.length, 20);
    assert.match(report.symbols[0].name, /^A: Hey，关于/);
    assert.match(report.hover.contents.value, /turn 1 of 20 — 25 words \(21 CJK characters, 4 other words\)/);
  });

  it('stores the diagnostics of the malformed fixture where the user sees them', () => {
    const report = runNeovim(join(root, 'test', 'fixtures', 'malformed.transcript'));
    assert.deepEqual(
      report.diagnostics.map((d) => [d.line, d.code, d.source]),
      [
        [0, 'turn/text-before-first-turn', 'transcript'],
        [5, 'turn/malformed-speaker-tag', 'transcript'],
        [7, 'file-block/stray-closer', 'transcript'],
        [8, 'file-block/malformed-marker', 'transcript'],
        [10, 'file-block/duplicate-path', 'transcript'],
        [13, 'file-block/empty', 'transcript'],
        [13, 'file-block/missing-path', 'transcript'],
        [15, 'file-block/unsafe-path', 'transcript'],
        [20, 'file-block/nested-opener', 'transcript'],
        [22, 'fence/unclosed', 'transcript'],
        [25, 'file-block/unterminated', 'transcript'],
      ],
    );
    assert.equal(report.symbols.length, 6);
    assert.deepEqual(
      report.symbols[3].children.map((child) => child.name),
      ['outer.txt', 'python'],
    );
  });
});

describe('Neovim using the editing features', () => {
  it('lists and applies code actions, renames a speaker, completes tags and finds turns across the workspace', () => {
    const folder = mkdtempSync(join(tmpdir(), 'transcript-nvim-'));
    try {
      const file = join(folder, 'chat.transcript');
      writeFileSync(file, '[A]: hello\nFILE>>>\n[B]: hi\n[A]: bye\n');
      writeFileSync(join(folder, 'other.transcript'), '[Carol]: elsewhere\n');
      const report = runNeovim(file, 'features.lua', { LSP_ROOT: folder });
      assert.deepEqual(report.actions, [
        { title: 'Delete the stray `FILE>>>` line', kind: 'quickfix', preferred: true },
      ]);
      assert.deepEqual(report.after_fix, ['[A]: hello', '[B]: hi', '[A]: bye']);
      assert.deepEqual(report.prepared, {
        range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } },
        placeholder: 'A',
      });
      assert.deepEqual(report.after_rename, ['[Alice]: hello', '[B]: hi', '[Alice]: bye']);
      assert.match(report.rename_refusal, /cannot contain `\[` or `\]`/);
      assert.deepEqual(report.completion, ['[Alice]:', '[B]:']);
      assert.deepEqual(report.symbols, ['Alice: bye', 'Alice: hello', 'B: hi', 'Carol: elsewhere']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
