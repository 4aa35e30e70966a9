// The README's Helix languages.toml: Helix is not in Debian's apt, so it is parsed (Python's tomllib), not run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { missing } from './installed.mjs';
import { readmeSnippet } from './readme.mjs';

const skip = missing('python3', 'apt-get install python3');

describe("the README's Helix config", { skip }, () => {
  it('parses as TOML and runs transcript-language-server --stdio for .transcript files', () => {
    const result = spawnSync(
      'python3',
      ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.load(sys.stdin.buffer)))'],
      { input: readmeSnippet('Helix', 'toml'), encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(result.status, 0, result.stderr);
    const config = JSON.parse(result.stdout);
    assert.deepEqual(config['language-server'], {
      transcript: { command: 'transcript-language-server', args: ['--stdio'] },
    });
    assert.deepEqual(config.language, [
      {
        name: 'transcript',
        scope: 'text.transcript',
        'file-types': ['transcript'],
        'language-servers': ['transcript'],
      },
    ]);
  });
});
