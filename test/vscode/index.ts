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
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run((failed) => resolve({ passes: runner.stats?.passes ?? 0, failures: failed }));
  });
  // The plain closing line that CI reads, whichever VS Code ran the suite.
  console.log(`vscode: ${passes} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
