import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeTranscript, firstInvalidUtf8Offset } from '../../src/cli/read';

const strict = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('reading transcripts', () => {
  it('decodes UTF-8 and drops a leading byte order mark', () => {
    const result = decodeTranscript(Buffer.from('\ufeff[A]: 你好 😀\n'));
    assert.deepEqual(result, { ok: true, text: '[A]: 你好 😀\n' });
  });

  it('skips binary files, naming the first NUL byte', () => {
    assert.deepEqual(decodeTranscript(Buffer.from('[A]: x\0y')), { ok: false, problem: 'skipped', reason: 'binary file (NUL byte at offset 6)' });
  });

  it('skips UTF-16 files, saying so', () => {
    for (const bytes of [Buffer.from('\ufeff[A]', 'utf16le'), Buffer.from([0xfe, 0xff, 0x00, 0x5b])]) {
      assert.deepEqual(decodeTranscript(bytes), { ok: false, problem: 'skipped', reason: 'UTF-16 text; convert it to UTF-8' });
    }
  });

  it('skips non-UTF-8 files, naming the first bad byte', () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0xe9, 0x62], 1], // Latin-1 é
      [[0x61, 0xc0, 0xaf], 1], // overlong /
      [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
      [[0x61, 0x62, 0xe4, 0xbd], 2], // truncated 你
      [[0x80], 0], // a lone continuation byte
    ];
    for (const [bytes, offset] of cases) {
      assert.deepEqual(decodeTranscript(Uint8Array.from(bytes)), {
        ok: false,
        problem: 'skipped',
        reason: `not UTF-8 (invalid byte at offset ${offset})`,
      });
    }
  });

  it('decodes exactly as the strict TextDecoder does, or skips exactly what it rejects', () => {
    const strictDroppingBom = new TextDecoder('utf-8', { fatal: true });
    const piece = fc.oneof(
      fc.constantFrom('[A]: ', '\ufeff', 'é', '你好', '😀', '\r\n', 'x'),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.array(fc.integer({ min: 1, max: 255 }), { maxLength: 4 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.boolean(), (pieces, raw) => {
        // `raw` turns each piece's code units into bytes as they are, so invalid UTF-8 is drawn too.
        const bytes = raw ? Buffer.from(pieces.join(''), 'latin1') : Buffer.from(pieces.join(''));
        if (bytes.includes(0) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return;
        const result = decodeTranscript(bytes);
        if (isUtf8(bytes)) assert.deepEqual(result, { ok: true, text: strictDroppingBom.decode(bytes) });
        else assert.equal(result.ok, false);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds an invalid byte exactly when the strict decoder rejects the bytes', () => {
    // Biased towards the bytes that make UTF-8 interesting: lead bytes, continuations, edges.
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (values) => {
        const bytes = Uint8Array.from(values);
        const offset = firstInvalidUtf8Offset(bytes);
        assert.equal(offset === -1, isUtf8(bytes));
        if (offset !== -1) assert.ok(isUtf8(bytes.subarray(0, offset)), 'everything before the offset is valid');
      }),
      { numRuns: 5000 },
    );
  });
});
