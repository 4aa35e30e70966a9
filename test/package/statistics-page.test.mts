/**
 * The statistics page as a user sees it beside a transcript: the packaged .vsix in a fresh code-server
 * profile, the page laid out in panes of about 360, 600 and 1,200 px in the light, dark and high-contrast
 * themes, and measured there: no word broken inside, no cell cutting its text off, nothing wider than
 * the pane except the table, which scrolls. `npm run test:package` packs the .vsix first.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { eventually } from '../support/eventually.js';
import { InstalledVsix } from './installed-vsix.mjs';

/** Ten speakers, with the long, accented, CJK and emoji names that broke the page. */
const SPEAKERS = [
  'María José García-Fernández',
  'Dr. Chen',
  '王小明',
  'Assistant',
  'User 😀',
  'Interviewer (off camera)',
  'Jean-Baptiste',
  'さくら',
  'Moderator',
  'Ω',
];
const TRANSCRIPT = SPEAKERS.map((speaker, index) => `[${speaker}]: ${'word 你好 '.repeat(index * 30 + 5)}`).join('\n');

const THEMES = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast'];
/** The class the workbench gets for each theme's kind, which says the theme has been applied. */
const THEME_CLASSES: Record<string, string> = {
  'Default Light Modern': 'vs',
  'Default Dark Modern': 'vs-dark',
  'Default High Contrast': 'hc-black',
};
/** Window widths that give the page (beside the editor, side bar closed) about 360, 600 and 1,200 px. */
const WIDTHS = [360, 600, 1200];

interface Layout {
  width: number;
  brokenWords: string[];
  cutCells: string[];
  pageOverflow: number;
}

/**
 * Measured in the page: a word whose text takes two line boxes is broken inside; a cell whose content
 * is wider than the cell is cut; the page scrolling sideways means something is wider than the pane.
 * A string, not a function: the project's types have no DOM.
 */
const MEASURE = `(() => {
  const brokenWords = [];
  const cutCells = [];
  for (const cell of document.querySelectorAll('th, td, h1, p, .bar-label')) {
    if (cell.scrollWidth > cell.clientWidth + 1 && !cell.classList.contains('bar-label')) cutCells.push(cell.textContent);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (const match of text.matchAll(/[^\\s]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) brokenWords.push(match[0]);
      }
    }
  }
  const root = document.documentElement;
  return { width: root.clientWidth, brokenWords, cutCells, pageOverflow: root.scrollWidth - root.clientWidth };
})()`;

/** Runs the command titled `title` from the Command Palette. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function statisticsFrame(page: Page): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const found = await frame.evaluate<boolean>(`!!document.querySelector('table th[scope=row]')`).catch(() => false);
    if (found) return frame;
  }
  return undefined;
}

describe('the statistics page of the installed .vsix', () => {
  const vsix = new InstalledVsix('vsix-statistics-');
  const folder = path.join(vsix.workDir, 'chats');

  before(async () => {
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'panel.transcript'), TRANSCRIPT);
    await vsix.start({ width: 1400, height: 900 });
  });

  after(() => vsix.stop());

  let shownTheme = '';
  /** Loads the workbench in `theme` (a user setting, read at load) with the statistics page beside the transcript. */
  const showWithTheme = async (page: Page, theme: string) => {
    const settingsFile = path.join(vsix.workDir, 'user-data', 'User', 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(vsix.url({ folder, openFile: path.join(folder, 'panel.transcript') }));
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
    await eventually(
      `the ${theme} theme`,
      () => page.locator('.monaco-workbench').getAttribute('class'),
      (classes) => (classes ?? '').split(/\s+/).includes(THEME_CLASSES[theme]!),
    );
    if (await page.locator('.sidebar').isVisible()) await page.keyboard.press('Control+B');
    await runCommand(page, 'Transcript: Show Statistics');
    await eventually('the statistics page', () => statisticsFrame(page), Boolean, 60_000);
    shownTheme = theme;
  };

  for (const theme of THEMES) {
    for (const pane of WIDTHS) {
      vsix.test(
        `breaks no word and cuts nothing off in a ${pane} px pane in ${theme}`,
        async () => {
          const { page } = vsix;
          if (shownTheme !== theme) await showWithTheme(page, theme);
          await page.setViewportSize({ width: pane * 2 + 60, height: 900 });
          const layout = await eventually(
            `a page about ${pane} px wide`,
            async () => (await statisticsFrame(page))?.evaluate<Layout>(MEASURE),
            (found) => found !== undefined && Math.abs(found.width - pane) < pane * 0.2,
          );
          assert.deepEqual(layout!.brokenWords, [], 'words broken inside');
          assert.deepEqual(layout!.cutCells, [], 'cells cut off');
          assert.equal(layout!.pageOverflow, 0, 'the page is wider than its pane');
        },
        `failure-${pane}.png`,
      );
    }
  }
});
