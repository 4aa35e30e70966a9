/**
 * `.txt` transcripts as a new user meets them: the packaged .vsix installed into a fresh code-server
 * profile, a folder of `.txt` chat logs opened, and the question `transcript.detect` asks answered by
 * clicking its buttons. `npm run test:package` packs the .vsix first.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  installExtension,
  launchChromium,
  projectRoot,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
} from '../../scripts/code-server.mjs';
import { eventually } from '../support/eventually.js';

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const vsix = path.join(projectRoot, `${manifest.name}-${manifest.version}.vsix`);
const CHAT = '[User]: 你好 😀\n[Assistant]: Hello!\n';

/** Processes running the language server of the extension installed under `extensionsDir`. */
function serverProcesses(extensionsDir: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')];
      } catch {
        return [];
      }
    })
    .filter((command) => command.includes(extensionsDir) && command.includes('dist/server.js'));
}

describe('a .txt transcript opened in a fresh profile with the .vsix installed', () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'vsix-detect-'));
  const chats = path.join(workDir, 'chats');
  let browser: Browser | undefined;
  let server: CodeServer | undefined;
  let page: Page;
  let failed = false;

  before(async () => {
    mkdirSync(chats);
    for (const name of ['first.txt', 'second.txt', 'third.txt']) writeFileSync(path.join(chats, name), CHAT);
    assert.match(await installExtension(workDir, vsix), /was successfully installed/);
    server = await startCodeServer(workDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (!failed) rmSync(workDir, { recursive: true, force: true });
    else console.error(`code-server's log and failure.png are kept in ${workDir}`);
  });

  /** A test that keeps the work folder, with a screenshot, when it fails. */
  const check = (name: string, body: () => Promise<void>) =>
    void it(name, async () => {
      try {
        await body();
      } catch (error) {
        failed = true;
        await page?.screenshot({ path: path.join(workDir, 'failure.png') }).catch(() => undefined);
        throw error;
      }
    });

  /** Loads the workbench on the chats folder with `file` open in an editor. */
  const open = async (file: string) => {
    await page.goto(workbenchUrl(server!, { folder: chats, openFile: path.join(chats, file), installedOnly: true }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  };
  const question = () =>
    page.locator('.notifications-toasts .notification-toast', { hasText: 'starts with a speaker tag' });
  const languageMode = () => page.locator('#status\\.editor\\.mode');

  check(
    'asks about it with no language server started, and "Open as Transcript" switches its language and starts one',
    async () => {
      await open('first.txt');
      const extensions = path.join(workDir, 'extensions');
      await question().waitFor({ timeout: 60_000 });
      assert.deepEqual(serverProcesses(extensions), []);
      await question().getByRole('button', { name: 'Open as Transcript' }).click();
      await eventually(
        'the Transcript language mode',
        () => languageMode().innerText(),
        (text) => text.includes('Transcript'),
      );
    },
  );

  check(
    '"Always in this folder" writes a files.associations pattern, and the next file opens as a transcript unasked',
    async () => {
      await open('second.txt');
      await question().getByRole('button', { name: 'Always in this folder' }).click({ timeout: 60_000 });
      const settingsFile = path.join(chats, '.vscode', 'settings.json');
      const associations = await eventually(
        'the folder settings',
        () => {
          try {
            return (JSON.parse(readFileSync(settingsFile, 'utf8')) as { 'files.associations'?: object })[
              'files.associations'
            ];
          } catch {
            return undefined;
          }
        },
        (found) => found !== undefined,
      );
      assert.deepEqual(associations, { [`${chats}/*.txt`]: 'transcript' });
      await open('third.txt');
      await eventually(
        'the Transcript language mode',
        () => languageMode().innerText(),
        (text) => text.includes('Transcript'),
      );
      assert.equal(await question().count(), 0);
    },
  );
});
