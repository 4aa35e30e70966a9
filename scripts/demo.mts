/**
 * `npm run demo`: the seeds folder in a real VS Code (code-server) in your browser, with this
 * extension loaded from the working tree. Serves on 127.0.0.1 only; Ctrl+C stops it.
 *
 *   node --import tsx scripts/demo.mts [--port 8123]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot, startCodeServer, workbenchUrl } from './code-server.mjs';

const { values: args } = parseArgs({ options: { port: { type: 'string', default: '0' } } });

const workDir = mkdtempSync(path.join(os.tmpdir(), 'transcript-demo-'));
const server = await startCodeServer(workDir, { port: Number(args.port) });
const url = workbenchUrl(server, {
  folder: path.join(projectRoot, 'seeds'),
  openFile: path.join(projectRoot, 'seeds', '000_29a70a8e0e777a4d.txt'),
});
console.log(`Transcript demo: open this address in a browser (Ctrl+C stops the server):\n\n  ${url}\n`);
if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  // Best effort: without xdg-open the address above is all there is.
  spawn('xdg-open', [url], { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

let stopping = false;
async function stop(): Promise<void> {
  stopping = true;
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
server.process.once('exit', (code) => {
  if (stopping) return;
  console.error(`code-server exited (code ${code}); its log is in ${workDir}/code-server.log`);
  process.exit(1);
});
