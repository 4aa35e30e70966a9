/**
 * Bundles and activation: what the extension ships. Bundle sizes are read from dist/ as `npm run bench`
 * leaves it (after a production build): the desktop ones and the browser ones (dist/browser/, for
 * vscode.dev). Activation needs a running VS Code: the integration suites (`npm run test:vscode`) record it
 * in .vscode-test/activation.json (Node extension host) and activation-web.json (web-worker extension
 * host), and the figures are read from there.
 */
import { buildSync } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../report.js';

const BUNDLE_LIMIT_KB = 400;
/**
 * The browser's server is one script, the chat renderer (markdown-it, highlight.js) included, where the
 * desktop's loads the renderer from a bundle of its own on first use.
 */
const BROWSER_SERVER_LIMIT_KB = 800;

/** A client's bundle may add this much to the language client library it is built on. */
const CLIENT_OVER_LIBRARY = 1.1;

/**
 * The floor of a client bundle: the language client library alone (`vscode-languageclient/node` or
 * `/browser`), minified as `npm run bench` builds the extension. A client cannot ship less than it.
 */
function languageClientAloneKB(root: string, entry: 'node' | 'browser'): number {
  const result = buildSync({
    stdin: { contents: `export * from 'vscode-languageclient/${entry}';`, resolveDir: root },
    bundle: true,
    platform: entry === 'node' ? 'node' : 'browser',
    format: 'cjs',
    target: entry === 'node' ? 'node20' : 'es2022',
    minify: true,
    external: ['vscode'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents.length / 1000;
}

interface ActivationRecord {
  activationMs: number;
  firstOutlineMs: number;
  vscode: string;
  recordedAt: string;
}

export function bundleFigures(root: string): Row[] {
  const rows: Row[] = (
    [
      ['extension.js', BUNDLE_LIMIT_KB],
      ['server.js', BUNDLE_LIMIT_KB],
      ['browser/extension.js', BUNDLE_LIMIT_KB],
      ['browser/server.js', BROWSER_SERVER_LIMIT_KB],
    ] as const
  ).map(([name, limitKB]) => {
    const path = join(root, 'dist', name);
    const sizeKB = existsSync(path) ? statSync(path).size / 1000 : null;
    const client = name.endsWith('extension.js') ? (name.startsWith('browser/') ? 'browser' : 'node') : undefined;
    const floorKB = client ? languageClientAloneKB(root, client) : null;
    return {
      id: `bundle.${name}`,
      figure: `bundle dist/${name}`,
      unit: 'KB',
      ours: sizeKB ?? { failed: `dist/${name} not built` },
      floor: floorKB,
      peer: null,
      target: floorKB === null ? `< ${limitKB} KB` : `≤ ${CLIENT_OVER_LIBRARY}× floor`,
      met: sizeKB === null ? null : floorKB === null ? sizeKB < limitKB : sizeKB <= CLIENT_OVER_LIBRARY * floorKB,
      note: client ? `floor: vscode-languageclient/${client} alone, bundled and minified the same way` : undefined,
    };
  });
  // The tokenizers ship as bundles of their own that only the server and the CLI load, on their first count.
  for (const name of ['tokenizer-o200k_base.js', 'tokenizer-cl100k_base.js']) {
    const path = join(root, 'dist', name);
    rows.push({
      id: `bundle.${name}`,
      figure: `bundle dist/${name} (loaded on the first count)`,
      unit: 'KB',
      ours: existsSync(path) ? statSync(path).size / 1000 : { failed: `dist/${name} not built` },
      floor: null,
      peer: null,
      target: '',
      met: null,
    });
  }
  rows.push(
    activationRow(root, 'activation', 'activation.json', 'extension activation', 'Node extension host'),
    activationRow(
      root,
      'activation.web',
      'activation-web.json',
      'extension activation (web)',
      "the browser's web-worker extension host, as on vscode.dev",
    ),
  );
  return rows;
}

/** The activation one suite recorded in `.vscode-test/<file>`, or why there is none. */
function activationRow(root: string, id: string, file: string, figure: string, host: string): Row {
  const record = join(root, '.vscode-test', file);
  const activation = existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as ActivationRecord) : undefined;
  return {
    id,
    figure,
    unit: 'ms',
    ours: activation ? activation.activationMs : { failed: 'not recorded: run `npm run test:vscode` first' },
    floor: null,
    peer: null,
    target: '< 50 ms',
    met: activation ? activation.activationMs < 50 : null,
    note: activation
      ? `activate() in VS Code ${activation.vscode} (code-server, ${host}), from the last \`npm run test:vscode\` (${activation.recordedAt}); first outline ${activation.firstOutlineMs} ms after opening`
      : 'needs VS Code: `npm run test:vscode` records it',
  };
}
