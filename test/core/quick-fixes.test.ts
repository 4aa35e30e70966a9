import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { problems } from '../../src/core/diagnostics';
import type { Problem, ProblemCode } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';
import {
  codeActions,
  fixAllEdits,
  quickFixes,
  safeFixes,
  safeRelativePath,
  unusedPath,
} from '../../src/core/quick-fixes';
import { sectionOnLine } from '../../src/core/sections';
import { applyEdits } from './edits';
import { SEEDS, fixture } from './helpers';
import { lookAlikeText, settings } from './arbitraries';

/** The text after the first fix of the first problem with `code`. */
function fixed(text: string, code: ProblemCode, fixIndex = 0): string {
  const model = parseTranscript(text);
  const problem = problems(model).find((candidate) => candidate.code === code);
  assert.ok(problem, `no ${code} in ${JSON.stringify(text)}`);
  const fix = quickFixes(model, problem)[fixIndex];
  assert.ok(fix, `no fix ${fixIndex} for ${code}`);
  return applyEdits(model, fix.edits);
}

function fixAll(text: string): string {
  const model = parseTranscript(text);
  return applyEdits(model, fixAllEdits(model));
}

/**
 * Codes the safe fixes always remove (look-alikes keep theirs when no rewrite is safe); a nested opener
 * right under another opener keeps its problem, as closing there would leave an empty block.
 */
const ALWAYS_FIXED = new Set<string>([
  'file-block/stray-closer',
  'file-block/unterminated',
  'file-block/nested-opener',
  'fence/unclosed',
]);

/**
 * Whether fix-all leaves `problem` because fixing it would leave an empty block: a nested opener or a
 * stray closer right under an opener or its look-alike, or an unterminated opener on the block's last line.
 */
function leftToTheUser(text: string, problem: Problem): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const lineOf = (offset: number): number => text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
  const line = lineOf(problem.span.start);
  if (problem.code === 'file-block/nested-opener' || problem.code === 'file-block/stray-closer')
    // Look-alikes of an opener may start with white space (`\t<<<FILE a`, ` <<<file a`).
    return line > 0 && /^\ufeff?\s*<+\s*file/i.test(lines[line - 1]!);
  if (problem.code !== 'file-block/unterminated') return false;
  const block = [...parseTranscript(text).turns]
    .flatMap((turn) => turn.fileBlocks)
    .concat(parseTranscript(text).preamble?.fileBlocks ?? [])
    .find((candidate) => candidate.opener.start === problem.span.start);
  return block !== undefined && /^\ufeff?<<</.test(lines[block.endLine]!);
}

/** Whether fix-all applied every safe fix of `text`, rather than holding some back to cause no new problem. */
function appliedEverySafeFix(text: string): boolean {
  const model = parseTranscript(text);
  return (
    fixAllEdits(model).length ===
    safeFixes(model)
      .entries()
      .flatMap(([, edits]) => edits).length
  );
}

/** How many problems of each code `text` has. */
function codeCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const problem of problems(parseTranscript(text))) counts.set(problem.code, (counts.get(problem.code) ?? 0) + 1);
  return counts;
}

describe('quick fixes', () => {
  it('closes an unterminated block after the last line recovery kept', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE a.py\nprint(1)\n\n[B]: y', 'file-block/unterminated'),
      '[A]: x\n<<<FILE a.py\nprint(1)\n\nFILE>>>\n[B]: y',
    );
    assert.equal(
      fixed('[A]: x\r\n<<<FILE a.py\r\nprint(1)', 'file-block/unterminated'),
      '[A]: x\r\n<<<FILE a.py\r\nprint(1)\r\nFILE>>>',
    );
  });

  it('leaves to the user a nested opener right under its opener, where closing would leave an empty block', () => {
    const text = '[A]: x\n<<<FILE a.py\n<<<FILE b.py\n1\nFILE>>>\n';
    assert.equal(fixAll(text), text);
  });

  it('still offers to close the block before a nested opener right under its opener, when asked', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE a.py\n<<<FILE b.py\n1\nFILE>>>', 'file-block/nested-opener'),
      '[A]: x\n<<<FILE a.py\nFILE>>>\n<<<FILE b.py\n1\nFILE>>>',
    );
  });

  it('moves the closer of a block that holds speaker lines before the first of them', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE a.py\n1\n[B]: y\n2\nFILE>>>\n[C]: z', 'file-block/holds-speaker-lines'),
      '[A]: x\n<<<FILE a.py\n1\nFILE>>>\n[B]: y\n2\n[C]: z',
    );
  });

  it('leaves a block that holds speaker lines to the user in fix-all', () => {
    const text = '[A]: x\n<<<FILE a.py\n1\n[B]: y\nFILE>>>';
    assert.equal(fixAll(text), text);
  });

  it('closes the open block before a nested opener', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE a\n1\n<<<FILE b\n2\nFILE>>>', 'file-block/nested-opener'),
      '[A]: x\n<<<FILE a\n1\nFILE>>>\n<<<FILE b\n2\nFILE>>>',
    );
  });

  it('deletes a stray closer with its line break; on the last line the text keeps its final line break', () => {
    assert.equal(fixed('[A]: x\nFILE>>>\ny', 'file-block/stray-closer'), '[A]: x\ny');
    assert.equal(fixed('[A]: x\r\nFILE>>>', 'file-block/stray-closer'), '[A]: x\r\n');
    assert.equal(fixAll('FILE>>>\nFILE>>>'), '');
    assert.equal(fixAll('\ufeffFILE>>>\n[A]: x'), '\ufeff[A]: x');
    assert.equal(fixAll('FILE>>>\n\ufeff【A】:'), '\n\ufeff【A】:');
  });

  it('rewrites look-alike markers and speaker tags to the correct form', () => {
    assert.equal(
      fixed('[A]: x\n<<<file a.py\n1\nFILE>>>', 'file-block/malformed-marker'),
      '[A]: x\n<<<FILE a.py\n1\nFILE>>>',
    );
    assert.equal(
      fixed('[A]: x\n<<<FILE a\n1\nFILE >>>\n[B]: y', 'file-block/malformed-marker'),
      '[A]: x\n<<<FILE a\n1\nFILE>>>\n[B]: y',
    );
  });

  it('rewrites a look-alike speaker tag with the space after the colon that speaker lines have', () => {
    assert.equal(fixed('[A]: x\n【B】：你好', 'turn/malformed-speaker-tag'), '[A]: x\n[B]: 你好');
  });

  it('rewrites a look-alike speaker tag already followed by a space without adding another', () => {
    assert.equal(fixed('[A]: x\n[B] : hi', 'turn/malformed-speaker-tag'), '[A]: x\n[B]: hi');
  });

  it('rewrites a look-alike speaker tag that ends its line without a trailing space', () => {
    assert.equal(fixed('[A]: x\n[B]：\nmore', 'turn/malformed-speaker-tag'), '[A]: x\n[B]:\nmore');
  });

  it('moves text after a closer to the next line', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE a\n1\nFILE>>> done', 'file-block/malformed-marker'),
      '[A]: x\n<<<FILE a\n1\nFILE>>>\ndone',
    );
  });

  it('offers a placeholder path for a block without one', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE\n1\nFILE>>>', 'file-block/missing-path'),
      '[A]: x\n<<<FILE path.txt\n1\nFILE>>>',
    );
  });

  it('offers a safe relative path for an unsafe one', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE ../etc/passwd\n1\nFILE>>>', 'file-block/unsafe-path'),
      '[A]: x\n<<<FILE etc/passwd\n1\nFILE>>>',
    );
  });

  it('renames a duplicate path to an unused one', () => {
    assert.equal(
      fixed('[A]: x\n<<<FILE a.py\n1\nFILE>>>\n<<<FILE a.py\n2\nFILE>>>', 'file-block/duplicate-path'),
      '[A]: x\n<<<FILE a.py\n1\nFILE>>>\n<<<FILE a-2.py\n2\nFILE>>>',
    );
  });

  it('deletes an empty block', () => {
    assert.equal(fixed('[A]: x\n<<<FILE a\nFILE>>>\ny', 'file-block/empty'), '[A]: x\ny');
  });

  it('starts a turn for text before the first', () => {
    assert.equal(fixed('Title\n[A]: x', 'turn/text-before-first-turn'), '[Narrator]: Title\n[A]: x');
  });

  it('closes an unclosed fence at its last text line', () => {
    assert.equal(fixed('[A]: x\n~~~~py\nf()\n\n[B]: y', 'fence/unclosed'), '[A]: x\n~~~~py\nf()\n~~~~\n\n[B]: y');
  });

  it('makes safe relative paths', () => {
    assert.equal(safeRelativePath('/etc//passwd'), 'etc/passwd');
    assert.equal(safeRelativePath('~/notes/a.md'), 'notes/a.md');
    assert.equal(safeRelativePath('C:\\Users\\me\\..\\a.txt'), 'Users/me/a.txt');
    assert.equal(safeRelativePath('\\\\server\\share\\a?.txt'), 'server/share/a.txt');
    assert.equal(safeRelativePath('../..'), undefined);
    assert.equal(unusedPath(parseTranscript('[A]: x\n<<<FILE a-2\n1\nFILE>>>'), 'a'), 'a-3');
  });

  it('marks the obvious fixes preferred and suggests, not prefers, a safe path', () => {
    const model = parseTranscript(fixture('malformed.transcript'));
    const preferred = Object.fromEntries(
      problems(model).map((problem) => [problem.code, quickFixes(model, problem).map((fix) => fix.preferred)]),
    );
    assert.deepEqual(preferred, {
      'turn/text-before-first-turn': [false],
      'turn/malformed-speaker-tag': [true],
      'file-block/stray-closer': [true],
      'file-block/malformed-marker': [true],
      'file-block/duplicate-path': [false],
      'file-block/empty': [false],
      'file-block/missing-path': [true],
      'file-block/unsafe-path': [false],
      'file-block/nested-opener': [true],
      'fence/unclosed': [true],
      'file-block/unterminated': [true],
    });
  });

  it('fixes all safe problems of the malformed fixture in one pass', () => {
    const after = fixAll(fixture('malformed.transcript'));
    const left = problems(parseTranscript(after)).filter(
      (problem) =>
        (ALWAYS_FIXED.has(problem.code) && !leftToTheUser(after, problem)) ||
        problem.code === 'turn/malformed-speaker-tag',
    );
    assert.deepEqual(left, []);
    assert.equal(fixAll(after), after);
  });

  it('does not rewrite a look-alike opener that no closer follows, nor a look-alike closer inside a closed block', () => {
    assert.equal(fixAll('[A]: x\n<<<file a\n[B]: y'), '[A]: x\n<<<file a\n[B]: y');
    assert.equal(fixAll('[A]: x\n<<<FILE a.md\nFILE >>>\nFILE>>>'), '[A]: x\n<<<FILE a.md\nFILE >>>\nFILE>>>');
    assert.equal(fixAll('[A]: x\n<<<file a\n1\nFILE>>>'), '[A]: x\n<<<FILE a\n1\nFILE>>>');
  });

  it('leaves a look-alike opener and closer with no line between, which would become an empty block', () => {
    assert.equal(fixAll('<<<FILE:a.py>>>\nFILE >>>'), '<<<FILE:a.py>>>\nFILE >>>');
  });

  it('rewrites a look-alike opener together with the look-alike closer it pairs with', () => {
    const text = '[A]: x\n<<<file a\n1\nFILE >>>';
    assert.equal(fixAll(text), '[A]: x\n<<<FILE a\n1\nFILE>>>');
    assert.equal(fixed(text, 'file-block/malformed-marker'), '[A]: x\n<<<FILE a\n1\nFILE>>>');
  });

  it('closes an unterminated block at its look-alike closer rather than adding one', () => {
    assert.equal(fixAll('[A]: x\n<<<FILE a\n1\nfile>>>\ntext\n[B]: y'), '[A]: x\n<<<FILE a\n1\nFILE>>>\ntext\n[B]: y');
    assert.equal(
      fixAll('[A]: x\n<<<FILE a\n1\nfile>>>\n<<<file b\n[B]: y'),
      '[A]: x\n<<<FILE a\n1\nfile>>>\n<<<file b\nFILE>>>\n[B]: y',
    );
  });

  it('offers fix all only when asked for, as source.fixAll.transcript', () => {
    const model = parseTranscript('[A]: x\nFILE>>>');
    const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    assert.deepEqual(
      codeActions(model, 'u', range).map((action) => action.kind),
      ['quickfix'],
    );
    assert.deepEqual(
      codeActions(model, 'u', range, ['source.fixAll']).map((action) => action.kind),
      ['source.fixAll.transcript'],
    );
    assert.deepEqual(codeActions(parseTranscript('[A]: x'), 'u', range, ['source.fixAll']), []);
  });

  it('has nothing to fix in the seeds', () => {
    for (const [, text] of SEEDS) assert.equal(safeFixes(parseTranscript(text)).size, 0);
  });
});

describe('properties of the quick fixes', () => {
  it('fixing all converges in one pass and removes every problem it fixes', () => {
    fc.assert(
      fc.property(lookAlikeText, (text) => {
        const once = fixAll(text);
        const model = parseTranscript(once);
        assert.deepEqual(fixAllEdits(model), [], JSON.stringify(once));
        if (!appliedEverySafeFix(text)) return;
        assert.deepEqual(
          problems(model).filter((problem) => ALWAYS_FIXED.has(problem.code) && !leftToTheUser(once, problem)),
          [],
        );
      }),
      settings,
    );
  });

  it('fixing all leaves no problem it caused: no code has more problems after than before', () => {
    fc.assert(
      fc.property(lookAlikeText, (text) => {
        const before = codeCounts(text);
        for (const [code, count] of codeCounts(fixAll(text)))
          assert.ok(count <= (before.get(code) ?? 0), `${code}: ${count} after, ${before.get(code) ?? 0} before`);
      }),
      settings,
    );
  });

  it("no fix touches a line outside its problem's section", () => {
    fc.assert(
      fc.property(lookAlikeText, (text) => {
        const model = parseTranscript(text);
        const safe = safeFixes(model);
        for (const problem of problems(model)) {
          const section = sectionOnLine(model, model.lines.lineAt(problem.span.start))!;
          const first = model.lines.lineStart(section.startLine);
          const last =
            section.endLine + 1 < model.lines.lineCount
              ? model.lines.lineStart(section.endLine + 1)
              : model.text.length;
          for (const fix of quickFixes(model, problem, safe)) {
            for (const edit of fix.edits) {
              const start = model.lines.offsetAt(edit.range.start);
              const end = model.lines.offsetAt(edit.range.end);
              assert.ok(
                start >= first && end <= last,
                `${problem.code}: ${JSON.stringify(edit)} outside lines ${section.startLine}-${section.endLine}`,
              );
            }
          }
        }
      }),
      settings,
    );
  });
});
