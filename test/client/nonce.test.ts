import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nonce } from '../../src/client/nonce';

describe('a webview nonce', () => {
  it('is 16 random bytes in base64', () => {
    assert.match(nonce(), /^[A-Za-z0-9+/]{22}==$/);
    assert.equal(Buffer.from(nonce(), 'base64').length, 16);
  });

  it('differs from one call to the next', () => {
    assert.notEqual(nonce(), nonce());
  });
});
