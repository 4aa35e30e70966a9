/**
 * Figure 7: what the extension ships. Bundle sizes are read from dist/ as `npm run bench` leaves it
 * (after a production build); activation time needs a running VS Code and is not measured here.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../report.js';

const BUNDLE_LIMIT_KB = 400;

export function bundleFigures(root: string): Row[] {
  const rows: Row[] = ['extension.js', 'server.js'].map((name) => {
    const path = join(root, 'dist', name);
    const sizeKB = existsSync(path) ? statSync(path).size / 1000 : null;
    return {
      id: `bundle.${name}`,
      figure: `bundle dist/${name}`,
      unit: 'KB',
      ours: sizeKB ?? { failed: `dist/${name} not built` },
      floor: null,
      peer: null,
      target: `< ${BUNDLE_LIMIT_KB} KB`,
      met: sizeKB === null ? null : sizeKB < BUNDLE_LIMIT_KB,
    };
  });
  rows.push({
    id: 'activation',
    figure: 'extension activation',
    unit: 'ms',
    ours: null,
    floor: null,
    peer: null,
    target: '< 50 ms',
    met: null,
    note: 'n/a here (needs VS Code); measured in the VS Code integration suite',
  });
  return rows;
}
