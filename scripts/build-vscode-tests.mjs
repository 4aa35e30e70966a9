// Bundles the VS Code integration suite (test/vscode) into out/test/vscode, where VS Code loads it
// as the extensionTestsPath, and the web suite (test/vscode-web) into out/test/vscode-web/index.js. Each *.test.ts becomes its own file so that mocha can set up its
// globals (suite, test) before loading it; vscode and mocha stay external: the extension host
// provides the one, and the runner and the tests must share a single instance of the other.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const testFiles = readdirSync('test/vscode')
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `test/vscode/${name}`);

await build({
  entryPoints: ['test/vscode/index.ts', ...testFiles],
  outdir: 'out/test/vscode',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

// The web-worker extension host loads one script and resolves no module but vscode: the suite, its tests
// and mocha's browser build in one file.
await build({
  entryPoints: ['test/vscode-web/index.ts'],
  outfile: 'out/test/vscode-web/index.js',
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});
