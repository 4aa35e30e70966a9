/**
 * Runs the extension's integration tests in a real VS Code, offline: code-server's extension host,
 * with its workbench in headless Chromium driven by playwright-core. The suite is the one
 * @vscode/test-electron runs (a module exporting run()); the workbench reports its output and exit
 * code through the automation hooks that VS Code's own browser integration tests use.
 *
 *   node --import tsx scripts/run-vscode-tests.mts --tests out/test/vscode --folder seeds
 *        [--screenshot images/outline.png --open seeds/000_….txt [--reveal-line 180]] [--timeout 180] [--verbose]
 *
 * With --screenshot it also opens --open in a fresh window, shows the Outline view and saves a
 * screenshot (without --tests it does only that). --reveal-line first puts the cursor on that line
 * (1-based) and scrolls past the start of its turn, so that the picture shows the turn's speaker in
 * the breadcrumbs and in sticky scroll. Exit code: 0 passed, 1 tests failed, 2 the
 * harness failed or timed out (logs are then kept in the printed folder).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startCodeServer, workbenchUrl, type CodeServer } from './code-server.mjs';

const { values: args } = parseArgs({
  options: {
    tests: { type: 'string' },
    folder: { type: 'string' },
    open: { type: 'string' },
    screenshot: { type: 'string' },
    'reveal-line': { type: 'string' },
    timeout: { type: 'string', default: '180' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!args.tests && !args.screenshot) throw new Error('--tests or --screenshot is required');
if (args.screenshot && !args.open) throw new Error('--screenshot needs --open <file>');

const started = Date.now();
const log = (message: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** The workbench's own log lines that also reach codeAutomationLog; shown only with --verbose. */
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore:)/;

interface AutomationLogFile {
  relativePath: string;
  contents: string;
}

/**
 * Opens the workbench with the test payload and resolves with the test runner's exit code. In test
 * mode the workbench calls window.codeAutomationLog(type, args) for every log line (mocha's reporter
 * included) and window.codeAutomationExit(code, logs) once run() has settled.
 */
async function runSuite(page: Page, server: CodeServer, workDir: string): Promise<number> {
  let settle: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => {
    settle = resolve;
  });
  page.once('crash', () => {
    log('the browser page crashed');
    settle(2);
  });
  await page.exposeFunction('codeAutomationExit', (code: number, logs: AutomationLogFile[] | undefined) => {
    for (const file of logs ?? []) {
      const target = path.join(workDir, 'logs', file.relativePath);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    settle(code);
  });
  await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
    const text = format(...logArgs); // mocha's reporter logs printf-style ('%s%s', …)
    if (!args.verbose && WORKBENCH_NOISE.test(text)) return;
    (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  // The tests edit, save and revert files; a copy keeps a failed revert from reaching the checkout.
  const folder = args.folder && path.join(workDir, path.basename(path.resolve(args.folder)));
  if (folder) cpSync(args.folder!, folder, { recursive: true });
  const url = workbenchUrl(server, { folder, extensionTestsPath: args.tests });
  log(`opening ${url}`);
  await page.goto(url);
  return exitCode;
}

/**
 * Opens a file with the Outline view filling the side bar and saves a screenshot of the workbench.
 * It gets a code-server of its own: a window in the test run's profile would restore that run's
 * editors.
 */
async function takeScreenshot(browser: Browser, file: string, target: string): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'vscode-screenshot-'));
  const server = await startCodeServer(workDir, { echo: args.verbose });
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  try {
    await page.goto(workbenchUrl(server, { folder: args.folder, openFile: file }));
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('Outline: Focus on Outline View');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Focus on Outline View' }).first().waitFor();
    await page.keyboard.press('Enter');
    // Rows appear once the language server has answered the document symbol request.
    await page.locator('.outline-pane .monaco-list-row').first().waitFor({ timeout: 60_000 });
    // Collapse the file tree so that the outline gets the side bar's height, and let it lay out again.
    const fileTree = page
      .locator('.sidebar .pane-header[aria-expanded="true"]')
      .filter({ hasNotText: 'Outline' })
      .first();
    const fileTreeHeader = await fileTree.elementHandle();
    await fileTree.click();
    // The element's type is the DOM's, which this project's types leave out; only getAttribute is used.
    await page.waitForFunction(
      (header: { getAttribute(name: string): string | null } | null) =>
        header?.getAttribute('aria-expanded') === 'false',
      fileTreeHeader,
    );
    // Two animation frames: the list renders the rows that now fit (a string: this project's types have no DOM).
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    if (args['reveal-line']) await revealLine(page, Number(args['reveal-line']));
    mkdirSync(path.dirname(target), { recursive: true });
    await page.screenshot({ path: target });
    log(`screenshot saved to ${target}`);
    rmSync(workDir, { recursive: true, force: true });
  } catch (error) {
    await page.screenshot({ path: path.join(workDir, 'failure.png') }).catch(() => undefined);
    log(`the screenshot failed; what the page showed is in ${workDir}/failure.png`);
    throw error;
  } finally {
    await server.stop();
  }
}

/**
 * Goes to `line` with Go to Line (which centres it), then scrolls the editor down by a third of its
 * height: the start of a long turn leaves the viewport and sticky scroll pins its speaker line.
 */
async function revealLine(page: Page, line: number): Promise<void> {
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  const box = await editor.boundingBox();
  if (!box) throw new Error('the editor has no layout');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, box.height / 3);
  await page.locator('.monaco-editor .sticky-widget .sticky-line-content').first().waitFor({ timeout: 10_000 });
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

async function main(): Promise<number> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'vscode-test-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let exitCode: number;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  try {
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(
        () => {
          log(`timed out after ${args.timeout}s`);
          resolve(2);
        },
        Number(args.timeout) * 1000,
      );
    });
    browser = await launchChromium();

    exitCode = 0;
    if (args.tests) {
      server = await startCodeServer(workDir, { echo: args.verbose });
      log(`code-server is up at ${server.url} (work folder ${workDir})`);
      const serverDied = new Promise<number>((resolve) =>
        server?.process.once('exit', (code) => {
          if (stopping) return;
          log(`code-server died (exit code ${code})`);
          resolve(2);
        }),
      );
      const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
      if (args.verbose) {
        page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
        page.on('console', (message) => console.error(`[page ${message.type()}] ${message.text()}`));
      }
      exitCode = await Promise.race([runSuite(page, server, workDir), serverDied, timedOut]);
      log(`extension tests finished with exit code ${exitCode}`);
      if (exitCode === 2) await page.screenshot({ path: path.join(workDir, 'failure.png') }).catch(() => undefined);
    }
    if (exitCode === 0 && args.screenshot && args.open) {
      exitCode = await Promise.race([
        takeScreenshot(browser, args.open, path.resolve(args.screenshot)).then(() => 0),
        timedOut,
      ]);
    }
  } catch (error) {
    log(`harness error: ${error instanceof Error ? error.stack : String(error)}`);
    exitCode = 2;
  } finally {
    clearTimeout(timer);
    stopping = true;
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
  if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
  else log(`logs kept in ${workDir}: code-server.log, logs/ (window and extension host), failure.png (the page)`);
  return exitCode;
}

process.exit(await main());
