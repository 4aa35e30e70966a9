/**
 * End to end in a real VS Code (code-server 1.100.3 with headless Chromium, as `npm run test:vscode`
 * runs it): the transcript with this extension (dist/, loaded as an extension under development) against
 * the same content as markdown with VS Code's built-in markdown extension, in one window. Two figures,
 * timed inside the extension host by vscode-host.ts:
 * - open → outline: from asking VS Code to show the file to `vscode.executeDocumentSymbolProvider`
 *   first answering with symbols, the answer the Outline view renders;
 * - keystroke → problems: from a typed character that adds a problem (or a Backspace that removes it)
 *   to `onDidChangeDiagnostics` reporting the new set, which is what the Problems view shows.
 * And two of the previews, ours against the built-in markdown preview, read in the webview's frame by
 * this driver (the markdown preview tells the extension host nothing), both by the `data-line`
 * attributes the two previews give their elements:
 * - open → preview painted (10 MiB, and 49 MB: VS Code gives extensions no file over 50 MB): from the
 *   preview command, given as soon as the editor shows the file, to the first element with a line;
 * - keystroke → preview updated (10 MiB): from a typed character to the preview's element of that line
 *   showing it.
 * When code-server cannot be installed, the figures say so and the rest of the benchmark runs on.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { Position } from '../../src/core/lines.js';
import { generateTranscript } from '../../test/support/generate.js';
import { transcriptToMarkdown } from '../markdown.js';
import { median } from '../measure.js';
import { failure, type Failure, type Row, type Value } from '../report.js';
import type { HostConfig, HostResults, HostSubject, PaintWatch, PreviewSubject } from './vscode-host.js';
import type { Workload } from './workload.js';

/** What each document gets inserted after the edit site's line: a problem from the start, and a toggle. */
export interface Prepared {
  readonly text: string;
  /** 0-based line of the problem the document has from the start. */
  readonly problemLine: number;
  readonly toggle: HostSubject['toggle'];
}

/** The offset where line `line + 1` starts (the text's end when there is none). */
function nextLineStart(text: string, line: number): number {
  let offset = 0;
  for (let at = 0; at <= line; at++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  return offset;
}

function insertAfterLine(text: string, line: number, lines: readonly string[]): string {
  const at = nextLineStart(text, line);
  const before = text.slice(0, at);
  const separator = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return `${before}${separator}${lines.join('\n')}\n${text.slice(at)}`;
}

/**
 * The transcript with two lines after `site`'s line inside its turn: `[Ann] :`, a look-alike speaker
 * tag (a warning from the start), and `[Bob] `, which typing `:` turns into another.
 */
export function prepareTranscript(text: string, site: Position): Prepared {
  return {
    text: insertAfterLine(text, site.line, ['[Ann] :', '[Bob] ']),
    problemLine: site.line + 1,
    toggle: { line: site.line + 2, character: '[Bob] '.length, text: ':' },
  };
}

/**
 * The markdown with paragraphs after `site`'s line: a link to a missing heading (a warning from the
 * start, with link validation on), and `[x](#no-such-heading`, which typing `)` makes a second one.
 */
export function prepareMarkdown(markdown: string, site: Position): Prepared {
  const link = '[x](#no-such-heading';
  return {
    text: insertAfterLine(markdown, site.line, ['', '[y](#also-missing)', '', link, '']),
    problemLine: site.line + 2,
    toggle: { line: site.line + 4, character: link.length, text: ')' },
  };
}

interface Plan {
  /** Timed opens per language, each of a fresh copy. */
  readonly opens: number;
  /** Keystrokes that add a problem, per open. */
  readonly keystrokes: number;
  /** Keystrokes into a 10 MiB document with its preview beside it, per language. */
  readonly previewKeystrokes: number;
  /** Whether the previews also open a 49 MB document. */
  readonly largePreview: boolean;
}

/** The word the preview figures type after: the first line of a turn, and a paragraph of its own in markdown. */
const MARKER = 'zqxmarker';
/** VS Code gives extensions the documents up to 50 MiB; this is the largest round size under it. */
const LARGE_PREVIEW_BYTES = 49_000_000;
/** How long a preview may take to show a document or a keystroke before the figure says it did not. */
const PREVIEW_TIMEOUT_MS = 90_000;

/**
 * The transcript with the marker as the first line of its first turn's text: the first element of its
 * preview holds it. The element's line is the turn's speaker line.
 */
export function previewTranscript(text: string): { text: string; markerLine: number; toggle: HostSubject['toggle'] } {
  const tag = /^\[[^\]\r\n]+\]:/m.exec(text);
  const at = tag ? tag.index : 0;
  const line = (text.slice(0, at).match(/\n/g) ?? []).length;
  const prepared = tag ? insertAfterLine(text, line, [MARKER]) : `[User]: hi\n${MARKER}\n${text}`;
  return { text: prepared, markerLine: line, toggle: { line: line + 1, character: MARKER.length, text: '1' } };
}

/** The markdown with the marker as its first paragraph, line 0. */
export function previewMarkdown(markdown: string): { text: string; markerLine: number; toggle: HostSubject['toggle'] } {
  return { text: `${MARKER}\n\n${markdown}`, markerLine: 0, toggle: { line: 0, character: MARKER.length, text: '1' } };
}

/**
 * The expression that is the `Date.now()` it ran at once a frame shows `watch`, and 0 before: it runs
 * in every frame about 20 times a second, so it must be cheap. The two previews mark their elements with
 * the source line in `data-line`.
 */
function paintCheck(watch: PaintWatch): string {
  if (watch.line === undefined) return `document.querySelector('[data-line]') ? Date.now() : 0`;
  const selector = JSON.stringify(`[data-line="${watch.line}"]`);
  const text = JSON.stringify(watch.text ?? '');
  return `(() => {
    const found = document.querySelector(${selector});
    return found && found.textContent.includes(${text}) !== ${watch.gone === true} ? Date.now() : 0;
  })()`;
}

const WATCH_INTERVAL_MS = 50;

/**
 * Reads every frame of the workbench but its own (the previews are webviews: frames in frames) until one
 * shows `watch`, and writes the answer the extension host polls for. Polled from here: a webview's frame
 * is written by its host page rather than loaded, so a wait set up inside it can miss its content.
 */
async function watchPaint(page: Page, watch: PaintWatch, signals: string): Promise<void> {
  const check = paintCheck(watch);
  const answer = (value: object) => writeFileSync(join(signals, `${watch.id}.json`), JSON.stringify(value));
  const deadline = Date.now() + watch.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      const frames = page.frames().filter((frame) => frame !== page.mainFrame());
      // A renderer busy laying out a huge page answers late: the deadline holds all the same.
      const late = new Promise<number[]>((resolve) => {
        timer = setTimeout(() => resolve([]), Math.max(0, deadline - Date.now()));
      });
      const seen = await Promise.race([
        Promise.all(frames.map((frame) => frame.evaluate<number>(check).catch(() => 0))),
        late,
      ]);
      clearTimeout(timer);
      const at = seen.find((value) => value > 0);
      if (at !== undefined) return answer({ at });
      if (Date.now() > deadline) throw new Error(`no preview showed ${watch.id} within ${watch.timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS));
    }
  } catch (error) {
    answer({ error: failure(error).failed });
  } finally {
    clearTimeout(timer);
  }
}

const TIMEOUT_MS = 180_000;
/**
 * The whole run, code-server's start included: about twice what a 10 MiB run with its previews took on
 * 2 cores at a load of 10. A run cut short reports the documents it measured.
 */
const RUN_TIMEOUT_MS = 1_200_000;

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The install script (idempotent, quick once installed); the reason it failed otherwise. */
function installCodeServer(root: string): string | undefined {
  const install = spawnSync('bash', [join(root, 'scripts', 'install-code-server.sh')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (install.status === 0) return undefined;
  const output = `${install.stderr ?? ''}${install.stdout ?? ''}`.trim().split('\n').pop() ?? '';
  return `code-server could not be installed (scripts/install-code-server.sh: ${install.error?.message ?? output})`;
}

async function bundleHost(root: string, outdir: string): Promise<string> {
  await build({
    entryPoints: [join(root, 'bench', 'figures', 'vscode-host.ts')],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outdir;
}

/** What vscode-host.ts had written when the run ended, and why it ended early, if it did. */
interface Outcome {
  readonly measured: HostResults | undefined;
  readonly error?: unknown;
}

function readResults(file: string): HostResults | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HostResults) : undefined;
}

/** Runs vscode-host.ts in code-server; code-server and Chromium are stopped however it ends. */
async function runInVsCode(root: string, workDir: string, config: HostConfig): Promise<Outcome> {
  // Imported here: playwright-core and the harness load only when the figures run.
  const { automationHooks, launchChromium, startCodeServer, workbenchUrl } =
    await import('../../scripts/code-server.mjs');
  const hostDir = await bundleHost(root, join(workDir, 'host'));
  writeFileSync(join(hostDir, 'config.json'), JSON.stringify(config));
  const server = await startCodeServer(workDir, {
    // Markdown reports broken links only with validation on; our extension reports problems by default.
    settings: {
      'markdown.validate.enabled': true,
      'workbench.editor.enablePreview': false,
      ...(process.env.BENCH_VERBOSE ? { 'markdown.server.log': 'trace' } : {}),
    },
  });
  const tail: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const { exited } = await automationHooks(page, {
      logsDir: join(workDir, 'logs'),
      onLog: (_type, text) => {
        if (text.startsWith('[bench:vscode] watch ')) {
          void watchPaint(page, JSON.parse(text.slice(21)) as PaintWatch, config.signals);
          return;
        }
        if (text.startsWith('[bench:vscode] ')) log(`vscode: ${text.slice(15)}`);
        tail.push(text);
        if (process.env.BENCH_VERBOSE) log(`vscode log: ${text}`);
        if (tail.length > 20) tail.shift();
      },
    });
    await page.goto(workbenchUrl(server, { extensionTestsPath: hostDir }));
    const serverDied = new Promise<never>((_, reject) =>
      server.process.once('exit', (code) => reject(new Error(`code-server exited (code ${code})`))),
    );
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the VS Code run timed out after ${RUN_TIMEOUT_MS / 1000} s`)),
        RUN_TIMEOUT_MS,
      );
    });
    const code = await Promise.race([exited, serverDied, timedOut]);
    if (code !== 0) {
      const reason = tail.filter((line) => /error|timed out/i.test(line)).pop() ?? `exit code ${code}`;
      throw new Error(`the VS Code run failed: ${reason}`);
    }
    return { measured: readResults(config.results) };
  } catch (error) {
    return { measured: readResults(config.results), error };
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

/**
 * The two figures from what was measured; `reason` stands for a language with no samples, and is
 * noted when the run ended early.
 */
function rows(label: string, measured: HostResults | undefined, reason: Failure, plan: Plan, cutShort = false): Row[] {
  const value = (samples: number[] | undefined): Value => (samples && samples.length > 0 ? median(samples) : reason);
  const count = (samples: Record<string, number[]> | undefined) =>
    ['transcript', 'markdown'].map((name) => samples?.[name]?.length ?? 0).join(' / ');
  const early = cutShort
    ? `; the run ended early (${reason.failed}): transcript / markdown opens measured ${count(measured?.openOutline)}`
    : '';
  const runs = `median of ${plan.opens} opens of fresh copies per language${early}`;
  const previewOpen = (name: string, size: string): Value => {
    const found = measured?.previewOpen[`${name} ${size}`];
    return found === undefined ? reason : found;
  };
  const previewKeys = (name: string) => measured?.previewKeystroke[`${name} ${label}`];
  const under = (value: Value, limit: number) => (typeof value === 'number' ? value < limit : null);
  const largeOpen = previewOpen('transcript', LARGE_LABEL);
  const keystroke = value(previewKeys('transcript'));
  const previews: Row[] = [
    {
      id: `vscode.preview-open.${label}`,
      figure: `VS Code: open → preview painted, ${label}`,
      unit: 'ms',
      ours: previewOpen('transcript', label),
      floor: null,
      peer: previewOpen('markdown', label),
      target: '',
      met: null,
      note: `our preview vs the built-in markdown preview, each opened beside its document as soon as the editor shows it, until the preview's frame has an element with a line (read in the webview by the browser's driver); one open each`,
    },
    ...(plan.largePreview
      ? [
          {
            id: `vscode.preview-open.${LARGE_LABEL}`,
            figure: `VS Code: open → preview painted, ${LARGE_LABEL}`,
            unit: 'ms',
            ours: largeOpen,
            floor: null,
            peer: previewOpen('markdown', LARGE_LABEL),
            target: '< 2 s',
            met: under(largeOpen, 2000),
            note: `as at ${label}; 49 MB as VS Code gives extensions no document over 50 MiB (the markdown preview has ${PREVIEW_TIMEOUT_MS / 1000} s)`,
          },
        ]
      : []),
    {
      id: `vscode.preview-keystroke.${label}`,
      figure: `VS Code: keystroke → preview updated, ${label}`,
      unit: 'ms',
      ours: keystroke,
      floor: null,
      peer: value(previewKeys('markdown')),
      target: '< 100 ms',
      met: under(keystroke, 100),
      note: `a typed character on the first turn (the first paragraph in markdown), until the preview's element of that line shows it; median of ${plan.previewKeystrokes} keystrokes per language`,
    },
  ];
  return [
    {
      id: `vscode.open-outline.${label}`,
      figure: `VS Code: open → outline symbols, ${label}`,
      unit: 'ms',
      ours: value(measured?.openOutline.transcript),
      floor: null,
      peer: value(measured?.openOutline.markdown),
      target: '',
      met: null,
      note: `code-server, our extension vs the built-in markdown one in one window; until vscode.executeDocumentSymbolProvider first answers with symbols (what the Outline view renders); ${runs}`,
    },
    {
      id: `vscode.keystroke-problems.${label}`,
      figure: `VS Code: keystroke → Problems updated, ${label}`,
      unit: 'ms',
      ours: value(measured?.keystrokeProblems.transcript),
      floor: null,
      peer: value(measured?.keystrokeProblems.markdown),
      target: '',
      met: null,
      note: `a typed character that adds a problem, until onDidChangeDiagnostics has the new set (markdown.validate.enabled on); median of ${plan.keystrokes * plan.opens} keystrokes per language`,
    },
    ...previews,
  ];
}

const LARGE_LABEL = '49 MB';

/** The preview figures' documents, written into `documents`: each language at 10 MiB, then at 49 MB. */
function previewSubjects(workload: Workload, documents: string, plan: Plan): PreviewSubject[] {
  const subjects: PreviewSubject[] = [];
  const add = (label: string, transcript: string, markdown: string, keystrokes: number) => {
    const slug = label.replace(/\W+/g, '');
    for (const [name, extension, command, prepared] of [
      ['transcript', 'transcript', 'transcript.openPreviewToSide', previewTranscript(transcript)],
      ['markdown', 'md', 'markdown.showPreviewToSide', previewMarkdown(markdown)],
    ] as const) {
      const file = join(documents, `preview-${slug}.${extension}`);
      writeFileSync(file, prepared.text);
      subjects.push({
        name,
        label,
        file,
        command,
        markerLine: prepared.markerLine,
        marker: MARKER,
        toggle: prepared.toggle,
        keystrokes,
      });
    }
  };
  add(workload.label, workload.text, workload.markdown, plan.previewKeystrokes);
  if (plan.largePreview) {
    log(`generating the ${LARGE_LABEL} transcript for the preview figures`);
    const large = generateTranscript({ seed: 1, bytes: LARGE_PREVIEW_BYTES });
    add(LARGE_LABEL, large, transcriptToMarkdown(large), 0);
  }
  return subjects;
}

/** Runs the two figures on `workload`'s documents, edited at `sites`. */
export async function vscodeFigures(
  root: string,
  workload: Workload,
  sites: { transcriptEdit: Position; markdownEdit: Position },
  plan: Plan,
): Promise<Row[]> {
  const notInstalled = installCodeServer(root);
  if (notInstalled !== undefined) {
    log(`skipping the VS Code figures: ${notInstalled}`);
    return rows(workload.label, undefined, { failed: `skipped: ${notInstalled}` }, plan);
  }
  const workDir = mkdtempSync(join(tmpdir(), 'bench-vscode-'));
  const documents = join(workDir, 'documents');
  let kept = false;
  try {
    mkdirSync(documents);
    const subject = (name: string, extension: string, prepared: Prepared, warmup: string): HostSubject => {
      const first = join(documents, `${name}-1.${extension}`);
      writeFileSync(first, prepared.text);
      const files = [first];
      for (let copy = 2; copy <= plan.opens; copy++) {
        files.push(join(documents, `${name}-${copy}.${extension}`));
        copyFileSync(first, files[files.length - 1]!);
      }
      const warmupFile = join(documents, `warmup.${extension}`);
      writeFileSync(warmupFile, warmup);
      return { name, warmup: warmupFile, files, problemLine: prepared.problemLine, toggle: prepared.toggle };
    };
    const config: HostConfig = {
      subjects: [
        subject(
          'transcript',
          'transcript',
          prepareTranscript(workload.text, sites.transcriptEdit),
          '[User]: hello\n[Assistant]: hi\n',
        ),
        subject('markdown', 'md', prepareMarkdown(workload.markdown, sites.markdownEdit), '## User\n\nhello\n'),
      ],
      keystrokes: plan.keystrokes,
      timeoutMs: TIMEOUT_MS,
      results: join(workDir, 'results.json'),
      previews: previewSubjects(workload, documents, plan),
      signals: join(workDir, 'signals'),
      previewTimeoutMs: PREVIEW_TIMEOUT_MS,
    };
    mkdirSync(config.signals);
    const { measured, error } = await runInVsCode(root, workDir, config);
    if (error === undefined) return rows(workload.label, measured, { failed: 'no samples' }, plan);
    kept = true;
    rmSync(documents, { recursive: true, force: true });
    const reason = failure(error);
    log(`the VS Code run ended early: ${reason.failed}; code-server's log and the window's logs are in ${workDir}`);
    return rows(workload.label, measured, reason, plan, true);
  } catch (error) {
    kept = true;
    // The logs are worth keeping, not the copies of the documents.
    rmSync(documents, { recursive: true, force: true });
    log(`the VS Code figures failed: ${String(error)}; code-server's log and the window's logs are in ${workDir}`);
    return rows(workload.label, undefined, failure(error), plan);
  } finally {
    if (!kept) rmSync(workDir, { recursive: true, force: true });
  }
}
