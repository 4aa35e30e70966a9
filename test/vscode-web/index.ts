/**
 * The web suite's entry point (its extensionTestsPath): VS Code's web-worker extension host loads this
 * one bundled file, mocha's browser build included, and awaits run(). The worker has no file system and
 * no Node, so the suite reaches the workspace through VS Code's API only (see scripts/build-vscode-tests.mjs).
 */
/// <reference types="mocha" />
// mocha's browser build, which defines the global `mocha` it is run through.
import 'mocha/mocha.js';

export async function run(): Promise<void> {
  // The extension host forwards console output to the harness: the spec reporter writes there, uncoloured.
  mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  // Loaded after setup, which defines the globals (suite, test) the file calls as it loads.
  await import('./web.test.js');
  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve) => {
    // Mocha's own run: the browser build's mocha.run first reads `location`, which the extension host's worker lacks.
    const runner: Mocha.Runner = Mocha.prototype.run.call(mocha, (failed) =>
      resolve({ passes: runner.stats?.passes ?? 0, failures: failed }),
    );
  });
  console.log(`vscode-web: ${passes} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} web integration test(s) failed`);
}
