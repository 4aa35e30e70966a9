/**
 * The integration suite's entry point, as @vscode/test-electron and scripts/run-vscode-tests.mts
 * expect it (their extensionTestsPath): VS Code loads this module in the extension host and awaits
 * run(). The test files are bundled beside it as *.test.js (see scripts/build-vscode-tests.mjs).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // The extension host has no terminal: colours would show as escape codes in the forwarded log.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  // transcript.test.js checks that nothing activated the extension before a transcript opened: it goes first.
  const first = (name: string) => (name === 'transcript.test.js' ? 0 : 1);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => first(a) - first(b) || a.localeCompare(b));
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }
  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run((failed) => resolve({ passes: runner.stats?.passes ?? 0, failures: failed }));
  });
  // The plain closing line that CI reads, whichever VS Code ran the suite.
  console.log(`vscode: ${passes} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
