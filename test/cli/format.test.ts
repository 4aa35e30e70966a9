import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliDiagnostic } from '../../src/cli/analysis';
import { artifactLocation } from '../../src/cli/format-sarif';
import { displayWidth, renderTable } from '../../src/cli/format-table';
import { diagnosticLine, summaryLine } from '../../src/cli/format-text';
import { Progress } from '../../src/cli/progress';

const DIAGNOSTIC: CliDiagnostic = {
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  severity: 'information',
  code: 'file-block/empty',
  message: 'first line\r\nsecond line',
};

describe('output formats', () => {
  it('writes a diagnostic on one line, information as info', () => {
    assert.equal(
      diagnosticLine('a b/c.txt', DIAGNOSTIC),
      'a b/c.txt:3:5: info file-block/empty first line second line',
    );
  });

  it('sums up errors and warnings always, the rest when there are some', () => {
    const none = { files: 1, errors: 0, warnings: 0, information: 0, hints: 0, skipped: 0, failed: 0 };
    assert.equal(summaryLine(none), '1 file checked: no problems.');
    assert.equal(
      summaryLine({ ...none, files: 1200, warnings: 2, information: 1500, hints: 1 }),
      '1,200 files checked: 0 errors, 2 warnings, 1,500 info, 1 hint.',
    );
    assert.equal(
      summaryLine({ ...none, errors: 1, skipped: 2, failed: 1 }),
      '1 file checked: 1 error, 0 warnings. 2 skipped (binary, not UTF-8, too large or not a file). 1 could not be read.',
    );
  });

  it('locates SARIF artifacts relative to the working folder when inside it, by file URI otherwise', () => {
    const cwd = join('/', 'work', 'repo');
    assert.deepEqual(artifactLocation(join('data', 'chat #1.txt'), cwd), {
      uri: 'data/chat%20%231.txt',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(artifactLocation(join(cwd, '笔记.txt'), cwd), {
      uri: '%E7%AC%94%E8%AE%B0.txt',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(artifactLocation(join('..', 'other', 'x.txt'), cwd), { uri: 'file:///work/other/x.txt' });
  });

  it('aligns table columns by terminal width: CJK and emoji take two columns, marks none', () => {
    assert.deepEqual(['abc', '用户', '😀', 'é', '한국'].map(displayWidth), [3, 4, 2, 1, 4]);
    assert.equal(
      renderTable(
        [
          { title: 'speaker', align: 'left' },
          { title: 'n', align: 'right' },
        ],
        [
          ['用户', '3'],
          ['Assistant', '12'],
        ],
      ),
      'speaker     n\n用户        3\nAssistant  12\n',
    );
  });
});

describe('progress bar', () => {
  it('belongs on a terminal only, and not in CI', () => {
    const terminal = { isTTY: true } as NodeJS.WriteStream;
    assert.equal(Progress.wanted(terminal, {}), true);
    assert.equal(Progress.wanted(terminal, { CI: 'true' }), false);
    assert.equal(Progress.wanted({ isTTY: false } as NodeJS.WriteStream, {}), false);
  });

  it('appears only after a second, redraws, and wipes itself', (context) => {
    context.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    const written: string[] = [];
    const progress = new Progress(
      { write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream,
      'checking',
      4,
    );
    progress.start();
    progress.advance();
    context.mock.timers.tick(999);
    assert.deepEqual(written, []);
    context.mock.timers.tick(1);
    assert.deepEqual(written, ['\rchecking ██████░░░░░░░░░░░░░░░░░░ 1/4 files\x1b[K']);
    progress.advance();
    context.mock.timers.tick(100);
    assert.equal(written.at(-1), '\rchecking ████████████░░░░░░░░░░░░ 2/4 files\x1b[K');
    progress.stop();
    assert.equal(written.at(-1), '\r\x1b[K');
    const count = written.length;
    context.mock.timers.tick(1000);
    assert.equal(written.length, count, 'nothing drawn after stop');
  });
});
