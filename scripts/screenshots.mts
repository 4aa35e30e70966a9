/**
 * `npm run screenshots`: retakes the README's screenshots in images/ from the packaged .vsix as a user
 * gets it: each picture in a fresh code-server profile with only the installed extension, the seeds
 * folder open, in headless Chromium at 1400×850. `npm run screenshots` packs the .vsix first.
 *
 *   node --import tsx scripts/screenshots.mts [--only outline,sticky-scroll,statistics,preview] [--out images]
 *
 * - outline.png: seed 000 with the Outline view listing its turns;
 * - sticky-scroll.png: seed 004 scrolled into a long turn, its speaker in sticky scroll and the breadcrumbs;
 * - statistics.png: seed 004 with Transcript: Show Statistics beside it;
 * - preview.png: seed 004 at its end, a Python fence, with Open Preview to the Side (Ctrl+K V) beside it.
 * A picture that fails keeps its work folder, with what the page showed in failure.png.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { installExtension, launchChromium, projectRoot, startCodeServer, workbenchUrl } from './code-server.mjs';

const SHOTS = ['outline', 'sticky-scroll', 'statistics', 'preview'] as const;
type Shot = (typeof SHOTS)[number];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: SHOTS.join(',') },
    out: { type: 'string', default: path.join(projectRoot, 'images') },
  },
});
const wanted = args.only.split(',');
const unknown = wanted.filter((name) => !(SHOTS as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`--only takes ${SHOTS.join(', ')}; not ${unknown.join(', ')}`);

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const VSIX = path.join(projectRoot, `${manifest.name}-${manifest.version}.vsix`);
const SEEDS = path.join(projectRoot, 'seeds');
const SEED_000 = '000_29a70a8e0e777a4d.txt';
const SEED_004 = '004_1b473b28689a78cc.txt';
/**
 * How far sticky-scroll.png scrolls seed 004, in the editor's rows (a wrapped line takes several): into
 * the turn by A on lines 93 to 103, whose speaker line is then pinned.
 */
const LONG_TURN_ROWS = 177;
const WAIT_MS = 60_000;

const started = Date.now();
const log = (message: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** Two animation frames: whatever the last step changed has been laid out and painted. */
const PAINTED = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';

/** Runs a command from the Command Palette: types `title`, waits for a row showing `row`, presses Enter. */
async function runCommand(page: Page, title: string, row = title): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Shows the Outline view with the side bar to itself: the file tree above it collapsed. */
async function showOutline(page: Page): Promise<void> {
  // The palette shows this command's category apart from its title.
  await runCommand(page, 'Outline: Focus on Outline View', 'Focus on Outline View');
  // Rows appear once the language server has answered the document symbol request.
  await page.locator('.outline-pane .monaco-list-row').first().waitFor({ timeout: WAIT_MS });
  const fileTree = page
    .locator('.sidebar .pane-header[aria-expanded="true"]')
    .filter({ hasNotText: 'Outline' })
    .first();
  await fileTree.click();
  // The tree's rows leave only once the collapse has finished: a picture taken sooner shows half of one.
  await page.locator('.explorer-folders-view').waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/**
 * Scrolls the editor down by `rows`, a whole row at a time from the top (Go to Line centres a line, and
 * the wheel scrolls by pixels: either can leave a line half under the sticky one). Inside a long turn,
 * its start leaves the viewport and sticky scroll pins its speaker line.
 */
async function scrollRows(page: Page, rows: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  for (let scrolled = 0; scrolled < rows; scrolled++) await page.keyboard.press('Control+ArrowDown');
}

async function frameWith(page: Page, selector: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const found = await frame
      .evaluate<boolean>(`!!document.querySelector(${JSON.stringify(selector)})`)
      .catch(() => false);
    if (found) return frame;
  }
  return undefined;
}

/** The frame of a webview showing `selector`, once one does. */
async function webviewShowing(page: Page, selector: string, what: string): Promise<Frame> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const frame = await frameWith(page, selector);
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`${what} did not render within ${WAIT_MS / 1000} s`);
    await page.waitForTimeout(100);
  }
}

async function showStatistics(page: Page): Promise<void> {
  await runCommand(page, 'Transcript: Show Statistics');
  await webviewShowing(page, 'table th[scope=row]', 'the statistics page');
}

/**
 * The side bar closed, the editor at the end of seed 004 (its last turn, by B, holds a Python fence), and
 * the preview beside it, which opens at the editor's top line, its code highlighted.
 */
async function showPreview(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+B');
  await page.locator('.sidebar').waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('V');
  const frame = await webviewShowing(page, 'article.turn pre.fence .hljs-keyword', 'the preview');
  await frame.evaluate(PAINTED);
}

const SCENES: Record<Shot, { file: string; arrange: (page: Page) => Promise<void> }> = {
  outline: { file: SEED_000, arrange: showOutline },
  'sticky-scroll': {
    file: SEED_004,
    arrange: async (page) => {
      await showOutline(page);
      await scrollRows(page, LONG_TURN_ROWS);
      await page.locator('.monaco-editor .sticky-widget .sticky-line-content').first().waitFor({ timeout: WAIT_MS });
    },
  },
  statistics: {
    file: SEED_004,
    arrange: async (page) => {
      // The side bar closed: the page beside the transcript gets half of the window.
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+B');
      await page.locator('.sidebar').waitFor({ state: 'hidden' });
      await showStatistics(page);
    },
  },
  preview: { file: SEED_004, arrange: showPreview },
};

/** One picture, in a profile of its own: a window in a used profile would restore its editors. */
async function take(shot: Shot): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), `screenshot-${shot}-`));
  const folder = path.join(workDir, 'seeds');
  cpSync(SEEDS, folder, { recursive: true });
  const installed = await installExtension(workDir, VSIX);
  if (!/was successfully installed/.test(installed)) throw new Error(`installing ${VSIX} failed: ${installed}`);
  const server = await startCodeServer(workDir);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  const target = path.join(path.resolve(args.out), `${shot}.png`);
  try {
    const scene = SCENES[shot];
    await page.goto(workbenchUrl(server, { folder, openFile: path.join(folder, scene.file), installedOnly: true }));
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: WAIT_MS });
    // The status bar's counts come from the language server: once they show, the extension is running.
    await page
      .locator('.statusbar-item', { hasText: / turns · / })
      .first()
      .waitFor({ timeout: WAIT_MS });
    await scene.arrange(page);
    await page.evaluate(PAINTED);
    mkdirSync(path.dirname(target), { recursive: true });
    await page.screenshot({ path: target });
    log(`saved ${path.relative(process.cwd(), target)}`);
    rmSync(workDir, { recursive: true, force: true });
  } catch (error) {
    await page.screenshot({ path: path.join(workDir, 'failure.png') }).catch(() => undefined);
    log(`${shot}: failed; what the page showed is in ${workDir}/failure.png, code-server's log beside it`);
    throw error;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

let failed = false;
for (const shot of SHOTS.filter((name) => wanted.includes(name))) {
  try {
    await take(shot);
  } catch (error) {
    failed = true;
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
process.exit(failed ? 1 : 0);
