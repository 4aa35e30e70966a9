// Bundles the language server, the CLI, the VS Code client and its preview's page script into dist/, and the
// client and the server for the browser (vscode.dev: a web worker each) into dist/browser/.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { VERSION: JSON.stringify(version) },
};

/**
 * The tokenizers are bundles of their own (src/core/tokenizers/*.ts → dist/tokenizer-*.js), required by the
 * server and the CLI on their first count: `require('../core/tokenizers/o200k_base')` stays a require, of
 * the bundle beside them.
 */
const TOKENIZERS = ['o200k_base', 'cl100k_base'];
const tokenizersApart = {
  name: 'tokenizers-apart',
  setup(build) {
    build.onResolve({ filter: /\/core\/tokenizers\/[a-z0-9_]+$/ }, (args) => ({
      path: `./tokenizer-${args.path.slice(args.path.lastIndexOf('/') + 1)}.js`,
      external: true,
    }));
  },
};

const entries = [
  // The chat renderer is a bundle of its own that the server requires on first use (src/server/chat-renderer.ts).
  {
    entryPoints: ['src/server/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
    external: ['./chat-renderer'],
    plugins: [tokenizersApart],
  },
  { entryPoints: ['src/server/chat-renderer.ts'], outfile: 'dist/chat-renderer.js' },
  { entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [tokenizersApart],
  },
  ...TOKENIZERS.map((name) => ({
    entryPoints: [`src/core/tokenizers/${name}.ts`],
    outfile: `dist/tokenizer-${name}.js`,
  })),
  // The preview's own script, loaded by its webview: a browser script, apart from the extension's bundle.
  {
    entryPoints: ['src/client/page/preview-page.ts'],
    outfile: 'dist/preview-page.js',
    platform: 'browser',
    format: 'iife',
  },
  // package.json's `browser`: the extension in a web-worker extension host. Browser bundles: a Node
  // built-in anywhere in them fails the build here.
  {
    entryPoints: ['src/client/browser/extension.ts'],
    outfile: 'dist/browser/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  // The server's web worker, which the browser extension starts: one script, the chat renderer included.
  {
    entryPoints: ['src/server/browser/main.ts'],
    outfile: 'dist/browser/server.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((entry) => existsSync(entry.entryPoints[0]));

await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
