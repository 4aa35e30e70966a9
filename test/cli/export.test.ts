import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './helpers';

const CLEAN = join('test', 'fixtures', 'cli', 'clean.transcript');
const PROBLEMS = join('test', 'fixtures', 'cli', 'problems.transcript');

const lines = (stdout: string): unknown[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

function exportOf(input: string, args: readonly string[] = []) {
  return runCli(['export', '-', ...args], { input });
}

describe('transcript export', () => {
  it('writes an OpenAI line per transcript, its id from the file name, contents exactly', () => {
    const run = runCli(['export', CLEAN]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(lines(run.stdout), [
      {
        id: 'clean',
        messages: [
          { role: 'user', content: '你好，can you write a script? 😀' },
          {
            role: 'assistant',
            content:
              'Sure, here it is:\n<<<FILE src/hello.py\nprint("你好")\nFILE>>>\nRun it with `python src/hello.py`.',
          },
          { role: 'user', content: 'Thanks!' },
        ],
      },
    ]);
    assert.equal(run.stderr, 'transcript: 1 transcript exported (3 messages).\n');
  });

  it('writes ShareGPT conversations, with the system prompt in its own field', () => {
    const run = exportOf('[A]: hi\r\n[B]: hello\n\n', ['--format', 'sharegpt', '--system', 'Be brief.']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(lines(run.stdout), [
      {
        system: 'Be brief.',
        conversations: [
          { from: 'human', value: 'hi' },
          { from: 'gpt', value: 'hello' },
        ],
      },
    ]);
  });

  it('puts the system message first in OpenAI lines, and names standard input with --stdin-filename', () => {
    const run = exportOf('[A]: hi\n', ['--system', 'Be brief.', '--stdin-filename', 'chats/one.txt']);
    assert.deepEqual(lines(run.stdout), [
      {
        id: 'one',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
      },
    ]);
  });

  it('maps speakers with --role and names the speakers who share a role', () => {
    const run = exportOf('[Ann]: hi\n[Bo]: hey\n[Bot]: hello\n', [
      '--role',
      'Ann=user',
      '--role',
      'Bo=user',
      '--role',
      'Bot=assistant',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(lines(run.stdout), [
      {
        messages: [
          { role: 'user', name: 'Ann', content: 'hi' },
          { role: 'user', name: 'Bo', content: 'hey' },
          { role: 'assistant', content: 'hello' },
        ],
      },
    ]);
  });

  it('gives the speakers User, Assistant and System their roles without --role', () => {
    const run = exportOf('[System]: rules\n[User]: hi\n[Assistant]: hello\n');
    assert.deepEqual(
      (lines(run.stdout)[0] as { messages: { role: string }[] }).messages.map((message) => message.role),
      ['system', 'user', 'assistant'],
    );
  });

  it('refuses three speakers without --role, and a speaker --role leaves out, saying how to fix it', () => {
    const three = exportOf('[A]: a\n[B]: b\n[C]: c\n');
    assert.equal(three.status, 1);
    assert.equal(three.stdout, '');
    assert.match(three.stderr, /refused <stdin>: its 3 speakers \(`A`, `B`, `C`\) need roles: .*--role 'NAME=user'/);
    const left = exportOf('[A]: a\n[B]: b\n[C]: c\n', ['--role', 'A=user', '--role', 'B=assistant']);
    assert.equal(left.status, 1);
    assert.match(left.stderr, /refused <stdin>: the speaker `C` has no role: give it one with --role 'C=user'/);
    assert.doesNotMatch(left.stderr, /`A`/);
  });

  it('refuses a transcript with errors, listing them, and exports the others', () => {
    const run = runCli(['export', CLEAN, PROBLEMS]);
    assert.equal(run.status, 1);
    assert.deepEqual(
      lines(run.stdout).map((line) => (line as { id: string }).id),
      ['clean'],
    );
    assert.match(run.stderr, /refused test\/fixtures\/cli\/problems\.transcript: 1 error \(--allow-errors/);
    assert.match(run.stderr, /\n {2}test\/fixtures\/cli\/problems\.transcript:6:1: error file-block\/stray-closer /);
    assert.match(run.stderr, /1 transcript exported \(3 messages\), 1 refused\.\n$/);
  });

  it('exports a transcript with errors under --allow-errors', () => {
    const run = runCli(['export', PROBLEMS, '--allow-errors', '--role', 'A=user', '--role', 'B=assistant']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(lines(run.stdout).length, 1);
  });

  it('does not refuse warnings or a transcript that only looks odd', () => {
    const run = exportOf('[A]: x\n```py\nunclosed\n[B]: y\n');
    assert.equal(run.status, 0, run.stderr);
  });

  it('under --strict refuses an assistant first, two messages in a row from one side and empty messages', () => {
    const run = exportOf('[A]: hi\n[A]: again\n[B]:\n', ['--strict']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /line 2: a second user message in a row/);
    assert.match(run.stderr, /line 3: an empty message/);
    const first = exportOf('[B]: hello\n[A]: hi\n', ['--strict', '--role', 'A=user', '--role', 'B=assistant']);
    assert.match(first.stderr, /line 1: the assistant speaks first/);
    const late = exportOf('[A]: hi\n[S]: rules\n', ['--strict', '--role', 'A=user', '--role', 'S=system']);
    assert.match(late.stderr, /line 2: a system message after the conversation has started/);
  });

  it('under --strict accepts an alternating conversation after a system message', () => {
    const run = exportOf('[System]: rules\n[User]: hi\n[Assistant]: hello\n[User]: bye\n', ['--strict']);
    assert.equal(run.status, 0, run.stderr);
  });

  it('fences or drops FILE blocks with --files', () => {
    const input = '[A]: see\n<<<FILE a.md\n```\nx\n```\nFILE>>>\nok?\n';
    const content = (args: string[]) =>
      (lines(exportOf(input, args).stdout)[0] as { messages: { content: string }[] }).messages[0]!.content;
    assert.equal(content([]), 'see\n<<<FILE a.md\n```\nx\n```\nFILE>>>\nok?');
    assert.equal(content(['--files', 'fence']), 'see\n````a.md\n```\nx\n```\n````\nok?');
    assert.equal(content(['--files', 'drop']), 'see\nok?');
  });

  it('writes every line to --out FILE, and will not replace it without --force', () => {
    const dir = tempDir();
    const out = join(dir, 'data.jsonl');
    const run = runCli(['export', CLEAN, PROBLEMS, '--out', out, '-j', '1']);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, '1 transcript exported (3 messages), 1 refused.\n');
    assert.equal(lines(readFileSync(out, 'utf8')).length, 1);
    const again = runCli(['export', CLEAN, '--out', out]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /data\.jsonl exists: --force replaces it/);
    assert.equal(runCli(['export', CLEAN, '--out', out, '--force']).status, 0);
  });

  it('writes a file per transcript to --out DIR/, and refuses two transcripts of one name', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'one.transcript'), '[A]: 1\n');
    writeFileSync(join(dir, 'a', 'two.txt'), '[A]: 2\n');
    writeFileSync(join(dir, 'b', 'ONE.transcript'), '[A]: 3\n');
    const out = join(dir, 'out') + '/';
    const run = runCli(['export', join(dir, 'a'), join(dir, 'b'), '--out', out]);
    assert.equal(run.status, 1);
    assert.deepEqual(readdirSync(out).sort(), ['one.jsonl', 'two.jsonl']);
    assert.match(run.stderr, /refused .*ONE\.transcript: ONE\.jsonl is the file of .*one\.transcript already/);
    assert.deepEqual(lines(readFileSync(join(out, 'two.jsonl'), 'utf8')), [
      { id: 'two', messages: [{ role: 'user', content: '2' }] },
    ]);
  });

  it('never writes through a symbolic link in --out DIR, even with --force', () => {
    const dir = tempDir();
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'keep');
    mkdirSync(join(dir, 'out'));
    symlinkSync(outside, join(dir, 'out', 'clean.jsonl'));
    assert.equal(runCli(['export', CLEAN, '--out', join(dir, 'out')]).status, 1);
    assert.equal(readFileSync(outside, 'utf8'), 'keep');
    assert.equal(runCli(['export', CLEAN, '--out', join(dir, 'out'), '--force']).status, 0);
    assert.equal(readFileSync(outside, 'utf8'), 'keep');
    assert.equal(lines(readFileSync(join(dir, 'out', 'clean.jsonl'), 'utf8')).length, 1);
  });

  it('writes the same lines from worker threads as from one thread', () => {
    const dir = tempDir();
    for (let index = 0; index < 40; index++)
      writeFileSync(join(dir, `${String(index).padStart(2, '0')}.transcript`), `[A]: ${index}\n[B]: ok\n`);
    const one = runCli(['export', dir, '-j', '1']);
    const many = runCli(['export', dir, '-j', '4']);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(many.stdout, one.stdout);
    assert.equal(lines(one.stdout).length, 40);
  });

  it('keeps control characters exact in JSON and escaped on the terminal', () => {
    const run = exportOf('[A\x1bc]: a\x07\n[B]: b\n[C]: c\n');
    assert.match(run.stderr, /`A\\x1bc`/);
    assert.ok(!run.stderr.includes('\x1b'), run.stderr);
    const ok = exportOf('[A]: a\x07\n');
    assert.deepEqual(lines(ok.stdout), [{ messages: [{ role: 'user', content: 'a\x07' }] }]);
  });

  it('rejects an unknown format, --files mode or role as a usage error', () => {
    assert.equal(runCli(['export', CLEAN, '--format', 'xml']).status, 2);
    assert.equal(runCli(['export', CLEAN, '--files', 'zip']).status, 2);
    const role = runCli(['export', CLEAN, '--role', 'A=bot']);
    assert.equal(role.status, 2);
    assert.match(role.stderr, /a role must be one of user, assistant, system, not `bot`/);
  });

  it('makes messages of only the speakers named with --speaker, whose roles are then the default two', () => {
    const run = exportOf('[Narrator]: It rains.\n[A]: hi\n[Narrator]: Later.\n[B]: yo\n', [
      '--speaker',
      'A',
      '--speaker',
      'B',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(lines(run.stdout), [
      {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'yo' },
        ],
      },
    ]);
    assert.equal(exportOf('[Narrator]: x\n[A]: hi\n[B]: yo\n').status, 1, 'three speakers need roles without it');
    assert.equal(exportOf('[A]: hi\n', ['--format', 'html', '--speaker', 'A']).status, 2);
  });
});
