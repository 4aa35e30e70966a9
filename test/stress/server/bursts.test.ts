import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnostics } from '../../../src/core/diagnostics';
import { parseTranscript } from '../../../src/core/parse';
import { generateTranscript } from '../../support/generate';
import { LspClient, nodeServer } from '../../support/lsp-client';

const MiB = 2 ** 20;

/** Keystrokes typed at a person's pace before the burst: one every `PACE_MS`, each answered before the next. */
const PACED_KEYSTROKES = 21;
const PACE_MS = 120;

/**
 * Opens `text`, types Enters at the start of its middle line, first at a person's pace, then
 * `keystrokes` of them without waiting, and returns the text after them all.
 */
async function typeThenBurst(client: LspClient, uri: string, text: string, keystrokes: number): Promise<string> {
  await client.open(uri, text);
  await client.diagnosticsFor(uri);
  const lines = text.split('\n');
  const at = { line: lines.length >> 1, character: 0 };
  const enter = (version: number) => client.change(uri, version, [{ range: { start: at, end: at }, text: '\n' }]);
  for (let key = 0; key < PACED_KEYSTROKES; key++) {
    const version = key + 2;
    await enter(version);
    await client.diagnosticsFor(uri, (params) => params.version === version);
    // The user's pause between two keys, not a wait for the server: it has answered already.
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
  for (let key = 0; key < keystrokes; key++) void enter(PACED_KEYSTROKES + key + 2);
  lines.splice(at.line, 0, ...Array.from({ length: PACED_KEYSTROKES + keystrokes }, () => ''));
  return lines.join('\n');
}

describe('keystroke bursts on large transcripts, with the default heap', () => {
  for (const { bytes, keystrokes } of [
    { bytes: 100 * MiB, keystrokes: 100 },
    { bytes: 10 * MiB, keystrokes: 1000 },
  ]) {
    it(`survives typing and then ${keystrokes} keystrokes in a burst on ${bytes / MiB} MiB, and publishes the last version's problems`, async () => {
      const client = await LspClient.start({ server: nodeServer([]), timeoutMs: 120_000 });
      const uri = 'file:///burst.transcript';
      const edited = await typeThenBurst(client, uri, generateTranscript({ seed: 5, bytes }), keystrokes);
      const hover = await client.hover(uri, 0, 1);
      assert.notEqual(hover, undefined);
      const last = PACED_KEYSTROKES + keystrokes + 1;
      const published = await client.diagnosticsFor(uri, (params) => params.version === last);
      assert.deepEqual(published, diagnostics(parseTranscript(edited), uri));
      assert.equal(await client.stop(), 0, client.stderr);
    });
  }
});
