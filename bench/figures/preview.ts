/**
 * The chat preview's share of the server: how long after `didOpen` the first window of turns is
 * rendered (`transcript/renderTurns` around line 0, what the page asks for when it opens), and how long
 * after a keystroke the window the page shows is rendered again (90 turns, all but the edited one kept
 * from the turn before). The editor and the webview add their own time on top (see test/vscode/preview.test.ts).
 */
import type { Position } from '../../src/core/lines.js';
import { LspClient, nodeServer } from '../../test/support/lsp-client.js';
import { median } from '../measure.js';
import type { Row } from '../report.js';
import type { Workload } from './workload.js';

/** What the page asks for when it opens, and again after each edit. */
const FIRST_WINDOW = { line: 0, before: 20, after: 40 };
const SHOWN_WINDOW = { from: 0, to: 90 };
const KEYSTROKES = 10;

/** `site` is where the keystrokes go: on a turn the page shows, so that one of its turns is rendered again. */
export async function previewFigures(workload: Workload, serverPath: string, site: Position): Promise<Row[]> {
  const opens: number[] = [];
  const keystrokes: number[] = [];
  for (let run = 0; run < workload.warmups + workload.runs; run++) {
    const client = await LspClient.start({ server: nodeServer([], serverPath), timeoutMs: 600_000 });
    const uri = `file:///bench/preview-${run}.transcript`;
    try {
      let started = performance.now();
      await client.open(uri, workload.text);
      await client.request('transcript/renderTurns', { uri, ...FIRST_WINDOW });
      const openMs = performance.now() - started;
      const typed: number[] = [];
      for (let key = 0; key < KEYSTROKES; key++) {
        started = performance.now();
        const at = { line: site.line, character: site.character + key };
        await client.change(uri, key + 2, [{ range: { start: at, end: at }, text: 'x' }]);
        await client.request('transcript/renderTurns', { uri, ...SHOWN_WINDOW });
        typed.push(performance.now() - started);
      }
      if (run >= workload.warmups) {
        opens.push(openMs);
        keystrokes.push(median(typed));
      }
    } finally {
      await client.stop();
    }
  }
  return [
    {
      id: `preview.firstWindow.${workload.label}`,
      figure: `preview: didOpen → first window of turns rendered, ${workload.label}`,
      unit: 'ms',
      ours: median(opens),
      floor: null,
      peer: null,
      target: '',
      met: null,
      note: 'the server parses, publishes the diagnostics, then renders 60 turns',
    },
    {
      id: `preview.keystroke.${workload.label}`,
      figure: `preview: keystroke → shown window rendered again, ${workload.label}`,
      unit: 'ms',
      ours: median(keystrokes),
      floor: null,
      peer: null,
      target: '',
      met: null,
      note: `median of ${KEYSTROKES} keystrokes per session, 90 turns asked for`,
    },
  ];
}
