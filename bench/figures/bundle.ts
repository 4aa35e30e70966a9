/**
 * Bundles and activation: what the extension ships. Bundle sizes are read from dist/ as `npm run bench`
 * leaves it (after a production build): the desktop ones and the browser ones (dist/browser/, for
 * vscode.dev). Activation needs a running VS Code: the integration suites (`npm run test:vscode`) record it
 * in .vscode-test/activation.json (Node extension host) and activation-web.json (web-worker extension
 * host), and the figures are read from there.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../report.js';

const BUNDLE_LIMIT_KB = 400;
/**
 * The browser's server is one script, the chat renderer (markdown-it, highlight.js) included, where the
 * desktop's loads the renderer from a bundle of its own on first use.
 */
const BROWSER_SERVER_LIMIT_KB = 800;

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
    return {
      id: `bundle.${name}`,
      figure: `bundle dist/${name}`,
      unit: 'KB',
      ours: sizeKB ?? { failed: `dist/${name} not built` },
      floor: null,
      peer: null,
      target: `< ${limitKB} KB`,
      met: sizeKB === null ? null : sizeKB < limitKB,
    };
  });
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
