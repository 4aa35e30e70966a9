/**
 * The packaged .vsix as a user gets it: installed into a fresh code-server profile with
 * `--install-extension`, no development path, and its page opened from the Extensions view.
 * `npm run test:package` packs the .vsix first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../scripts/code-server.mjs';
import { commandTitles, type Manifest } from '../../scripts/user-readme.mjs';
import { eventually } from '../support/eventually.js';
import { InstalledVsix } from './installed-vsix.mjs';

const readJson = <T,>(file: string) => JSON.parse(readFileSync(path.join(projectRoot, file), 'utf8')) as T;
const manifest = readJson<Manifest>('package.json');
const titles = [...commandTitles(manifest, readJson('package.nls.json')).values()];

/** A heading of README.extension.md, and one of the developers' README.md only. */
const USER_HEADING = 'Which files open as transcripts';
const DEVELOPER_HEADING = 'The two commands';

interface PageContents {
  text: string;
  tables: string;
  images: { src: string; complete: boolean; naturalWidth: number }[];
}

/** A string, not a function: the project's types have no DOM. */
const READ_PAGE = `(() => ({
  text: document.body?.innerText ?? '',
  tables: [...document.querySelectorAll('table')].map((table) => table.innerText).join('\\n'),
  images: [...document.images].map((image) => ({
    src: image.src.length > 120 ? image.src.slice(0, 100) + '…' : image.src,
    complete: image.complete,
    naturalWidth: image.naturalWidth,
  })),
}))()`;

/**
 * The README is in a webview, an iframe inside an iframe that VS Code replaces as it loads; a frame
 * that goes away while it is read counts as empty.
 */
async function readmeFrame(page: Page): Promise<PageContents | undefined> {
  for (const frame of page.frames()) {
    const contents = await frame.evaluate<PageContents>(READ_PAGE).catch(() => undefined);
    if (contents?.text.includes(USER_HEADING)) return contents;
  }
  return undefined;
}

/** Finds the extension in the Extensions view, opens its page and reads it once its images settle. */
async function openExtensionPage(page: Page): Promise<PageContents> {
  await page.locator('.activitybar .action-item a[aria-label^="Extensions"]').click({ timeout: 60_000 });
  await page.locator('.extensions-viewlet .suggest-input-container').click();
  await page.keyboard.type('@installed transcript');
  await page.locator('.extensions-viewlet .extension-list-item', { hasText: 'Transcript' }).first().click();
  // Settled means loaded or failed, so that naturalWidth says which.
  const contents = await eventually(
    `the README heading "${USER_HEADING}" with its images settled`,
    () => readmeFrame(page),
    (read) => read !== undefined && read.images.every((image) => image.complete),
    60_000,
  );
  if (!contents) throw new Error('unreachable: eventually accepted no page');
  return contents;
}

describe('the extension page of the installed .vsix', () => {
  const vsix = new InstalledVsix('vsix-page-');
  let readme: PageContents;

  before(async () => {
    try {
      await vsix.start();
      await vsix.page.goto(vsix.url());
      readme = await openExtensionPage(vsix.page);
    } catch (error) {
      await vsix.failure();
      throw error;
    }
  });

  after(() => vsix.stop());

  vsix.test('is the README for users, not the developers’ one', () => {
    assert.ok(!readme.text.includes(DEVELOPER_HEADING), readme.text.slice(0, 2000));
  });

  vsix.test('has a table of every command by its title', () => {
    for (const title of titles) assert.ok(readme.tables.includes(title), `${title} is not in a table`);
  });

  vsix.test('shows every screenshot', () => {
    assert.ok(readme.images.length >= 2, `${readme.images.length} images`);
    for (const image of readme.images) assert.ok(image.naturalWidth > 0, `${image.src} did not load`);
  });
});
