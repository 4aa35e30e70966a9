import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discover } from '../../src/cli/files';
import { tempDir } from './helpers';

/** A folder holding `files` (relative paths), each with a one-turn transcript. */
function tree(files: readonly string[]): string {
  const root = tempDir();
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '[A]: hi\n');
  }
  return root;
}

/** The files found under `root`, relative to it with `/`, in the order found. */
function found(root: string, options: Parameters<typeof discover>[1] = {}): string[] {
  return discover([root], options).files.map((path) =>
    path
      .slice(root.length + 1)
      .split('\\')
      .join('/'),
  );
}

describe('file discovery', () => {
  it('finds *.transcript and *.txt files recursively, sorted by name in each folder', () => {
    const root = tree(['b.txt', 'a.transcript', 'c.md', 'z/deep/x.txt', 'm/y.transcript', '.hidden.txt', 'README']);
    assert.deepEqual(found(root), ['.hidden.txt', 'a.transcript', 'b.txt', 'm/y.transcript', 'z/deep/x.txt']);
  });

  it('never enters .git or node_modules', () => {
    const root = tree(['a.txt', '.git/logs/HEAD.txt', 'node_modules/pkg/LICENSE.txt', 'src/node_modules/x.txt']);
    assert.deepEqual(found(root), ['a.txt']);
  });

  it('takes --glob patterns: a name pattern at any depth, a path pattern from the folder', () => {
    const root = tree(['a.txt', 'chat.log', 'logs/b.log', 'logs/c.txt']);
    assert.deepEqual(found(root, { globs: ['*.log'] }), ['chat.log', 'logs/b.log']);
    assert.deepEqual(found(root, { globs: ['logs/*'] }), ['logs/b.log', 'logs/c.txt']);
    assert.deepEqual(found(root, { globs: ['**/*.{log,txt}'] }), ['a.txt', 'chat.log', 'logs/b.log', 'logs/c.txt']);
  });

  it('honours .gitignore-style --ignore patterns, negations and folder patterns included', () => {
    const root = tree(['a.txt', 'b.txt', 'draft/c.txt', 'keep/draft.txt', 'keep/d.txt', 'out/e.txt']);
    assert.deepEqual(found(root, { ignore: ['draft*', '!keep/draft.txt'] }), [
      'a.txt',
      'b.txt',
      'keep/d.txt',
      'keep/draft.txt',
      'out/e.txt',
    ]);
    assert.deepEqual(found(root, { ignore: ['out/', '/a.txt'] }), [
      'b.txt',
      'draft/c.txt',
      'keep/d.txt',
      'keep/draft.txt',
    ]);
    assert.deepEqual(found(root, { ignore: ['# a comment', '', 'keep/**'] }), [
      'a.txt',
      'b.txt',
      'draft/c.txt',
      'out/e.txt',
    ]);
  });

  it('reads a named file whatever its name, once even if named twice or found in a folder too', () => {
    const root = tree(['notes.md', 'a.txt']);
    const discovery = discover([join(root, 'notes.md'), root, join(root, 'a.txt'), join(root, 'notes.md')]);
    assert.deepEqual(discovery.files, [join(root, 'notes.md'), join(root, 'a.txt')]);
  });

  it('follows symbolic links to files, not to folders (a link up the tree would never end)', () => {
    const root = tree(['real/a.txt']);
    symlinkSync(join(root, 'real', 'a.txt'), join(root, 'link.txt'));
    symlinkSync(root, join(root, 'real', 'loop'));
    assert.deepEqual(found(root), ['link.txt', 'real/a.txt']);
  });

  it('notes standard input and paths that cannot be read, in order', () => {
    const root = tree(['a.txt']);
    const discovery = discover(['-', join(root, 'missing.txt'), root]);
    assert.equal(discovery.stdin, true);
    assert.deepEqual(discovery.failures, [{ path: join(root, 'missing.txt'), reason: 'no such file or directory' }]);
    assert.deepEqual(discovery.files, [join(root, 'a.txt')]);
  });
});
