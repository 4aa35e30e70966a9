/**
 * Runs the extension's integration tests in a real VS Code, offline: code-server's extension host,
 * with its workbench in headless Chromium driven by playwright-core. The suite is the one
 * @vscode/test-electron runs (a module exporting run()); the workbench reports its output and exit
 * code through the automation hooks that VS Code's own browser integration tests use.
 *
 *   node --import tsx scripts/run-vscode-tests.mts --tests out/test/vscode --folder seeds [--timeout 180] [--verbose]
 *   node --import tsx scripts/run-vscode-tests.mts --web --tests out/test/vscode-web/index.js --folder seeds
 *
 * --web runs the extension and the suite in the browser's web-worker extension host instead (package.json's
 * `browser` entry, as vscode.dev runs it); that host loads a module by its file's path, not a folder's.
 *
 * Exit code: 0 passed, 1 tests failed, 2 the harness failed or timed out (logs are then kept in the
 * printed folder). The README's screenshots are taken by scripts/screenshots.mts.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import {
  automationHooks,
  launchChromium,
  startCodeServer,
  webExtensionHostSettings,
  workbenchUrl,
  type CodeServer,
} from './code-server.mjs';

const { values: args } = parseArgs({
  options: {
    tests: { type: 'string' },
    folder: { type: 'string' },
    timeout: { type: 'string', default: '180' },
    verbose: { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
  },
});
if (!args.tests) throw new Error('--tests is required');

const started = Date.now();
const log = (message: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** The workbench's own log lines that also reach codeAutomationLog; shown only with --verbose. */
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore:)/;

/** Opens the workbench with the test payload and resolves with the test runner's exit code. */
async function runSuite(page: Page, server: CodeServer, workDir: string): Promise<number> {
  const { exited } = await automationHooks(page, {
    logsDir: path.join(workDir, 'logs'),
    onLog: (type, text) => {
      if (!args.verbose && WORKBENCH_NOISE.test(text)) return;
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
    },
  });
  // The tests edit, save and revert files; a copy keeps a failed revert from reaching the checkout.
  const folder = args.folder && path.join(workDir, path.basename(path.resolve(args.folder)));
  if (folder) cpSync(args.folder!, folder, { recursive: true });
  const url = workbenchUrl(server, { folder, extensionTestsPath: args.tests });
  log(`opening ${url}`);
  await page.goto(url);
  return exited;
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

    server = await startCodeServer(workDir, {
      echo: args.verbose,
      ...(args.web ? { settings: webExtensionHostSettings() } : {}),
    });
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
