import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameKey, refusalReasons } from '../../src/core/file-names';

describe('names that may be written under an output folder', () => {
  it('has no reason to refuse an ordinary relative path', () => {
    assert.deepEqual(refusalReasons('src/app.py'), []);
    assert.deepEqual(refusalReasons('会话-1.transcript'), []);
  });

  it('refuses a path that leaves the folder, names it, or names a Windows device', () => {
    assert.match(refusalReasons('a/../../x').join('; '), /`\.\.` segment/);
    assert.match(refusalReasons('.').join('; '), /output folder itself/);
    assert.match(refusalReasons('nul.txt').join('; '), /Windows device name `nul\.txt`/);
    assert.deepEqual(refusalReasons(''), ['no path']);
  });

  it('refuses a name that Windows would write without its trailing dot or space', () => {
    assert.match(refusalReasons('chat.').join('; '), /ends in a dot or space/);
  });
});

describe('the key of a name on a case-insensitive file system', () => {
  it('is one for names that differ in letter case or Unicode composition', () => {
    assert.equal(nameKey('Chat.transcript'), nameKey('chat.TRANSCRIPT'));
    assert.equal(nameKey('caf\u00e9'), nameKey('cafe\u0301'));
  });

  it('differs for different names', () => {
    assert.notEqual(nameKey('a.transcript'), nameKey('b.transcript'));
  });
});
