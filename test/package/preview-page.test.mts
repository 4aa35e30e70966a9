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

  /** The first line number the editor shows (1-based), read from its gutter. */
  const editorTopLine = async (page: Page): Promise<number> => {
    const numbers = await page.locator('.monaco-editor .line-numbers').allTextContents();
    return Math.min(...numbers.map(Number).filter((line) => line > 0));
  };

  /** The first line of the turn at the top of the preview, and the range of turns it has. */
  const PREVIEW_TOP = `(() => {
    const turns = [...document.querySelectorAll('article.turn')];
    const top = turns.find((turn) => turn.getBoundingClientRect().bottom > 0);
    return { line: top ? Number(top.dataset.line) : -1, first: Number(turns[0]?.dataset.turn), last: Number(turns.at(-1)?.dataset.turn) };
  })()`;

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

  vsix.test(
    'scrolls with the editor both ways, rendering the turns it reaches, and a double-click moves the cursor',
    async () => {
      const { page } = vsix;
      const long = Array.from({ length: 400 }, (_, i) => `[${i % 2 ? 'B' : 'A'}]: turn ${i}\nsecond line of ${i}`).join(
        '\n',
      );
      writeFileSync(path.join(folder, 'long.transcript'), long);
      await page.goto(vsix.url({ folder, openFile: path.join(folder, 'long.transcript') }));
      await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('V');
      const frame = (await eventually('the preview', () => previewFrame(page), Boolean, 60_000))!;
      const opened = await frame.evaluate<{ line: number; first: number; last: number }>(PREVIEW_TOP);
      assert.ok(opened.last < 120, `the page renders a window of turns, not all 400 (it has up to ${opened.last})`);

      // Editor → preview: the page follows the editor's top line, and renders the turns around it.
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      const followed = await eventually(
        'the preview at the end',
        () => frame.evaluate<{ line: number; first: number; last: number }>(PREVIEW_TOP),
        (found) => found.line > 700,
      );
      assert.equal(followed.last, 399);

      // Preview → editor: scrolling the page to its top brings the editor back to the start. The page does
      // not report a scroll that comes right after it followed the editor, so the probe scrolls until one counts.
      await eventually(
        'the editor at the start',
        async () => {
          await frame.evaluate('window.scrollTo(0, window.scrollY === 0 ? 1 : 0)');
          return editorTopLine(page);
        },
        (line) => line < 20,
      );

      // A double-click on a turn puts the cursor on its first line.
      await frame.locator('article.turn[data-turn="3"] .bubble').dblclick();
      await eventually(
        'the cursor on line 7',
        () =>
          page
            .locator('.statusbar-item', { hasText: /^Ln \d+, Col/ })
            .first()
            .textContent(),
        (text) => /^Ln 7,/.test(text ?? ''),
      );
    },
    'failure-scroll.png',
  );
});
