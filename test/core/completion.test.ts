import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE_BLOCK_SNIPPET, completions } from '../../src/core/completion';
import { parseTranscript } from '../../src/core/parse';

const end = (text: string) => {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
};

describe('completion', () => {
  it('offers the speakers after `[` at column 0, most frequent first', () => {
    const text = '[B]: 1\n[A]: 2\n[A]: 3\n[';
    const items = completions(parseTranscript(text), end(text), true);
    assert.deepEqual(
      items.map((item) => [item.label, (item.textEdit as { newText: string }).newText]),
      [
        ['[A]:', '[A]: '],
        ['[B]:', '[B]: '],
      ],
    );
    assert.ok(items[0]!.sortText! < items[1]!.sortText!);
  });

  it('replaces an auto-closed bracket or the rest of an existing tag', () => {
    const model = parseTranscript('[A]: 1\n[]');
    const [item] = completions(model, { line: 1, character: 1 }, true);
    assert.deepEqual((item!.textEdit as { range: unknown }).range, {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 2 },
    });
    const [again] = completions(parseTranscript('[A]: 1\n[Bo]: hi'), { line: 1, character: 1 }, true);
    assert.deepEqual((again!.textEdit as { range: unknown }).range, {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 6 },
    });
  });

  it('offers a FILE block snippet after `<`, or plain text to clients without snippets', () => {
    const text = '[A]: 1\n<<';
    const [item] = completions(parseTranscript(text), end(text), true);
    assert.equal(item!.insertTextFormat, 2);
    assert.equal((item!.textEdit as { newText: string }).newText, FILE_BLOCK_SNIPPET);
    const [plain] = completions(parseTranscript(text), end(text), false);
    assert.equal((plain!.textEdit as { newText: string }).newText, '<<<FILE ');
  });

  it('offers nothing mid-line, after other text, or inside FILE block content', () => {
    assert.deepEqual(completions(parseTranscript('[A]: a ['), { line: 0, character: 8 }, true), []);
    assert.deepEqual(completions(parseTranscript('[A]: 1\nx<'), { line: 1, character: 2 }, true), []);
    assert.deepEqual(
      completions(parseTranscript('[A]: 1\n<<<FILE a\n[\nFILE>>>'), { line: 2, character: 1 }, true),
      [],
    );
    assert.deepEqual(completions(parseTranscript('[A]: 1'), { line: 7, character: 0 }, true), []);
  });
});
