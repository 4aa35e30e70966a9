import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BINARY_SNIFF_BYTES, DEFAULT_MAX_FILE_BYTES } from '../../src/core/content';
import { decodeTranscript, firstInvalidUtf8Offset, readStandardInput, readTranscriptFile } from '../../src/cli/read';
import { runCli, tempDir } from './helpers';

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
    assert.deepEqual(decodeTranscript(Buffer.from('[A]: x\0y')), {
      ok: false,
      problem: 'skipped',
      reason: 'binary file (NUL byte at offset 6)',
    });
  });

  it('skips UTF-16 files, saying so', () => {
    for (const bytes of [Buffer.from('\ufeff[A]', 'utf16le'), Buffer.from([0xfe, 0xff, 0x00, 0x5b])]) {
      assert.deepEqual(decodeTranscript(bytes), {
        ok: false,
        problem: 'skipped',
        reason: 'UTF-16 text; convert it to UTF-8',
      });
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
      fc
        .array(fc.integer({ min: 1, max: 255 }), { maxLength: 4 })
        .map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.boolean(), (pieces, raw) => {
        // `raw` turns each piece's code units into bytes as they are, so invalid UTF-8 is drawn too.
        const bytes = raw ? Buffer.from(pieces.join(''), 'latin1') : Buffer.from(pieces.join(''));
        if (bytes.includes(0) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
          return;
        const result = decodeTranscript(bytes);
        if (isUtf8(bytes)) assert.deepEqual(result, { ok: true, text: strictDroppingBom.decode(bytes) });
        else assert.equal(result.ok, false);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds an invalid byte exactly when the strict decoder rejects the bytes', () => {
    // Biased towards the bytes that make UTF-8 interesting: lead bytes, continuations, edges.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5),
    );
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

describe('bounded reading', () => {
  /** A stream of `chunk` repeated forever, counting how many bytes were taken from it. */
  function endless(chunk: Buffer): { stream: Readable; taken: () => number } {
    let taken = 0;
    const stream = new Readable({
      read() {
        taken += chunk.length;
        this.push(chunk);
      },
    });
    return { stream, taken: () => taken };
  }

  it('calls a file binary from a NUL in its first 8,000 bytes without reading the rest', () => {
    const path = join(tempDir(), 'binary.txt');
    writeFileSync(
      path,
      Buffer.concat([Buffer.alloc(BINARY_SNIFF_BYTES - 1, 0x61), Buffer.from([0]), Buffer.alloc(4 << 20, 0xff)]),
    );
    assert.deepEqual(readTranscriptFile(path, DEFAULT_MAX_FILE_BYTES), {
      ok: false,
      problem: 'skipped',
      reason: `binary file (NUL byte at offset ${BINARY_SNIFF_BYTES - 1})`,
    });
  });

  it('reads a file whose first NUL comes after the first 8,000 bytes as text', () => {
    const path = join(tempDir(), 'late-nul.txt');
    const text = `[A]: ${'a'.repeat(BINARY_SNIFF_BYTES)}\0b\n`;
    writeFileSync(path, text);
    assert.deepEqual(readTranscriptFile(path, DEFAULT_MAX_FILE_BYTES), { ok: true, text });
  });

  it('skips a file larger than the limit', () => {
    const path = join(tempDir(), 'large.txt');
    writeFileSync(path, '[A]: 0123456789\n');
    assert.deepEqual(readTranscriptFile(path, 15), {
      ok: false,
      problem: 'skipped',
      reason: 'larger than the limit (16 B > 15 B); see --max-size',
    });
  });

  it('reads a file exactly at the limit', () => {
    const path = join(tempDir(), 'limit.txt');
    writeFileSync(path, '[A]: 0123456789\n');
    assert.deepEqual(readTranscriptFile(path, 16), { ok: true, text: '[A]: 0123456789\n' });
  });

  it('skips a 2 GiB file from its size, without reading it', () => {
    const path = join(tempDir(), 'huge.txt');
    writeFileSync(path, '');
    truncateSync(path, 2 * 1024 ** 3);
    assert.deepEqual(readTranscriptFile(path, DEFAULT_MAX_FILE_BYTES), {
      ok: false,
      problem: 'skipped',
      reason: 'larger than the limit (2 GiB > 128 MiB); see --max-size',
    });
  });

  it('skips a character device such as /dev/zero without reading from it', () => {
    assert.deepEqual(readTranscriptFile('/dev/zero', DEFAULT_MAX_FILE_BYTES), {
      ok: false,
      problem: 'skipped',
      reason: 'not a regular file (a character device); name files, folders, or - for standard input',
    });
  });

  it('stops reading binary standard input after its first bytes', async () => {
    const { stream, taken } = endless(Buffer.alloc(BINARY_SNIFF_BYTES, 0));
    const result = await readStandardInput(stream, DEFAULT_MAX_FILE_BYTES);
    assert.deepEqual(result, { ok: false, problem: 'skipped', reason: 'binary file (NUL byte at offset 0)' });
    assert.ok(taken() < 1 << 20, `read ${taken()} bytes`);
  });

  it('stops reading endless text on standard input at the limit', async () => {
    const { stream, taken } = endless(Buffer.from('[A]: hello\n'.repeat(1000)));
    const result = await readStandardInput(stream, 1 << 20);
    assert.deepEqual(result, {
      ok: false,
      problem: 'skipped',
      reason: 'standard input goes on past the limit of 1 MiB; see --max-size',
    });
    assert.ok(taken() < 2 << 20, `read ${taken()} bytes`);
  });
});

describe('the command line and files that are not transcripts', () => {
  function fifo(): string {
    const path = join(tempDir(), 'pipe.transcript');
    const made = spawnSync('mkfifo', [path]);
    assert.equal(made.status, 0, String(made.stderr));
    return path;
  }

  for (const command of ['check', 'stats', 'outline']) {
    it(`${command} skips a named pipe given as an argument instead of waiting on it`, () => {
      const run = runCli([command, fifo()]);
      assert.match(run.stderr, /pipe\.transcript: not a regular file \(a named pipe\)/);
      assert.doesNotMatch(run.stderr, /internal error|at .*\.js:\d+/);
    });
  }

  it('check reads the files beside a named pipe that a glob also named', () => {
    const pipe = fifo();
    const file = join(tempDir(), 'ok.transcript');
    writeFileSync(file, '[A]: hi\n');
    const run = runCli(['check', pipe, file]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1 file checked: no problems\. 1 skipped/);
  });

  it('check skips a file over --max-size with one line naming it', () => {
    const file = join(tempDir(), 'big.transcript');
    writeFileSync(file, `[A]: ${'x'.repeat(2048)}\n`);
    const run = runCli(['check', file, '--max-size', '1K']);
    assert.equal(run.stderr, `transcript: skipped ${file}: larger than the limit (2 KiB > 1 KiB); see --max-size\n`);
  });

  it('check reads a file within --max-size', () => {
    const file = join(tempDir(), 'small.transcript');
    writeFileSync(file, '[A]: hi\n');
    const run = runCli(['check', file, '--max-size', '1K']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('refuses a --max-size that is not a size', () => {
    for (const value of ['0', 'abc', '1T', '-5', '600M']) {
      const run = runCli(['check', '-', `--max-size=${value}`]);
      assert.equal(run.status, 2, value);
      assert.match(run.stderr, /--max-size takes a size from 1 byte to 500 MiB/, value);
    }
  });
});
