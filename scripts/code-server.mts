/**
 * Starts code-server — VS Code's real server with its Node extension host, installed by
 * scripts/install-code-server.sh — in a throwaway profile, offline, and builds workbench URLs that
 * load this extension from its folder, or only what is installed in the profile. Shared by the
 * integration-test runner, `npm run demo` and the test of the packaged extension.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

export const projectRoot = path.resolve(import.meta.dirname, '..');
const codeServerBin = path.join(projectRoot, '.vscode-test/code-server/node_modules/.bin/code-server');

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly process: ChildProcess;
  /** Stops code-server and everything it started. */
  stop(): Promise<void>;
}

/**
 * code-server honours these over its flags (PORT beats --bind-addr; VSCODE_IPC_HOOK_CLI makes it
 * open the folder in the VS Code whose terminal we run in; the others change authentication).
 */
const OVERRIDING_VARIABLES = [
  'PORT',
  'CODE_SERVER_HOST',
  'CODE_SERVER_CONFIG',
  'PASSWORD',
  'HASHED_PASSWORD',
  'GITHUB_TOKEN',
  'VSCODE_IPC_HOOK_CLI',
  'VSCODE_PROXY_URI',
  'CODE_SERVER_PARENT_PID',
];

/** Quiet, offline user settings for the throwaway profile. */
const PROFILE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
};

/**
 * The profile, extensions, config and XDG folders inside `workDir`, so that code-server never reads
 * or writes the user's own, and the environment that keeps it offline.
 */
function profile(workDir: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const env = { ...process.env };
  for (const name of OVERRIDING_VARIABLES) delete env[name];
  return {
    args: ['--user-data-dir', path.join(workDir, 'user-data'), '--extensions-dir', path.join(workDir, 'extensions')],
    env: {
      ...env,
      EXTENSIONS_GALLERY: '{"serviceUrl":""}', // no marketplace look-ups: offline
      XDG_CONFIG_HOME: path.join(workDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(workDir, 'xdg-data'),
    },
  };
}

/** Installs a .vsix into the profile in `workDir`, as a user's `code --install-extension` does. */
export async function installExtension(workDir: string, vsix: string): Promise<string> {
  const { args, env } = profile(workDir);
  const { stdout } = await promisify(execFile)(codeServerBin, [...args, '--install-extension', vsix], { env });
  return stdout;
}

/**
 * Starts code-server on a port the OS picks, in the profile in `workDir`, with `settings` added to the
 * profile's quiet defaults. Resolves once it listens.
 */
export async function startCodeServer(
  workDir: string,
  options: { port?: number; echo?: boolean; settings?: Record<string, unknown> } = {},
): Promise<CodeServer> {
  const configFile = path.join(workDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  mkdirSync(path.join(workDir, 'user-data', 'User'), { recursive: true });
  writeFileSync(
    path.join(workDir, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ ...PROFILE_SETTINGS, ...options.settings }, null, 2),
  );

  const { args, env } = profile(workDir);
  const child = spawn(
    codeServerBin,
    [
      '--config',
      configFile,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${options.port ?? 0}`,
      ...args,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust', // otherwise the window opens in restricted mode behind a prompt
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    {
      detached: true, // its own process group, so that stop() also ends the extension host and pty host
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  );

  const log = createWriteStream(path.join(workDir, 'code-server.log'));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onOutput = (chunk: Buffer) => {
      log.write(chunk);
      if (options.echo) process.stderr.write(chunk);
      output += chunk.toString();
      const listening = /HTTP server listening on (http:\/\/\S+?)\/?\s/.exec(output);
      if (listening?.[1]) resolve(listening[1]);
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`code-server exited early (code ${code}); see ${workDir}/code-server.log`)),
    );
  });

  return { url, process: child, stop: () => stopProcessGroup(child) };
}

/** SIGTERM the process group; SIGKILL it if it is still there five seconds later. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const escalation = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(escalation);
}

export interface WorkbenchOptions {
  /** The workspace folder to open. */
  folder?: string | undefined;
  /** A file to open in an editor. */
  openFile?: string | undefined;
  /** A module exporting `run()`, as for @vscode/test-electron's extensionTestsPath. */
  extensionTestsPath?: string | undefined;
  /** Only the extensions installed in the profile, not this project loaded from its folder. */
  installedOnly?: boolean;
}

/**
 * The workbench URL, which loads this project as an extension under development unless
 * `installedOnly`. code-server has no --extensionDevelopmentPath flag; its workbench reads a `payload` query of name/value pairs
 * whose paths are `vscode-remote://HOST:PORT/…` URIs, HOST:PORT being exactly the page's address.
 */
export function workbenchUrl(server: CodeServer, options: WorkbenchOptions): string {
  const authority = new URL(server.url).host;
  const remote = (file: string) => `vscode-remote://${authority}${path.resolve(file)}`;
  const payload: [string, string][] = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (!options.installedOnly) payload.push(['extensionDevelopmentPath', remote(projectRoot)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (options.openFile) payload.push(['openFile', remote(options.openFile)]);
  const query = new URLSearchParams();
  if (options.folder) query.set('folder', path.resolve(options.folder));
  else query.set('ew', 'true'); // an empty window
  query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

/**
 * The user setting that makes this project run in the browser's web-worker extension host (its `browser`
 * entry), as on vscode.dev, instead of code-server's Node extension host (`main`); tests of the project then
 * run there too. The workbench's `extensionDevelopmentKind` payload does not: code-server 4.100.3's browser
 * workbench parses it but never reads it.
 */
export function webExtensionHostSettings(): Record<string, unknown> {
  const { publisher, name } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
  };
  return { 'remote.extensionKind': { [`${publisher}.${name}`]: ['web'] } };
}

/** Debian's Chromium (or `CHROMIUM`), headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // As root in a container: no sandbox, no GPU, no /dev/shm; and nothing that calls home.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

interface AutomationLogFile {
  relativePath: string;
  contents: string;
}

/**
 * Exposes the hooks the workbench calls in test mode (VS Code's own browser integration tests use them):
 * window.codeAutomationLog(type, args) for every log line, the extension host's console included, and
 * window.codeAutomationExit(code, logs) once the extensionTestsPath module's run() has settled. Call
 * before loading the workbench; `exited` resolves with run()'s exit code (0 when it resolved), or 2
 * when the page crashes. The window's and extension host's logs are written into `logsDir`.
 */
export async function automationHooks(
  page: Page,
  options: { onLog: (type: string, text: string) => void; logsDir: string },
): Promise<{ exited: Promise<number> }> {
  let settle: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => {
    settle = resolve;
  });
  page.once('crash', () => {
    options.onLog('error', 'the browser page crashed');
    settle(2);
  });
  await page.exposeFunction('codeAutomationExit', (code: number, logs: AutomationLogFile[] | undefined) => {
    for (const file of logs ?? []) {
      const target = path.join(options.logsDir, file.relativePath);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    settle(code);
  });
  await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
    options.onLog(type, format(...logArgs)); // mocha's reporter logs printf-style ('%s%s', …)
  });
  // Wrapped: an async function returning the promise itself would wait for it.
  return { exited: exitCode };
}
