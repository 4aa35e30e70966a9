/**
 * Runs the integration suite in desktop VS Code through @vscode/test-electron, which downloads
 * VS Code into .vscode-test/ on first use (so it needs the internet; on Linux without a display,
 * run it under xvfb-run). It is the same suite that scripts/run-vscode-tests.mts runs offline in
 * code-server; `npm run test:electron` bundles it into out/test/vscode first.
 */
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  await runTests({
    // The VS Code that code-server 4.100.3 carries, so both runners test the same version.
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/vscode/index.js'),
    launchArgs: [path.join(root, 'seeds'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
