/**
 * The chat preview as a user sees it: the packaged .vsix in a fresh code-server profile, a transcript
 * with a FILE block, a fence and hostile markup opened to the side, and the page read in its frame.
 * `npm run test:package` packs the .vsix first.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { eventually } from '../support/eventually.js';
import { InstalledVsix } from './installed-vsix.mjs';

const TRANSCRIPT = [
  '[用户]: 你好，can you write a **script**? <img src=x onerror="document.title=1">',
  '(系统提示：用户已登录)',
  '[Assistant]: Sure:',
  '<<<FILE src/hello.py',
  'def main():',
  '    print("你好")',
  'FILE>>>',
  '```ts',
  'const x: number = 1;',
  '```',
  '[用户]: Thanks! [x](javascript:alert(1))',
].join('\n');

/** What the page shows, read in its frame. A string, not a function: the project's types have no DOM. */
const READ = `(() => ({
  speakers: [...document.querySelectorAll('article.turn > header')].map((header) => header.textContent),
  sides: [...document.querySelectorAll('article.turn')].map((turn) => turn.classList.contains('side-right') ? 'right' : 'left'),
  stage: document.querySelector('p.stage')?.textContent,
  file: document.querySelector('details.file summary')?.textContent,
  keywords: [...document.querySelectorAll('.hljs-keyword')].map((span) => span.textContent),
  scripts: [...document.querySelectorAll('script[src]')].map((script) => script.getAttribute('src').replace(/^.*\\//, '')),
  images: document.querySelectorAll('img').length,
  handlers: [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((attribute) => attribute.name)),
  links: [...document.querySelectorAll('a')].map((link) => link.getAttribute('href')),
  policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
}))()`;

interface Shown {
  speakers: string[];
  sides: string[];
  stage: string | undefined;
  file: string | undefined;
  keywords: string[];
  /** The file names of the scripts loaded (VS Code adds an inline one of its own, acquireVsCodeApi). */
  scripts: string[];
  images: number;
  handlers: string[];
  links: (string | null)[];
  policy: string | undefined;
}

async function previewFrame(page: Page): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const found = await frame.evaluate<boolean>(`!!document.querySelector('article.turn')`).catch(() => false);
    if (found) return frame;
  }
  return undefined;
}

describe('the chat preview of the installed .vsix', () => {
  const vsix = new InstalledVsix('vsix-preview-');
  const folder = path.join(vsix.workDir, 'chats');

  before(async () => {
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'chat.transcript'), TRANSCRIPT);
    await vsix.start({ width: 1400, height: 900 });
  });

  after(() => vsix.stop());

  vsix.test('shows the chat beside the transcript, highlighted, with nothing that runs', async () => {
    const { page } = vsix;
    await page.goto(vsix.url({ folder, openFile: path.join(folder, 'chat.transcript') }));
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    const frame = await eventually('the preview', () => previewFrame(page), Boolean, 60_000);
    const shown = await eventually(
      'every turn in the preview',
      () => frame!.evaluate<Shown>(READ),
      (found) => found.speakers.length === 3,
    );
    if (process.env.PREVIEW_SCREENSHOT) await page.screenshot({ path: process.env.PREVIEW_SCREENSHOT });
    assert.deepEqual(shown.speakers, ['用户', 'Assistant', '用户']);
    assert.deepEqual(shown.sides, ['left', 'right', 'left']);
    assert.equal(shown.stage, '(系统提示：用户已登录)');
    assert.equal(shown.file, 'src/hello.pyPython2 lines');
    assert.deepEqual(shown.keywords, ['def', 'const']);
    assert.deepEqual(shown.scripts, ['preview-page.js']);
    assert.equal(shown.images, 0);
    assert.deepEqual(shown.handlers, []);
    assert.deepEqual(shown.links, []);
    assert.match(shown.policy ?? '', /^default-src 'none'; script-src 'nonce-/);
  });
});
