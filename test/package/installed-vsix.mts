/**
 * The packaged .vsix as a user gets it: installed with `--install-extension` into a fresh code-server
 * profile in a work folder of its own, no development path, and a Chromium page to drive the
 * workbench. `npm run test:package` packs the .vsix first.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  installExtension,
  launchChromium,
  projectRoot,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
  type WorkbenchOptions,
} from '../../scripts/code-server.mjs';

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const VSIX = path.join(projectRoot, `${manifest.name}-${manifest.version}.vsix`);

export class InstalledVsix {
  /** The profile, extensions and whatever a test puts there; kept, with code-server's log, when a test failed. */
  readonly workDir: string;
  private server: CodeServer | undefined;
  private browser: Browser | undefined;
  private shown: Page | undefined;
  private failed = false;

  constructor(prefix: string) {
    this.workDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  /** Installs the .vsix, starts code-server on the profile and opens a page of `viewport`'s size. */
  async start(viewport = { width: 1400, height: 850 }): Promise<void> {
    assert.match(await installExtension(this.workDir, VSIX), /was successfully installed/);
    this.server = await startCodeServer(this.workDir);
    this.browser = await launchChromium();
    this.shown = await this.browser.newPage({ viewport });
  }

  get page(): Page {
    if (!this.shown) throw new Error('the workbench is not started');
    return this.shown;
  }

  /** The workbench URL with only the installed extensions. */
  url(options: Omit<WorkbenchOptions, 'installedOnly'> = {}): string {
    if (!this.server) throw new Error('code-server is not started');
    return workbenchUrl(this.server, { ...options, installedOnly: true });
  }

  /** Marks the run failed, so that the work folder is kept, with what the page shows saved as `screenshot`. */
  async failure(screenshot = 'failure.png'): Promise<void> {
    this.failed = true;
    await this.shown?.screenshot({ path: path.join(this.workDir, screenshot) }).catch(() => undefined);
  }

  /** A test whose failure keeps the work folder, with what the page showed saved as `screenshot`. */
  test(name: string, body: () => void | Promise<void>, screenshot = 'failure.png'): void {
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        await this.failure(screenshot);
        throw error;
      }
    });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.server?.stop();
    if (!this.failed) rmSync(this.workDir, { recursive: true, force: true });
    else console.error(`code-server's log and the screenshots are kept in ${this.workDir}`);
  }
}
