import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnostics, problems, problemsOfSections, sameDiagnostics } from '../../src/core/diagnostics';
import { sectionsOnLines } from '../../src/core/sections';
import { problemMessage } from '../../src/core/messages';
import { ENGLISH } from '../../src/core/messages-en';
import { parseTranscript } from '../../src/core/parse';
import { applyChange } from '../../src/core/reparse';
import { SEEDS, codesOf, fixture } from './helpers';

/** Each code: a text where it fires (on the given line) and a near twin where it does not. */
const CASES: Array<{ code: string; fires: string; line: number; quiet: string }> = [
  {
    code: 'file-block/unterminated',
    fires: '[A]: x\n<<<FILE a.py\nprint(1)\n[B]: y',
    line: 1,
    quiet: '[A]: x\n<<<FILE a.py\nprint(1)\nFILE>>>\n[B]: y',
  },
  {
    code: 'file-block/missing-path',
    fires: '[A]: x\n<<<FILE\nbody\nFILE>>>',
    line: 1,
    quiet: '[A]: x\n<<<FILE a.txt\nbody\nFILE>>>',
  },
  { code: 'file-block/stray-closer', fires: '[A]: x\nFILE>>>', line: 1, quiet: '[A]: x\n<<<FILE a\nb\nFILE>>>' },
  {
    code: 'file-block/nested-opener',
    fires: '[A]: x\n<<<FILE a\n<<<FILE b\nFILE>>>',
    line: 2,
    quiet: '[A]: x\n<<<FILE a\nFILE>>>\n<<<FILE b\nc\nFILE>>>',
  },
  {
    code: 'file-block/malformed-marker',
    fires: '[A]: x\n<<<file a.py',
    line: 1,
    quiet: '[A]: x\nthe file <<<FILE a.py is here',
  },
  {
    code: 'file-block/unsafe-path',
    fires: '[A]: x\n<<<FILE ../a\nb\nFILE>>>',
    line: 1,
    quiet: '[A]: x\n<<<FILE a/b.c\nb\nFILE>>>',
  },
  { code: 'file-block/empty', fires: '[A]: x\n<<<FILE a\nFILE>>>', line: 1, quiet: '[A]: x\n<<<FILE a\n\nFILE>>>' },
  {
    code: 'file-block/duplicate-path',
    fires: '[A]: x\n<<<FILE a\n1\nFILE>>>\n[B]: y\n<<<FILE a\n2\nFILE>>>',
    line: 5,
    quiet: '[A]: x\n<<<FILE a\n1\nFILE>>>\n[B]: y\n<<<FILE a\n1\nFILE>>>',
  },
  {
    code: 'file-block/holds-speaker-lines',
    fires: '[A]: x\n<<<FILE a.txt\n1\n[B]: 你好 😀\nFILE>>>',
    line: 3,
    quiet: '[A]: x\n<<<FILE a.txt\n1\n [B]: indented\nFILE>>>',
  },
  { code: 'turn/text-before-first-turn', fires: 'hello\n[A]: x', line: 0, quiet: '\n  \n[A]: x' },
  { code: 'turn/malformed-speaker-tag', fires: '[A]: x\n[B]：y', line: 1, quiet: '[A]: x\n[B]:y' },
  { code: 'fence/unclosed', fires: '[A]: x\n```js\nf()\n[B]: y', line: 1, quiet: '[A]: x\n```js\nf()\n```\n[B]: y' },
];

describe('diagnostics', () => {
  for (const { code, fires, line, quiet } of CASES) {
    it(`reports ${code} where it applies`, () => {
      assert.deepEqual(
        codesOf(fires).filter(([found]) => found === code),
        [[code, line]],
      );
    });
    it(`does not report ${code} on the well-formed twin`, () => {
      assert.deepEqual(
        codesOf(quiet).filter(([found]) => found === code),
        [],
      );
    });
  }

  it('reports nothing for the seeds', () => {
    for (const [name, text] of SEEDS) assert.deepEqual(codesOf(text), [], name);
  });

  it('reports every code of the malformed fixture on its line, in order', () => {
    assert.deepEqual(codesOf(fixture('malformed.transcript')), [
      ['turn/text-before-first-turn', 0],
      ['turn/malformed-speaker-tag', 5],
      ['file-block/stray-closer', 7],
      ['file-block/malformed-marker', 8],
      ['file-block/duplicate-path', 10],
      ['file-block/empty', 13],
      ['file-block/missing-path', 13],
      ['file-block/unsafe-path', 15],
      ['file-block/nested-opener', 20],
      ['fence/unclosed', 22],
      ['file-block/unterminated', 25],
    ]);
  });

  it('gives LSP severities, the transcript source and related information into the same document', () => {
    const model = parseTranscript('[A]: x\n<<<FILE a\n<<<FILE b\nFILE>>>');
    const [nested] = diagnostics(model, 'file:///x.transcript');
    assert.equal(nested!.severity, 2);
    assert.equal(nested!.source, 'transcript');
    assert.deepEqual(nested!.relatedInformation, [
      {
        location: {
          uri: 'file:///x.transcript',
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } },
        },
        message: 'The block that is still open',
      },
    ]);
  });

  it('says where recovery ended an unterminated block and how many speaker lines it spared', () => {
    const [problem] = problems(parseTranscript('[A]: x\n<<<FILE a.py\nprint(1)\n[B]: y\n[C]: z'));
    const message = problemMessage(ENGLISH, problem!);
    assert.match(message, /after 1 content line, before the next speaker line `\[B\]:`/);
    assert.match(message, /swallow 2 speaker lines/);
  });

  it('recognises every malformed marker form and shows the correct one', () => {
    const forms: Array<[string, string | undefined]> = [
      ['<<<file a.py', '<<<FILE a.py'],
      ['<<< FILE a.py', '<<<FILE a.py'],
      ['<<FILE a.py', '<<<FILE a.py'],
      ['<<<FILE:a.py>>>', '<<<FILE a.py'],
      ['  <<<FILE a.py', '<<<FILE a.py'],
      ['FILE >>>', 'FILE>>>'],
      ['FILE>>', 'FILE>>>'],
      ['file>>>', 'FILE>>>'],
      ['  FILE>>>', 'FILE>>>'],
      ['<<<END FILE>>>', 'FILE>>>'],
      ['FILE>>> and more', undefined],
    ];
    for (const [line, replacement] of forms) {
      const found = problems(parseTranscript(`[A]: x\n${line}`));
      assert.equal(found.length, 1, line);
      assert.equal(found[0]!.code, 'file-block/malformed-marker', line);
      assert.equal(found[0]!.replacement, replacement, line);
      if (replacement) assert.ok(problemMessage(ENGLISH, found[0]!).includes(replacement), line);
    }
  });

  it('leaves prose that merely mentions files alone', () => {
    for (const line of [
      'File > Preferences > Settings',
      '<file>',
      'FILE: notes',
      'Profile >>> skills',
      'a <<<FILE b',
    ]) {
      assert.deepEqual(codesOf(`[A]: x\n${line}`), [], line);
    }
  });

  it('recognises every malformed speaker tag form', () => {
    for (const [line, replacement] of [
      ['[A]：hi', '[A]:'],
      ['【A】: hi', '[A]:'],
      ['【用户】：你好', '[用户]:'],
      ['[A] : hi', '[A]:'],
    ]) {
      const found = problems(parseTranscript(`[X]: x\n${line}`));
      assert.deepEqual(
        found.map((problem) => [problem.code, problem.replacement]),
        [['turn/malformed-speaker-tag', replacement]],
        line,
      );
    }
  });

  it('flags every unsafe path form and no safe one', () => {
    for (const path of [
      '/etc/x',
      '~/x',
      'C:\\x',
      '\\\\server\\x',
      'a/../b',
      'a\\b',
      'a//b',
      'a/b/',
      'a\u0001b',
      'a<b',
      'a|b',
      'a?b',
      'a*b',
      'a"b',
      'a:b',
      'a\u009bb',
      'a\u202eb',
      '.git/config',
      '.Git./x',
      'git~1/x',
      'a/.hg/hgrc',
    ]) {
      assert.deepEqual(codesOf(`[A]: x\n<<<FILE ${path}\n1\nFILE>>>`), [['file-block/unsafe-path', 1]], path);
    }
    for (const path of [
      'a.py',
      'src/a.py',
      '.github/workflows/ci.yml',
      '.gitignore',
      'src/.gitkeep',
      'a b/c d.txt',
      '文件/说明.md',
    ]) {
      assert.deepEqual(codesOf(`[A]: x\n<<<FILE ${path}\n1\nFILE>>>`), [], path);
    }
  });

  it('reports a look-alike tag on the first line once, not also as text before the first turn', () => {
    assert.deepEqual(codesOf('[A]：你好\n[B]: hi'), [['turn/malformed-speaker-tag', 0]]);
    assert.deepEqual(codesOf('[A]：你好\nnotes\n[B]: hi'), [
      ['turn/malformed-speaker-tag', 0],
      ['turn/text-before-first-turn', 1],
    ]);
  });

  it('keeps look-alikes inside FILE blocks and fences as content', () => {
    assert.deepEqual(codesOf('[A]: x\n<<<FILE a.md\n[B]：y\n<<<file z\nFILE>>>'), []);
    assert.deepEqual(codesOf('[A]: x\n```\n[B]：y\n<<<file z\nFILE>>>\n```'), []);
  });
});

describe('diagnostics across edits', () => {
  const text = [
    '[A]: first',
    '<<<FILE a.py',
    'one',
    'FILE>>>',
    '[B]: second',
    'FILE>>>',
    '[A]: third',
    '<<<FILE a.py',
    'two',
    'FILE>>>',
    'FILE>>>',
  ].join('\n');
  const typed = (model: ReturnType<typeof parseTranscript>, inserted: string) => {
    const at = { line: 4, character: 11 };
    return applyChange(model, { range: { start: at, end: at }, text: inserted });
  };

  it('moves the problems of turns an edit left alone, and their related places, with the lines above them', () => {
    const model = parseTranscript(text);
    diagnostics(model, 'file:///a');
    const edited = typed(model, '\nmore\n');
    assert.deepEqual(
      diagnostics(edited, 'file:///a'),
      diagnostics(parseTranscript(edited.text.toString()), 'file:///a'),
    );
    assert.deepEqual(
      diagnostics(edited, 'file:///a').map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
      [
        ['file-block/stray-closer', 7],
        ['file-block/duplicate-path', 9],
        ['file-block/stray-closer', 12],
      ],
    );
    assert.equal(diagnostics(edited, 'file:///a')[1]!.relatedInformation![0]!.location.range.start.line, 1);
  });

  it('finds the problems of two versions the same when a letter typed in prose changed none', () => {
    const model = parseTranscript(text);
    assert.ok(sameDiagnostics(diagnostics(model, 'file:///a'), diagnostics(typed(model, 's'), 'file:///a')));
  });

  it('finds them different when a line break moved them, or when only a related place differs', () => {
    const model = parseTranscript(text);
    const before = diagnostics(model, 'file:///a');
    assert.ok(!sameDiagnostics(before, diagnostics(typed(model, '\n'), 'file:///a')));
    const related = before.map((diagnostic) =>
      diagnostic.relatedInformation
        ? {
            ...diagnostic,
            relatedInformation: diagnostic.relatedInformation.map((place) => ({ ...place, message: 'other' })),
          }
        : diagnostic,
    );
    assert.ok(!sameDiagnostics(before, related));
    assert.ok(!sameDiagnostics(before, before.slice(1)));
  });
});

describe('problems of some sections', () => {
  const text = [
    'FILE>>>',
    '[A]: x',
    '<<<FILE a.py',
    '1',
    'FILE>>>',
    '[B]: y',
    'FILE>>>',
    '<<<FILE a.py',
    '2',
    'FILE>>>',
    '[C]: z',
    '<<<FILE b.py',
  ].join('\n');
  const model = parseTranscript(text);

  it("are the document's problems that lie in them, for every range of lines", () => {
    const all = problems(model);
    for (let from = 0; from < 12; from++)
      for (let to = from; to < 12; to++) {
        const sections = sectionsOnLines(model, from, to);
        const inSections = all.filter((problem) =>
          sections.some(
            (section) => problem.span.start >= section.span.start && problem.span.start <= section.span.end,
          ),
        );
        assert.deepEqual(problemsOfSections(model, sections), inSections, `${from}–${to}`);
      }
  });

  it('leave out the problems of other sections, the duplicate of a path they hold among them', () => {
    const turnA = sectionsOnLines(model, 1, 1);
    assert.deepEqual(
      turnA.map((section) => section.startLine),
      [1],
    );
    assert.deepEqual(problemsOfSections(model, turnA), []);
    assert.ok(problems(model).some((problem) => problem.code === 'file-block/duplicate-path'));
  });
});
