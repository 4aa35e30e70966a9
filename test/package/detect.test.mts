/**
 * `.txt` transcripts as a new user meets them: the packaged .vsix installed into a fresh code-server
 * profile, a folder of `.txt` chat logs opened, and the question `transcript.detect` asks answered by
 * clicking its buttons. `npm run test:package` packs the .vsix first.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { eventually } from '../support/eventually.js';
import { InstalledVsix } from './installed-vsix.mjs';
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
  const vsix = new InstalledVsix('vsix-detect-');
  const { workDir } = vsix;
  const chats = path.join(workDir, 'chats');

  before(async () => {
    mkdirSync(chats);
    for (const name of ['first.txt', 'second.txt', 'third.txt']) writeFileSync(path.join(chats, name), CHAT);
    await vsix.start();
  });

  after(() => vsix.stop());

  /** Loads the workbench on the chats folder with `file` open in an editor. */
  const open = async (file: string) => {
    await vsix.page.goto(vsix.url({ folder: chats, openFile: path.join(chats, file) }));
    await vsix.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  };
  const question = () =>
    vsix.page.locator('.notifications-toasts .notification-toast', { hasText: 'starts with a speaker tag' });
  const languageMode = () => vsix.page.locator('#status\\.editor\\.mode');

  vsix.test(
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

  vsix.test(
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
