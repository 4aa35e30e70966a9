import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);

/** Runs `node dist/cli.js …args` to the end, as a user's shell would (CI set, so no progress bar). */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string | Buffer } = {}): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts the CLI without waiting, for tests that talk to it while it runs. */
export function startCli(args: readonly string[], cwd = ROOT) {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true' } });
}

/** A fresh folder, removed when the test file ends. */
export function tempDir(prefix = 'transcript-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
