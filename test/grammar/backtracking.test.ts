/**
 * Hostile 100 KB lines must tokenize quickly in every context of the transcript grammar: a regular
 * expression that backtracks catastrophically would freeze VS Code's tokenizer on such a line.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { INITIAL, type IGrammar, type StateStack } from 'vscode-textmate';
import { loadTranscriptGrammar } from './load-grammar';

/** Per line, far above the few milliseconds a linear scan of 100 KB takes, far below a visible freeze. */
const BOUND_MS = 100;
const SIZE = 100_000;
/**
 * Catastrophic backtracking is slow on every attempt; a busy machine or a garbage collection slows only
 * some. So each line is timed by its fastest of a few attempts.
 */
const ATTEMPTS = 3;

const run = (unit: string, length = SIZE): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Each tries to make some rule try many start points or many ways to split the line. */
const HOSTILE_LINES: Record<string, string> = {
  'only [': run('['),
  'only <': run('<'),
  'only spaces': run(' '),
  'only ideographic spaces': run('\u3000'),
  '[ then no ]': '[' + run('a'),
  '[ then ] far away': '[' + run('a') + ']:',
  '[ then ideographic spaces': '[' + run('\u3000') + ']:',
  'many short tags': run('[A]'),
  'only 【': run('【'),
  '【 then no 】': '【' + run('a'),
  'only (': run('('),
  'only （': run('（'),
  '( then ) and spaces': '(' + run(') ') + 'x',
  'tag, ( then no )': '[A]: (' + run('x'),
  'tag, ( then spaces': '[A]: ()' + run(' ') + 'x',
  '<<<FILE then spaces': '<<<FILE' + run(' ') + 'x',
  '<<<FILE then dots': '<<<FILE ' + run('.py '),
  '<<<FILE a.py then spaces': '<<<FILE a.py' + run(' ') + 'x',
  '<<<FILE then a long path': '<<<FILE ' + run('a/') + '.py',
  'FILE>>> then spaces': 'FILE>>>' + run(' ') + 'x',
  'FILE>>> then only spaces': 'FILE>>>' + run(' '),
  'only backticks': run('`'),
  'only tildes': run('~'),
  'fence then backticks': '```python' + run('`'),
  'fence then spaces': '```' + run(' ') + 'x',
  'CJK prose with emoji': run('你好，world 😂 '),
};

/** Lines that put the tokenizer into a context before the hostile line. */
const CONTEXTS: Record<string, string[]> = {
  'turn text': ['[A]: hi'],
  'python FILE block with an open """': ['<<<FILE a.py', 'x = """'],
  'raw FILE block': ['<<<FILE notes.txt'],
  'python fence': ['```python'],
  'raw fence': ['```'],
};

function tokenizeLines(grammar: IGrammar, lines: readonly string[], state: StateStack = INITIAL): StateStack {
  for (const line of lines) state = grammar.tokenizeLine(line, state).ruleStack;
  return state;
}

/** Milliseconds taken by the fastest of `attempts` calls of `work`. */
function fastestOf(attempts: number, work: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < attempts; i++) {
    const start = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** The scopes of the token at `offset` in `line`. */
function scopesAt(grammar: IGrammar, line: string, offset: number, state: StateStack): string[] {
  const { tokens } = grammar.tokenizeLine(line, state);
  return tokens.find((t) => t.startIndex <= offset && offset < t.endIndex)?.scopes ?? [];
}

let grammar: IGrammar;

before(async () => {
  grammar = await loadTranscriptGrammar();
  // Pay one-off costs up front (compiling each rule's scanner, growing WebAssembly memory for a 100 KB
  // string, JIT) so that the timings measure the grammar.
  for (const context of Object.values(CONTEXTS)) tokenizeLines(grammar, [...context, run('x'), '```', 'FILE>>>', '(x)']);
});

for (const [contextName, contextLines] of Object.entries(CONTEXTS)) {
  describe(`hostile line in ${contextName}`, () => {
    for (const [lineName, line] of Object.entries(HOSTILE_LINES)) {
      test(lineName, (t) => {
        const state = tokenizeLines(grammar, contextLines);
        const elapsed = fastestOf(ATTEMPTS, () => grammar.tokenizeLine(line, state));
        t.diagnostic(`${elapsed.toFixed(2)} ms`);
        assert.ok(elapsed < BOUND_MS, `${line.length} chars took ${elapsed.toFixed(1)} ms (bound ${BOUND_MS} ms)`);
      });
    }
  });
}

describe('structure survives hostile lines', () => {
  test('a label longer than 64 characters is not a tag; 64 is', () => {
    assert.ok(!scopesAt(grammar, '[' + run('a', 65) + ']: hi', 1, INITIAL).includes('entity.name.tag.speaker.transcript'));
    assert.ok(scopesAt(grammar, '[' + run('a', 64) + ']: hi', 1, INITIAL).includes('entity.name.tag.speaker.transcript'));
  });

  test('FILE>>> still closes a python block after an open """ and a 100 KB line', () => {
    const state = tokenizeLines(grammar, ['<<<FILE a.py', 'x = """', run('"')]);
    assert.ok(scopesAt(grammar, 'FILE>>>', 0, state).includes('keyword.control.file-block.end.transcript'));
  });

  test('a speaker line still ends a fence after a 100 KB line', () => {
    const state = tokenizeLines(grammar, ['```python', run('[')]);
    const scopes = scopesAt(grammar, '[B]: hi', 1, state);
    assert.ok(scopes.includes('entity.name.tag.speaker.transcript'));
    assert.ok(!scopes.includes('markup.fenced_code.block.transcript'));
  });

  test('a 100 KB parenthetical after a tag is a stage direction', () => {
    const scopes = scopesAt(grammar, '[B]: (' + run('系统提示') + ')', 10, INITIAL);
    assert.ok(scopes.includes('comment.line.stage-direction.transcript'));
  });
});
