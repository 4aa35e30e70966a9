/**
 * The part of the VS Code figures that runs inside VS Code's extension host (bundled by
 * bench/figures/vscode.ts and loaded as the workbench's extensionTestsPath): opens each document, waits
 * for its outline, types the keystroke that adds a problem and the Backspace that removes it, and writes
 * the times to the results file named in config.json beside the bundle. Every wait polls or listens, with
 * a timeout that names what did not happen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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

export interface HostConfig {
  readonly subjects: readonly HostSubject[];
  /** Keystrokes timed per open: each adds a problem and is undone (untimed) before the next. */
  readonly keystrokes: number;
  readonly timeoutMs: number;
  readonly results: string;
}

/** Milliseconds per subject name. */
export interface HostResults {
  readonly openOutline: Record<string, number[]>;
  readonly keystrokeProblems: Record<string, number[]>;
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

/** The extensionTestsPath entry point: VS Code awaits it, and a throw makes the run exit with code 1. */
export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as HostConfig;
  const results: HostResults = { openOutline: {}, keystrokeProblems: {} };
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
}
