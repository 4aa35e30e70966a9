import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Results } from '../../bench/readme.js' with { 'resolution-mode': 'import' };

// bench/ is an ES module package and this test is compiled as CommonJS: load it dynamically.
const load = () => import('../../bench/readme.js');

const ROOT = join(__dirname, '..', '..');
const README = join(ROOT, 'README.md');
const LATEST = join(ROOT, 'bench', 'results', 'latest.json');

function readResults(path: string): Results {
  return JSON.parse(readFileSync(path, 'utf8')) as Results;
}

function section(readme: string, START: string, END: string): string {
  return readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
}

test('the README table is the one latest.json gives', async () => {
  const { END, START, renderTable, rewriteReadme } = await load();
  const readme = readFileSync(README, 'utf8');
  assert.equal(section(readme, START, END), renderTable(readResults(LATEST)));
  assert.equal(rewriteReadme(readme, readResults(LATEST)), readme);
});

test('a changed latest.json changes the table, and --check notices', async () => {
  const { END, START, renderTable } = await load();
  const dir = mkdtempSync(join(tmpdir(), 'bench-readme-'));
  try {
    const results = readResults(LATEST);
    const changed: Results = {
      ...results,
      figures: results.figures.map((figure) =>
        typeof figure.ours === 'number' ? { ...figure, ours: figure.ours * 3 + 1 } : figure,
      ),
    };
    assert.notEqual(renderTable(changed), renderTable(results));

    const readmeCopy = join(dir, 'README.md');
    const resultsCopy = join(dir, 'latest.json');
    writeFileSync(readmeCopy, readFileSync(README, 'utf8'));
    writeFileSync(resultsCopy, JSON.stringify(changed));
    const script = join(ROOT, 'bench', 'readme.ts');
    const run = (...args: string[]): void => {
      execFileSync(
        process.execPath,
        ['--import', 'tsx', script, `--readme=${readmeCopy}`, `--results=${resultsCopy}`, ...args],
        { cwd: ROOT, stdio: 'pipe' },
      );
    };
    assert.throws(() => run('--check'));
    run();
    assert.equal(section(readFileSync(readmeCopy, 'utf8'), START, END), renderTable(changed));
    run('--check');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a figure skipped for want of code-server shows as skipped, a failed one as failed', async () => {
  const { renderTable } = await load();
  const results = readResults(LATEST);
  const withVsCode = (failed: string): Results => ({
    ...results,
    figures: results.figures.map((figure) =>
      figure.id.startsWith('vscode.') ? { ...figure, ours: { failed }, peer: { failed } } : figure,
    ),
  });
  const row = (table: string) => table.split('\n').find((line) => line.includes('open → outline symbols'))!;
  assert.match(
    row(renderTable(withVsCode('skipped: code-server could not be installed'))),
    /\| skipped \| — \| skipped/,
  );
  assert.match(row(renderTable(withVsCode('the VS Code run timed out after 900 s'))), /\| failed \| — \| failed/);
});
