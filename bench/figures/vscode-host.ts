/**
 * The part of the VS Code figures that runs inside VS Code's extension host (bundled by
 * bench/figures/vscode.ts and loaded as the workbench's extensionTestsPath): opens each document, waits
 * for its outline, types the keystroke that adds a problem and the Backspace that removes it, and writes
 * the times to the results file named in config.json beside the bundle. Then the previews: opens each
 * document with its preview beside it and types into it; what a preview shows is read in its webview's
 * frame by the browser's driver (vscode.ts), which this asks by a log line and which answers with a file.
 * Every wait polls or listens, with a timeout that names what did not happen.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

/** Where a keystroke toggles a problem: typing `text` at (line, character) adds one on that line. */
export interface Toggle {
  readonly line: number;
  readonly character: number;
  readonly text: string;
}

/** One language's documents: identical copies, so that every timed open is a document no server has seen. */
export interface HostSubject {
  readonly name: string;
  /** A small document that activates the language's extension and starts its server, untimed. */
  readonly warmup: string;
  readonly files: readonly string[];
  /** A line that has a problem from the start: once it shows, the open's diagnostics have arrived. */
  readonly problemLine: number;
  readonly toggle: Toggle;
}

/**
 * A document opened with its preview beside it: `command` opens the preview; typing `toggle.text` at
 * the end of the marker word makes the element of the preview whose `data-line` is `markerLine` read
 * `marker` + `toggle.text`.
 */
export interface PreviewSubject {
  readonly name: string;
  /** The document's size, `10 MiB`. */
  readonly label: string;
  readonly file: string;
  readonly command: string;
  readonly markerLine: number;
  readonly marker: string;
  readonly toggle: Toggle;
  /** Keystrokes timed: each is undone (untimed) before the next. */
  readonly keystrokes: number;
}

/**
 * What the extension host asks the driver, as one log line after `[bench:vscode] ` and `watch `: the
 * driver writes `{ at }` (the `Date.now()` in the webview when the preview showed it) or `{ error }` to
 * `${signals}/${id}.json`.
 */
export interface PaintWatch {
  readonly id: string;
  /** What the preview must show: any element with a line, or with `line` also this text in that line's element. */
  readonly line?: number;
  readonly text?: string;
  /** Wait instead for the text to be gone. */
  readonly gone?: boolean;
  readonly timeoutMs: number;
}

export interface HostConfig {
  readonly subjects: readonly HostSubject[];
  readonly previews: readonly PreviewSubject[];
  /** Where the driver answers the watches. */
  readonly signals: string;
  readonly previewTimeoutMs: number;
  /** Keystrokes timed per open: each adds a problem and is undone (untimed) before the next. */
  readonly keystrokes: number;
  readonly timeoutMs: number;
  readonly results: string;
}

/** Milliseconds per subject name. */
export interface HostResults {
  readonly openOutline: Record<string, number[]>;
  readonly keystrokeProblems: Record<string, number[]>;
  /** By `name label` (`transcript 10 MiB`): the time to the first paint, or why there was none. */
  readonly previewOpen: Record<string, number | { failed: string }>;
  readonly previewKeystroke: Record<string, number[]>;
}

const log = (message: string) => console.log(`[bench:vscode] ${message}`);

function withTimeout<T>(what: string, timeoutMs: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}

/**
 * Asks for the document's symbols until the answer is not empty. An answer is empty at once while the
 * language's client has no provider registered; the short pause between asks leaves the CPU to it.
 */
async function outline(uri: vscode.Uri): Promise<void> {
  for (;;) {
    const symbols = await vscode.commands.executeCommand<unknown[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    if (symbols && symbols.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Resolves with the `performance.now()` of the first diagnostics change of `uri` after this call that
 * satisfies `accept`: the moment the Problems view has the new set.
 */
function diagnosticsChange(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      if (!accept(vscode.languages.getDiagnostics(uri))) return;
      subscription.dispose();
      resolve(performance.now());
    });
  });
}

const onLine = (line: number) => (diagnostics: vscode.Diagnostic[]) =>
  diagnostics.some((diagnostic) => diagnostic.range.start.line === line);

function describeDiagnostics(uri: vscode.Uri): string {
  const lines = vscode.languages.getDiagnostics(uri).map((diagnostic) => diagnostic.range.start.line + 1);
  return lines.length === 0 ? 'none' : `on lines ${lines.slice(0, 10).join(', ')}`;
}

/** Types `text` where the cursor is, as the keyboard does (the `type` command), or presses Backspace. */
async function press(
  editor: vscode.TextEditor,
  at: vscode.Position,
  key: { text: string } | 'Backspace',
): Promise<void> {
  editor.selection = new vscode.Selection(at, at);
  if (key === 'Backspace') await vscode.commands.executeCommand('deleteLeft');
  else await vscode.commands.executeCommand('type', key);
}

async function measure(subject: HostSubject, file: string, config: HostConfig, results: HostResults): Promise<void> {
  const uri = vscode.Uri.file(file);
  const name = `${subject.name} ${path.basename(file)}`;
  const started = performance.now();
  const editor = await vscode.window.showTextDocument(uri);
  await withTimeout(`the outline of ${name}`, config.timeoutMs, outline(uri));
  const openMs = performance.now() - started;
  results.openOutline[subject.name]!.push(openMs);

  // The open's own diagnostics first: a keystroke timed while they are still computed would wait for them.
  if (!onLine(subject.problemLine)(vscode.languages.getDiagnostics(uri))) {
    await withTimeout(
      `the problem on line ${subject.problemLine + 1} of ${name} after opening`,
      config.timeoutMs,
      diagnosticsChange(uri, onLine(subject.problemLine)),
    );
  }
  const { line, character, text } = subject.toggle;
  const keystrokes: number[] = [];
  for (let keystroke = 0; keystroke < config.keystrokes; keystroke++) {
    const what = `the problem on line ${line + 1} of ${name} to appear after typing "${text}"`;
    const added = diagnosticsChange(uri, onLine(line));
    const pressed = performance.now();
    await press(editor, new vscode.Position(line, character), { text });
    const at = await withTimeout(what, config.timeoutMs, added).catch((error: Error) => {
      throw new Error(`${error.message}; diagnostics are ${describeDiagnostics(uri)}`);
    });
    keystrokes.push(at - pressed);
    if (keystroke + 1 < config.keystrokes) {
      const removed = diagnosticsChange(uri, (diagnostics) => !onLine(line)(diagnostics));
      await press(editor, new vscode.Position(line, character + text.length), 'Backspace');
      await withTimeout(`the problem on line ${line + 1} of ${name} to go after Backspace`, config.timeoutMs, removed);
    }
  }
  results.keystrokeProblems[subject.name]!.push(...keystrokes);
  log(
    `${name}: open → outline ${openMs.toFixed(0)} ms, keystroke → problems ${keystrokes.map((ms) => ms.toFixed(0)).join(', ')} ms`,
  );
  // Written after every document, so that a run cut short by its timeout still reports what it measured.
  writeFileSync(config.results, JSON.stringify(results));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/**
 * Asks the driver to watch the previews for `watch`, and resolves with the `Date.now()` at which one
 * showed it. The driver answers with a file, polled: the extension host has no other way to hear it.
 */
async function painted(config: HostConfig, watch: PaintWatch): Promise<number> {
  log(`watch ${JSON.stringify(watch)}`);
  const answer = path.join(config.signals, `${watch.id}.json`);
  // The driver answers by its own timeout; this one is for a driver that never heard the question.
  const deadline = Date.now() + watch.timeoutMs + 30_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`no answer from the driver about ${watch.id}`);
    if (existsSync(answer)) {
      const read = JSON.parse(readFileSync(answer, 'utf8')) as { at: number } | { error: string };
      if ('error' in read) throw new Error(read.error);
      return read.at;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Focuses the document's editor (opening a preview may have focused the preview), for typing. */
function focus(document: vscode.TextDocument): Thenable<vscode.TextEditor> {
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
}

async function closeAll(document: vscode.TextDocument): Promise<void> {
  await focus(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Opens the document, then its preview at once (as a user who opens both does), and waits for the
 * preview's first paint; then the keystrokes, each until the preview shows it.
 */
async function measurePreview(subject: PreviewSubject, config: HostConfig, results: HostResults): Promise<void> {
  const key = `${subject.name} ${subject.label}`;
  const shown = await vscode.window.showTextDocument(vscode.Uri.file(subject.file), { preview: false });
  const document = shown.document;
  const opened = Date.now();
  await vscode.commands.executeCommand(subject.command);
  try {
    const at = await painted(config, { id: `${key} open`.replace(/\W+/g, '-'), timeoutMs: config.previewTimeoutMs });
    results.previewOpen[key] = at - opened;
  } catch (error) {
    results.previewOpen[key] = { failed: (error as Error).message };
    writeFileSync(config.results, JSON.stringify(results));
    await closeAll(document);
    return;
  }
  const editor = await focus(document);
  const { line, character, text } = subject.toggle;
  const typed = `${subject.marker}${text}`;
  const keystrokes: number[] = (results.previewKeystroke[key] = []);
  for (let keystroke = 0; keystroke < subject.keystrokes; keystroke++) {
    const id = `${key} key ${keystroke}`.replace(/\W+/g, '-');
    const pressed = Date.now();
    await press(editor, new vscode.Position(line, character), { text });
    const at = await painted(config, { id, line: subject.markerLine, text: typed, timeoutMs: config.previewTimeoutMs });
    keystrokes.push(at - pressed);
    await press(editor, new vscode.Position(line, character + text.length), 'Backspace');
    // Until the preview no longer shows it: the next keystroke starts from a preview at rest.
    await painted(config, {
      id: `${id}-undone`,
      line: subject.markerLine,
      text: typed,
      gone: true,
      timeoutMs: config.previewTimeoutMs,
    });
  }
  log(
    `${key}: open → preview painted ${String(results.previewOpen[key])} ms, keystroke → preview ${keystrokes.map((ms) => ms.toFixed(0)).join(', ')} ms`,
  );
  writeFileSync(config.results, JSON.stringify(results));
  await closeAll(document);
}

/** The extensionTestsPath entry point: VS Code awaits it, and a throw makes the run exit with code 1. */
export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as HostConfig;
  const results: HostResults = { openOutline: {}, keystrokeProblems: {}, previewOpen: {}, previewKeystroke: {} };
  for (const subject of config.subjects) {
    results.openOutline[subject.name] = [];
    results.keystrokeProblems[subject.name] = [];
    const uri = vscode.Uri.file(subject.warmup);
    await vscode.window.showTextDocument(uri);
    await withTimeout(`the outline of the ${subject.name} warm-up document`, config.timeoutMs, outline(uri));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
  // Runs alternate between the languages, so that a busy moment of the machine falls on both.
  const runs = Math.max(...config.subjects.map((subject) => subject.files.length));
  for (let index = 0; index < runs; index++) {
    for (const subject of config.subjects) {
      const file = subject.files[index];
      if (file !== undefined) await measure(subject, file, config, results);
    }
  }
  const failedAt = new Map<string, string>();
  for (const subject of config.previews) {
    // A preview that could not show the smaller document would hold the window up for minutes on the larger.
    const failed = failedAt.get(subject.name);
    if (failed !== undefined) {
      results.previewOpen[`${subject.name} ${subject.label}`] = { failed: `skipped: it did not paint ${failed}` };
      continue;
    }
    await measurePreview(subject, config, results);
    const open = results.previewOpen[`${subject.name} ${subject.label}`];
    if (typeof open !== 'number') failedAt.set(subject.name, `the ${subject.label} document`);
  }
  writeFileSync(config.results, JSON.stringify(results));
}
