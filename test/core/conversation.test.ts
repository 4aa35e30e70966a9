import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { conversation, transcriptOfConversation, type Message } from '../../src/core/conversation';
import { problems } from '../../src/core/diagnostics';
import { parseTranscript } from '../../src/core/parse';
import { settings, transcriptText } from './arbitraries';

const messagesOf = (text: string, files?: 'keep' | 'fence' | 'drop'): Message[] =>
  conversation(parseTranscript(text), files).map(({ speaker, content }) => ({ speaker, content }));
const contents = (text: string, files?: 'keep' | 'fence' | 'drop'): string[] =>
  messagesOf(text, files).map((message) => message.content);

describe('turn content', () => {
  it('starts after the tag and its one conventional space, and keeps a second space', () => {
    assert.deepEqual(contents('[A]: one\n[B]:two\n[C]:  three\n'), ['one', 'two', ' three']);
  });

  it('writes every line end as \\n', () => {
    assert.deepEqual(contents('[A]: a\r\nb\rc\nd\r\n[B]: e'), ['a\nb\nc\nd', 'e']);
  });

  it('ends at the last non-blank line, which keeps its trailing spaces', () => {
    assert.deepEqual(contents('[A]: a  \n\n  \t\n[B]: b\n\n'), ['a  ', 'b']);
  });

  it('keeps blank lines inside the text and a blank first line', () => {
    assert.deepEqual(contents('[A]:\n\nx\n\ny\n'), ['\n\nx\n\ny']);
  });

  it('is empty for a turn of white space only', () => {
    assert.deepEqual(contents('[A]:   \n \n[B]:\n'), ['', '']);
  });

  it('keeps FILE blocks and fences as written by default', () => {
    const text = '[A]: see\n<<<FILE a.py\n[B]: not a turn\r\nFILE>>>\n```js\nx\n```\n';
    assert.deepEqual(contents(text), ['see\n<<<FILE a.py\n[B]: not a turn\nFILE>>>\n```js\nx\n```']);
  });

  it('fences a FILE block with the path as info string, longer than any backtick run inside', () => {
    const text = '[A]: see\n<<<FILE a.md\n```py\nx\n````\nFILE>>>\nafter\n';
    assert.deepEqual(contents(text, 'fence'), ['see\n`````a.md\n```py\nx\n````\n`````\nafter']);
  });

  it('fences a block with three backticks when its content has none, and an empty block with no line', () => {
    assert.deepEqual(contents('[A]: x\n<<<FILE a\ny\nFILE>>>\n<<<FILE b\nFILE>>>\n', 'fence'), [
      'x\n```a\ny\n```\n```b\n```',
    ]);
  });

  it('fences a block whose path has a backtick with tildes, which may follow them', () => {
    assert.deepEqual(contents('[A]: x\n<<<FILE a`b\n~~~~\nFILE>>>\n', 'fence'), ['x\n~~~~~a`b\n~~~~\n~~~~~']);
  });

  it('drops a FILE block with its lines, and the blank lines it leaves at the end', () => {
    assert.deepEqual(contents('[A]: x\n<<<FILE a\ny\nFILE>>>\nz\n<<<FILE b\nw\nFILE>>>\n\n[B]: k', 'drop'), [
      'x\nz',
      'k',
    ]);
  });

  it('is empty for a turn that was only a dropped block', () => {
    assert.deepEqual(contents('[A]:\n<<<FILE a\ny\nFILE>>>\n', 'drop'), ['']);
  });

  it('gives each turn its speaker and 0-based line', () => {
    assert.deepEqual(
      conversation(parseTranscript('intro\n[A]: x\ny\n[Dr. Chen]: z')).map(({ speaker, line }) => [speaker, line]),
      [
        ['A', 1],
        ['Dr. Chen', 3],
      ],
    );
  });
});

describe('the transcript of a conversation', () => {
  const textOf = (messages: Message[]): string => {
    const result = transcriptOfConversation(messages);
    assert.ok(result.ok, JSON.stringify(result));
    return result.text;
  };
  const refusal = (messages: Message[]) => {
    const result = transcriptOfConversation(messages);
    assert.ok(!result.ok, 'expected a refusal');
    return result.problem;
  };

  it('writes a turn per message, with no space before a text that starts on the next line', () => {
    assert.equal(
      textOf([
        { speaker: 'A', content: 'hi' },
        { speaker: 'B', content: '' },
        { speaker: 'C', content: '\nx' },
      ]),
      '[A]: hi\n[B]:\n[C]:\nx\n',
    );
  });

  it('writes closed FILE blocks, with speaker lines inside them, as they are', () => {
    const content = 'see\n<<<FILE a\n[B]: inside\nFILE>>>';
    assert.equal(textOf([{ speaker: 'A', content }]), `[A]: ${content}\n`);
  });

  it('refuses a line that would start a turn, naming it', () => {
    assert.deepEqual(
      refusal([
        { speaker: 'A', content: 'ok' },
        { speaker: 'B', content: 'x\ny\n[C]: z' },
      ]),
      {
        index: 1,
        kind: 'speaker-line',
        line: 2,
      },
    );
  });

  it('refuses an opener without a closer in its message, which would swallow the next turns', () => {
    assert.deepEqual(
      refusal([
        { speaker: 'A', content: 'x\n<<<FILE a' },
        { speaker: 'B', content: 'y\nFILE>>>' },
      ]),
      { index: 0, kind: 'file-marker', line: 1 },
    );
  });

  it('refuses a stray closer, an error in the transcript', () => {
    assert.deepEqual(refusal([{ speaker: 'A', content: 'x\nFILE>>>' }]), { index: 0, kind: 'file-marker', line: 1 });
  });

  it('refuses an opener with no path, an error too', () => {
    assert.deepEqual(refusal([{ speaker: 'A', content: 'x\n<<<FILE\ny\nFILE>>>' }]), {
      index: 0,
      kind: 'file-marker',
      line: 1,
    });
  });

  it('refuses a speaker line inside a fence, and keeps openers in a fence, which open nothing', () => {
    assert.equal(refusal([{ speaker: 'A', content: '```\n[B]: x\n```' }]).kind, 'speaker-line');
    assert.equal(
      textOf([{ speaker: 'A', content: 'x\n```\n [B]: x\n<<<FILE a\n```' }]),
      '[A]: x\n```\n [B]: x\n<<<FILE a\n```\n',
    );
  });

  it('refuses what would not read back: CR, NUL, lone surrogates, trailing blank lines', () => {
    assert.equal(refusal([{ speaker: 'A', content: 'a\rb' }]).kind, 'carriage-return');
    assert.equal(refusal([{ speaker: 'A', content: 'a\0b' }]).kind, 'nul');
    assert.equal(refusal([{ speaker: 'A', content: 'a\ud800' }]).kind, 'lone-surrogate');
    assert.equal(refusal([{ speaker: 'A', content: 'a\n' }]).kind, 'trailing-blank');
    assert.equal(refusal([{ speaker: 'A', content: '  ' }]).kind, 'trailing-blank');
    assert.equal(textOf([{ speaker: 'A', content: 'a 😀 \u2028 b  ' }]), '[A]: a 😀 \u2028 b  \n');
  });

  it('refuses a speaker that is not a label', () => {
    assert.deepEqual(refusal([{ speaker: 'a]b', content: 'x' }]), {
      index: 0,
      kind: 'speaker',
      detail: 'A speaker label cannot contain `[` or `]`.',
    });
  });
});

const speaker = fc.constantFrom('A', 'B', 'Dr. Chen', '用户', ' x ');
const line = fc.oneof(
  fc.constantFrom(
    '[A]: x',
    '[B]:',
    '<<<FILE a.py',
    '<<<FILE',
    'FILE>>>',
    '```',
    '~~~',
    '',
    ' ',
    'text',
    '你好',
    '[A]：',
  ),
  fc.string({ maxLength: 6 }),
);
const message = fc.record({ speaker, content: fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n')) });

describe('conversations and transcripts, both ways', () => {
  it('a conversation with a transcript reads back from it exactly, with no error', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), (messages) => {
        const result = transcriptOfConversation(messages);
        if (!result.ok) return;
        const model = parseTranscript(result.text);
        assert.deepEqual(
          messagesOf(result.text),
          messages.map(({ speaker, content }) => ({ speaker, content })),
        );
        assert.deepEqual(
          problems(model).filter((problem) => problem.severity === 'error'),
          [],
        );
      }),
      settings,
    );
  });

  it('a conversation with no line that starts a tag or a marker, and no blank end, is never refused', () => {
    const plain = fc.record({
      speaker,
      content: fc
        .array(fc.constantFrom('text', '你好 😀', ' [A]: x', '```', 'x  ', '', ' <<<FILE a', '[A]：'), { maxLength: 6 })
        .map((lines) => `${lines.join('\n')}end`),
    });
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 6 }), (messages) => {
        const result = transcriptOfConversation(messages);
        assert.ok(result.ok, JSON.stringify(result));
      }),
      settings,
    );
  });

  it('the messages of a transcript without errors or preamble have a transcript, which gives them back', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const model = parseTranscript(text);
        if (model.preamble || text.includes('\0') || /[\ud800-\udfff]/.test(text)) return;
        if (problems(model).some((problem) => problem.severity === 'error')) return;
        const messages = messagesOf(text);
        const result = transcriptOfConversation(messages);
        assert.ok(result.ok, JSON.stringify({ text, result }));
        assert.deepEqual(messagesOf(result.text), messages);
        // The transcript written is canonical: writing its messages again gives it back to the character.
        assert.deepEqual(transcriptOfConversation(messagesOf(result.text)), result);
      }),
      settings,
    );
  });
});
