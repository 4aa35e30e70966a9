/**
 * Bundles and activation: what the extension ships. Bundle sizes are read from dist/ as `npm run bench`
 * leaves it (after a production build). Activation needs a running VS Code: the integration suite
 * (`npm run test:vscode`) records it in .vscode-test/activation.json, and the figure is read from there.
 */
import { buildSync } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../report.js';

const BUNDLE_LIMIT_KB = 400;
/** The client's bundle may add this much to the language client library it is built on. */
const CLIENT_OVER_LIBRARY = 1.1;

/**
 * The floor of the extension's bundle: vscode-languageclient/node alone, minified as `npm run bench`
 * builds the extension. The client cannot ship less than the library it talks to the server with.
 */
function languageClientAloneKB(root: string): number {
  const result = buildSync({
    stdin: { contents: "export * from 'vscode-languageclient/node';", resolveDir: root },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    external: ['vscode'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents.length / 1000;
}

export function bundleFigures(root: string): Row[] {
  const rows: Row[] = ['extension.js', 'server.js'].map((name) => {
    const path = join(root, 'dist', name);
    const sizeKB = existsSync(path) ? statSync(path).size / 1000 : null;
    const floorKB = name === 'extension.js' ? languageClientAloneKB(root) : null;
    return {
      id: `bundle.${name}`,
      figure: `bundle dist/${name}`,
      unit: 'KB',
      ours: sizeKB ?? { failed: `dist/${name} not built` },
      floor: floorKB,
      peer: null,
      target: floorKB === null ? `< ${BUNDLE_LIMIT_KB} KB` : `≤ ${CLIENT_OVER_LIBRARY}× floor`,
      met:
        sizeKB === null ? null : floorKB === null ? sizeKB < BUNDLE_LIMIT_KB : sizeKB <= CLIENT_OVER_LIBRARY * floorKB,
      note: floorKB === null ? undefined : 'floor: vscode-languageclient/node alone, bundled and minified the same way',
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
  const record = join(root, '.vscode-test', 'activation.json');
  const activation = existsSync(record)
    ? (JSON.parse(readFileSync(record, 'utf8')) as {
        activationMs: number;
        firstOutlineMs: number;
        vscode: string;
        recordedAt: string;
      })
    : undefined;
  rows.push({
    id: 'activation',
    figure: 'extension activation',
    unit: 'ms',
    ours: activation ? activation.activationMs : { failed: 'not recorded: run `npm run test:vscode` first' },
    floor: null,
    peer: null,
    target: '< 50 ms',
    met: activation ? activation.activationMs < 50 : null,
    note: activation
      ? `activate() in VS Code ${activation.vscode} (code-server), from the last \`npm run test:vscode\` (${activation.recordedAt}); first outline ${activation.firstOutlineMs} ms after opening`
      : 'needs VS Code: `npm run test:vscode` records it',
  });
  return rows;
}
