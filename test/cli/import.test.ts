import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { conversation, transcriptOfConversation } from '../../src/core/conversation';
import { parseTranscript } from '../../src/core/parse';
import type { DatasetFormat, Role } from '../../src/core/dataset';
import { exportModel, type ExportSettings } from '../../src/cli/export-file';
import { fileName, importConversation } from '../../src/core/dataset-import';
import { settings, transcriptText } from '../core/arbitraries';
import { runCli, tempDir } from './helpers';

function importInto(input: string, args: readonly string[] = [], name = 'in.jsonl') {
  const dir = tempDir();
  writeFileSync(join(dir, name), input);
  const out = join(dir, 'out');
  const run = runCli(['import', join(dir, name), '--out', out, ...args]);
  const files = (() => {
    try {
      return Object.fromEntries(readdirSync(out).map((file) => [file, readFileSync(join(out, file), 'utf8')]));
    } catch {
      return {};
    }
  })();
  return { ...run, files, dir, out, stderr: run.stderr.replaceAll(dir, 'DIR') };
}

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

describe('transcript import', () => {
  it('writes a transcript per OpenAI line, named from its id, speakers named by role', () => {
    const run = importInto(
      line({
        id: 'chat-1',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello\nthere' },
        ],
      }),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.files, {
      'chat-1.transcript': '[System]: Be brief.\n[User]: hi\n[Assistant]: hello\nthere\n',
    });
    assert.equal(run.stdout, '1 transcript written.\n');
  });

  it('reads ShareGPT by its shape, its system field first, and names a line without id by its number', () => {
    const run = importInto(
      `\n${line({
        system: 'Rules.',
        conversations: [
          { from: 'human', value: 'q' },
          { from: 'gpt', value: 'a' },
        ],
      })}`,
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.files, { 'line-2.transcript': '[System]: Rules.\n[User]: q\n[Assistant]: a\n' });
  });

  it('names speakers with --speaker, and a message by its name', () => {
    const run = importInto(
      line({
        messages: [
          { role: 'user', name: 'Ann', content: 'hi' },
          { role: 'user', content: 'hey' },
          { role: 'assistant', content: 'hello' },
        ],
      }),
      ['--speaker', 'user=Bo', '--speaker', 'assistant=Dr. Chen'],
    );
    assert.deepEqual(Object.values(run.files), ['[Ann]: hi\n[Bo]: hey\n[Dr. Chen]: hello\n']);
  });

  it('reads a JSON array, naming conversations without id by their place', () => {
    const input = JSON.stringify([
      { messages: [{ role: 'user', content: 'one' }] },
      { conversations: [{ from: 'human', value: 'two' }] },
    ]);
    const run = importInto(input, [], 'in.json');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.files, { 'item-1.transcript': '[User]: one\n', 'item-2.transcript': '[User]: two\n' });
  });

  it('reports a malformed line with its number and imports the rest', () => {
    const run = importInto(`${line({ id: 'a', messages: [] })}{"messages": [\n${line({ id: 'b', messages: [] })}[1]\n`);
    assert.equal(run.status, 1);
    assert.deepEqual(Object.keys(run.files).sort(), ['a.transcript', 'b.transcript']);
    assert.match(run.stderr, /DIR\/in\.jsonl:2: not JSON: /);
    assert.match(run.stderr, /DIR\/in\.jsonl:4: expected a JSON object, not an array/);
    assert.equal(run.stdout, '2 transcripts written, 2 malformed lines.\n');
  });

  it('reports each tool call, tool message and non-text part it skips, and keeps the text', () => {
    const run = importInto(
      line({
        id: 't',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look' },
              { type: 'image_url', image_url: { url: 'x' } },
            ],
          },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: '1', type: 'function', function: { name: 'see', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: '1', content: 'a cat' },
          { role: 'assistant', content: 'A cat.' },
          { role: 'user', content: 42 },
        ],
      }),
    );
    assert.equal(run.status, 1);
    assert.deepEqual(run.files, { 't.transcript': '[User]: look\n[Assistant]: A cat.\n' });
    assert.deepEqual(run.stderr.trim().split('\n'), [
      'transcript: DIR/in.jsonl:1: skipped message 1: part 2, of type `image_url` (only text parts are read)',
      'transcript: DIR/in.jsonl:1: skipped message 2: tool call 1 (`see`) (tool calls have no transcript form)',
      'transcript: DIR/in.jsonl:1: skipped message 5: its content is a number, not text',
      'transcript: DIR/in.jsonl:1: skipped message 5: it has no text',
      "transcript: DIR/in.jsonl:1: skipped message 3: its role `tool` has no speaker (--speaker 'tool=NAME' gives it one)",
    ]);
  });

  it('imports tool messages under a speaker that --speaker gives them', () => {
    const run = importInto(line({ id: 't', messages: [{ role: 'tool', content: 'a cat' }] }), [
      '--speaker',
      'tool=Tool',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.files, { 't.transcript': '[Tool]: a cat\n' });
  });

  it('refuses a conversation that would read back differently, saying which message and line', () => {
    const run = importInto(
      line({ id: 'a', messages: [{ role: 'user', content: 'ok' }] }) +
        line({
          id: 'b',
          messages: [
            { role: 'user', content: 'x' },
            { role: 'assistant', content: 'see:\n[User]: hi' },
          ],
        }) +
        line({ id: 'c', messages: [{ role: 'user', content: 'x\n<<<FILE a.py\n' }] }) +
        line({ id: 'd', messages: [{ role: 'user', content: 'x\n<<<FILE a.py\nprint()' }] }) +
        line({ id: 'e', messages: [{ role: 'user', content: 'a\r\nb' }] }),
    );
    assert.equal(run.status, 1);
    assert.deepEqual(Object.keys(run.files), ['a.transcript']);
    assert.deepEqual(run.stderr.trim().split('\n'), [
      'transcript: DIR/in.jsonl:2: refused: message 2 (Assistant) cannot be written exactly: its line 2 starts with a speaker tag and would start a turn',
      "transcript: DIR/in.jsonl:3: refused: message 1 (User) ends in a blank line or in white space, where a turn's text never ends (--normalize writes line ends as \\n and drops blank ends)",
      'transcript: DIR/in.jsonl:4: refused: message 1 (User) cannot be written exactly: its line 2 is a FILE marker that makes no closed block within the message',
      'transcript: DIR/in.jsonl:5: refused: message 1 (User) has a carriage return, which a transcript reads as a line end (--normalize writes line ends as \\n and drops blank ends)',
    ]);
  });

  it('writes CR line ends as \\n and drops blank ends under --normalize', () => {
    const run = importInto(line({ id: 'e', messages: [{ role: 'user', content: 'a\r\nb\r\n\r\n' }] }), ['--normalize']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.files, { 'e.transcript': '[User]: a\nb\n' });
  });

  it('imports closed FILE blocks as they are', () => {
    const content = 'Here:\n<<<FILE a.py\n[B]: in the file\nFILE>>>';
    const run = importInto(line({ id: 'f', messages: [{ role: 'assistant', content }] }));
    assert.deepEqual(run.files, { 'f.transcript': `[Assistant]: ${content}\n` });
  });

  it('never lets an id leave the folder: unsafe ids get the line name', () => {
    const ids = ['../up', 'a/b', 'a\\b', '..', '.', 'x\x1b[2J', 'CON', 'dot.', ''];
    const run = importInto(ids.map((id) => line({ id, messages: [{ role: 'user', content: 'x' }] })).join(''));
    assert.equal(run.status, 0, run.stderr);
    // `..` and `.` make the names `...transcript` and `..transcript`: one segment each, which `export` reads back as the id.
    assert.deepEqual(Object.keys(run.files).sort(), [
      '...transcript',
      '..transcript',
      'dot..transcript',
      'line-1.transcript',
      'line-2.transcript',
      'line-3.transcript',
      'line-6.transcript',
      'line-7.transcript',
      'line-9.transcript',
    ]);
    assert.deepEqual(readdirSync(run.dir).sort(), ['in.jsonl', 'out']);
    assert.match(run.stderr, /the id `x\\x1b\[2J` is not a safe file name/);
    assert.ok(!run.stderr.includes('\x1b'));
  });

  it('keeps safe ids, CJK ones included', () => {
    assert.deepEqual(fileName('会话-1', 'line-1'), { name: '会话-1.transcript' });
    assert.equal(fileName('x'.repeat(250), 'line-1').name, 'line-1.transcript');
  });

  it('refuses a second conversation of the same id, in any letter case', () => {
    const run = importInto(
      line({ id: 'a', messages: [{ role: 'user', content: '1' }] }) +
        line({ id: 'A', messages: [{ role: 'user', content: '2' }] }),
    );
    assert.equal(run.status, 1);
    assert.deepEqual(run.files, { 'a.transcript': '[User]: 1\n' });
    assert.match(run.stderr, /in\.jsonl:2: refused: A\.transcript is written from DIR\/in\.jsonl:1 already/);
  });

  it('does not overwrite a transcript or write through a link without --force, and replaces with it', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(dir, 'outside.txt'), 'keep');
    symlinkSync(join(dir, 'outside.txt'), join(out, 'a.transcript'));
    writeFileSync(join(dir, 'in.jsonl'), line({ id: 'a', messages: [{ role: 'user', content: 'new' }] }));
    const run = runCli(['import', join(dir, 'in.jsonl'), '--out', out]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /a\.transcript exists \(--force replaces it\)/);
    assert.equal(readFileSync(join(dir, 'outside.txt'), 'utf8'), 'keep');
    assert.equal(runCli(['import', join(dir, 'in.jsonl'), '--out', out, '--force']).status, 0);
    assert.equal(readFileSync(join(dir, 'outside.txt'), 'utf8'), 'keep');
    assert.equal(readFileSync(join(out, 'a.transcript'), 'utf8'), '[User]: new\n');
  });

  it('reads standard input, and forces a format with --format', () => {
    const dir = tempDir();
    const input = line({ id: 's', messages: [], conversations: [{ from: 'gpt', value: 'hi' }] });
    assert.equal(runCli(['import', '-', '--out', dir, '--format', 'sharegpt'], { input }).status, 0);
    assert.equal(readFileSync(join(dir, 's.transcript'), 'utf8'), '[Assistant]: hi\n');
  });

  it('says what is wrong with input that is not a dataset, or not text', () => {
    const run = importInto('{"foo": 1}\n');
    assert.match(
      run.stderr,
      /in\.jsonl:1: neither `messages` \(OpenAI\) nor `conversations` \(ShareGPT\) is an array here/,
    );
    const binary = importInto('\0\0\0');
    assert.equal(binary.status, 2);
    assert.match(binary.stderr, /not a text file: .*binary file/);
  });

  it('rejects a --speaker name that is not a speaker label, and a missing --out', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.jsonl'), '');
    const bad = runCli(['import', join(dir, 'in.jsonl'), '--out', dir, '--speaker', 'user=a]b']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--speaker user=a\]b: A speaker label cannot contain/);
    assert.equal(runCli(['import', join(dir, 'in.jsonl')]).status, 2);
  });
});

// The round trips, on the functions the commands run for each conversation.
const ROLE_OF: ReadonlyMap<string, Role> = new Map([
  ['Ann', 'user'],
  ['Bot', 'assistant'],
  ['Sys', 'system'],
]);
const SPEAKER_OF = new Map([...ROLE_OF].map(([speaker, role]) => [role as string, speaker]));
const exportSettings = (format: DatasetFormat): ExportSettings => ({
  format,
  files: 'keep',
  roles: ROLE_OF,
  system: undefined,
  allowErrors: false,
  strict: false,
});

const contentLine = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('hello', '你好，world 😀', '  indented', '```py', '~~~', 'x = 1', '') },
  { weight: 2, arbitrary: fc.constantFrom('<<<FILE a.py', 'FILE>>>', '[Ann]: hi', '[x]：', 'FILE>>> x', '<<<FILE') },
  { weight: 1, arbitrary: fc.string({ maxLength: 5 }) },
);
const content = fc.array(contentLine, { maxLength: 6 }).map((lines) => lines.join('\n'));

function importOf(json: string, format?: DatasetFormat) {
  const imported = importConversation(JSON.parse(json), { format, speakers: SPEAKER_OF, normalize: false });
  assert.ok(!('malformed' in imported));
  return imported;
}

describe('import and export, both ways', () => {
  it('import(export(t)) is t for every transcript export accepts, in both formats', () => {
    const turn = fc.record({ speaker: fc.constantFrom('Ann', 'Bot'), content });
    fc.assert(
      fc.property(
        fc.array(turn, { maxLength: 6 }),
        fc.constantFrom<DatasetFormat>('openai', 'sharegpt'),
        (turns, format) => {
          const written = transcriptOfConversation(turns);
          if (!written.ok) return;
          const t = written.text;
          const exported = exportModel('t.transcript', parseTranscript(t), exportSettings(format));
          if (!exported.ok) return;
          const imported = importOf(exported.line);
          assert.ok(imported.ok, JSON.stringify(imported));
          assert.equal(imported.text, t);
          assert.deepEqual(imported.skipped, []);
          assert.equal(imported.id, 't');
        },
      ),
      settings,
    );
  });

  it('import(export(t)) keeps the messages of any transcript export accepts', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        if (text.includes('\0') || /[\ud800-\udfff]/.test(text)) return;
        const model = parseTranscript(text);
        const speakers = new Set(conversation(model).map((turn) => turn.speaker));
        const roles = new Map(
          [...speakers].map((speaker, index) => [speaker, index % 2 ? 'assistant' : 'user'] as const),
        );
        const exported = exportModel('t.txt', model, { ...exportSettings('openai'), roles });
        if (!exported.ok) return;
        const named = new Map([...roles].map(([speaker, role]) => [role as string, speaker]));
        const again = importConversation(JSON.parse(exported.line), {
          format: undefined,
          speakers: named,
          normalize: false,
        });
        assert.ok('ok' in again && again.ok, JSON.stringify({ text, again }));
        const messages = (source: string) => conversation(parseTranscript(source)).map((turn) => turn.content);
        assert.deepEqual(messages(again.text), messages(text));
      }),
      settings,
    );
  });

  it('export(import(j)) is j for OpenAI conversations of text messages', () => {
    const message = fc.record({ role: fc.constantFrom<Role>('user', 'assistant', 'system'), content });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), fc.constantFrom('c1', '会话'), (messages, id) => {
        const j = JSON.stringify({ id, messages });
        const imported = importOf(j);
        if (!imported.ok) return;
        const file = fileName(imported.id, 'line-1').name;
        const exported = exportModel(file, parseTranscript(imported.text), exportSettings('openai'));
        assert.ok(exported.ok, JSON.stringify(exported));
        assert.equal(exported.line, j);
      }),
      settings,
    );
  });

  it('export(import(j)) is j for ShareGPT conversations with or without a system field', () => {
    const turn = fc.record({ from: fc.constantFrom('human', 'gpt'), value: content });
    fc.assert(
      fc.property(
        fc.array(turn, { maxLength: 6 }),
        fc.option(content.filter((text) => text !== '')),
        (conversations, system) => {
          const j = JSON.stringify({ id: 's', ...(system === null ? {} : { system }), conversations });
          const imported = importOf(j);
          if (!imported.ok) return;
          const exported = exportModel('s.transcript', parseTranscript(imported.text), exportSettings('sharegpt'));
          assert.ok(exported.ok, JSON.stringify(exported));
          assert.equal(exported.line, j);
        },
      ),
      settings,
    );
  });

  it('accepts most generated conversations, so the round trips are not vacuous', () => {
    const accepted = fc
      .sample(fc.array(fc.record({ role: fc.constantFrom('user', 'assistant'), content }), { maxLength: 6 }), 500)
      .filter((messages) => {
        const imported = importOf(JSON.stringify({ messages }));
        return imported.ok;
      }).length;
    assert.ok(accepted > 200, `${accepted} of 500 accepted`);
  });

  it('gives the speakers of a shared role back from their names', () => {
    const t = '[Ann]: hi\n[Cy]: hey\n[Bot]: hello\n';
    const roles = new Map<string, Role>([
      ['Ann', 'user'],
      ['Cy', 'user'],
      ['Bot', 'assistant'],
    ]);
    const exported = exportModel('t.transcript', parseTranscript(t), { ...exportSettings('openai'), roles });
    assert.ok(exported.ok);
    const imported = importOf(exported.line);
    assert.ok(imported.ok);
    assert.equal(imported.text, t);
  });
});
