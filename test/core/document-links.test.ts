import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileBlockPaths } from '../../src/core/document-links';
import { parseTranscript } from '../../src/core/parse';

describe('FILE paths for document links', () => {
  it('gives safe relative paths with their ranges', () => {
    assert.deepEqual(fileBlockPaths(parseTranscript('[A]: x\n<<<FILE src/a.py\n1\nFILE>>>')), [
      { path: 'src/a.py', range: { start: { line: 1, character: 8 }, end: { line: 1, character: 16 } } },
    ]);
  });

  it('leaves out missing and unsafe paths', () => {
    assert.deepEqual(
      fileBlockPaths(parseTranscript('<<<FILE\n1\nFILE>>>\n<<<FILE /etc/passwd\n1\nFILE>>>\n<<<FILE ../a\n1\nFILE>>>')),
      [],
    );
  });
});
