import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { baseName, dirName, extName } from '../../src/client/uri-path';

/** Paths with every edge node:path's posix functions treat specially: roots, trailing slashes, dot names. */
const PATHS = [
  '/a/b.c',
  '/a/b/',
  '/',
  '',
  'a',
  '/a',
  '.env',
  '/x/.env',
  'a.',
  '..',
  '...',
  '/a/b.tar.gz',
  '//',
  '/a//b//',
  'a/b',
  '/中文/聊天.transcript',
];

describe('the parts of a URI path', () => {
  for (const [name, ours, node] of [
    ['baseName', baseName, (p: string) => path.posix.basename(p)],
    ['dirName', dirName, (p: string) => path.posix.dirname(p)],
    ['extName', extName, (p: string) => path.posix.extname(p)],
  ] as const) {
    it(`${name} answers as node:path's posix functions do`, () => {
      for (const p of PATHS) assert.equal(ours(p), node(p), JSON.stringify(p));
    });
  }

  it('a name that starts with its only dot has no extension, and a name with a later dot has one', () => {
    assert.equal(extName('/notes/.env'), '');
    assert.equal(extName('/notes/chat.transcript'), '.transcript');
  });
});
