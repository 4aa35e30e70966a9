import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Transcript } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import { documentSymbols } from '../../src/core/symbols';
import { SEEDS } from './helpers';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap in use after full collections, and after the current job, so that WeakRefs can be cleared. */
async function heapUsedAfterCollection(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('memory across edits', () => {
  it('lets every earlier version of the document go, with the outline asked for after each edit', async () => {
    // About 2.5 MB of text as V8 stores it (two bytes per character: the seeds hold CJK), read from a
    // copy that only the first model holds.
    const text = SEEDS.map(([, seed]) => seed)
      .join('\n')
      .repeat(60);
    let model: Transcript = parseTranscript(text.split('').join(''));
    documentSymbols(model);
    const firstModel = new WeakRef(model);
    const textBytes = text.length * 2;
    // Edits in turn after turn: each turn's outline name is then read from a different version.
    const editTurn = (index: number): void => {
      const turn = model.turns.at((index * 37) % model.turns.count)!;
      const at = model.lines.positionAt(turn.firstLine.start);
      model = applyChange(model, { range: { start: at, end: at }, text: 'x' });
      documentSymbols(model);
    };
    editTurn(0);
    const before = await heapUsedAfterCollection();
    for (let index = 1; index <= 30; index++) editTurn(index);
    const after = await heapUsedAfterCollection();
    assert.equal(firstModel.deref(), undefined, 'the first model is kept alive');
    // Each version kept alive would add a whole text: 30 of them, 75 MB.
    assert.ok(
      after - before < textBytes,
      `the heap grew by ${((after - before) / 2 ** 20).toFixed(1)} MiB over 30 edits`,
    );
  });
});

describe('memory of the outline', () => {
  it('does not keep the answer once it has been handed out, only what the next one reuses', async () => {
    const model = parseTranscript(
      SEEDS.map(([, seed]) => seed)
        .join('\n')
        .repeat(20),
    );
    let symbols: unknown[] | undefined = documentSymbols(model);
    const answer = new WeakRef(symbols);
    // eslint-disable-next-line no-useless-assignment -- drops the last reference, so that the collector may free it
    symbols = undefined;
    await heapUsedAfterCollection();
    assert.equal(answer.deref(), undefined, 'the model keeps the outline it answered');
    assert.ok(
      [...model.turns].every((turn) => turn.memo.name !== undefined && turn.memo.counts !== undefined),
      'the turns forgot their names or counts',
    );
  });
});
