/// <reference types="mocha" />
/**
 * The extension in a real VS Code: the workspace is the seeds folder, features come from the real
 * language server through the real client, and everything is observed through the `vscode` API as a
 * user's editor sees it. Tests run in order: the first one checks that nothing activated early.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TranscriptTestApi } from '../../src/client/extension';
import { eventually } from '../support/eventually';
import { speakerLines } from './speaker-lines';

const EXTENSION_ID = 'transcript-tools.transcript';

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

function seedsFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the seeds folder open as the workspace');
  return folder.uri.fsPath;
}

function seedFiles(): string[] {
  return readdirSync(seedsFolder())
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => path.join(seedsFolder(), name));
}

function fixture(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(extension().extensionPath, 'test', 'fixtures', name));
}

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return (
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    )) ?? []
  );
}

/** The outline once the server has answered with at least one turn. */
function outlineOf(
  uri: vscode.Uri,
  accept: (symbols: vscode.DocumentSymbol[]) => boolean = (symbols) => symbols.length > 0,
) {
  return eventually(`the outline of ${path.basename(uri.fsPath)}`, () => symbolsOf(uri), accept);
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** The language server's processes: children of this extension host running our dist/server.js. */
function serverProcessIds(): number[] {
  const serverModule = path.join(extension().extensionPath, 'dist', 'server.js');
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the command name (field 2) may hold spaces, so read after ')'.
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && commandLine.includes(serverModule)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('Transcript in VS Code', () => {
  test('activates only once a transcript is opened, and starts its language server', async function () {
    assert.equal(extension().isActive, false, 'the extension activated before any transcript was open');
    const started = Date.now();
    const document = await vscode.workspace.openTextDocument(seedFiles()[0]!);
    // Shown as it opens, as a user's first file is: the extension activates with a transcript already active.
    await vscode.window.showTextDocument(document);
    const { activationMs } = (await extension().activate()) as { activationMs: number };
    await outlineOf(document.uri);
    const firstOutlineMs = Date.now() - started;
    // Recorded, not asserted: a time is checked against its target by `npm run bench`, which reads this
    // file, not by a test that a busy machine can fail.
    console.log(`      activate() ${activationMs.toFixed(1)} ms, first outline ${firstOutlineMs} ms after opening`);
    const record = path.join(extension().extensionPath, '.vscode-test', 'activation.json');
    mkdirSync(path.dirname(record), { recursive: true });
    writeFileSync(
      record,
      JSON.stringify({ activationMs, firstOutlineMs, vscode: vscode.version, recordedAt: new Date().toISOString() }),
    );
  });

  test('shows the counts of the transcript that activated the extension without the cursor moving', async () => {
    // The editor the activation test showed, untouched since: no selection or edit asks for the counts again.
    const { statusBarText } = (await extension().activate()) as { statusBarText: () => string | undefined };
    await eventually('the status bar', statusBarText, (found) =>
      /^\d+ turns · [\d,]+ words · [\d,]+ tokens$/.test(found ?? ''),
    );
  });

  test("opens the seeds as transcripts, through the folder's files.associations", async () => {
    assert.ok(seedFiles().length > 0, 'no seeds found');
    for (const file of seedFiles()) {
      const document = await vscode.workspace.openTextDocument(file);
      assert.equal(document.languageId, 'transcript', path.basename(file));
    }
  });

  test('outlines one symbol per turn, named by speaker and first words', async () => {
    for (const file of seedFiles()) {
      const document = await vscode.workspace.openTextDocument(file);
      const turns = speakerLines(document);
      const symbols = await outlineOf(document.uri, (found) => found.length === turns.length);
      symbols.forEach((symbol, index) => {
        const turn = turns[index]!;
        assert.ok(
          symbol.name.startsWith(`${turn.speaker}: `),
          `${path.basename(file)} turn ${index + 1} is named ${symbol.name}`,
        );
        assert.equal(symbol.selectionRange.start.line, turn.line);
      });
    }
    const first = await vscode.workspace.openTextDocument(seedFiles()[0]!);
    assert.equal((await symbolsOf(first.uri)).length, 20, 'seed 000 has 20 speaker lines');
  });

  test('nests FILE blocks and fences under their turn', async () => {
    const symbols = await outlineOf(fixture('vscode-with-files.transcript'));
    const outline = symbols.map((turn) => ({
      name: turn.name,
      children: turn.children.map(
        (child) => `${child.kind === vscode.SymbolKind.File ? 'file' : 'fence'} ${child.name}`,
      ),
    }));
    assert.deepEqual(outline, [
      { name: 'User: Please fix the script.', children: [] },
      { name: 'Assistant: Here is the new version:', children: ['file src/app.py', 'fence python', 'file README.md'] },
      { name: 'User: Thanks!', children: ['fence code'] },
    ]);
  });

  test("hovering a speaker tag shows the turn's word count", async () => {
    const uri = vscode.Uri.file(seedFiles()[0]!);
    const hovers = await eventually(
      'a hover on the first speaker tag',
      () =>
        vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 1)),
      (found) => found.length > 0,
    );
    const text = hovers
      .flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value)))
      .join('\n');
    assert.match(text, /\b25 words\b/);
  });

  test('folds each turn that spans several lines, up to its last line with text', async () => {
    const document = await vscode.workspace.openTextDocument(seedFiles()[0]!);
    const ranges = await eventually(
      'folding ranges',
      () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri),
      (found) => found.length > 0,
    );
    const turns = speakerLines(document);
    let expected = 0;
    turns.forEach((turn, index) => {
      let last = (turns[index + 1]?.line ?? document.lineCount) - 1;
      while (last > turn.line && document.lineAt(last).isEmptyOrWhitespace) last--;
      if (last === turn.line) return;
      expected++;
      assert.ok(
        ranges.some((range) => range.start === turn.line && range.end === last),
        `no folding range ${turn.line}–${last}`,
      );
    });
    assert.ok(expected > 0, 'seed 000 has multi-line turns');
  });

  test('reports problems with their codes for a malformed transcript, and none for clean ones', async () => {
    // Diagnostics are pulled for documents shown in editors; the clean ones are shown first, so
    // their answers are in by the time the malformed one's are.
    const clean = [...seedFiles().map((file) => vscode.Uri.file(file)), fixture('vscode-with-files.transcript')];
    for (const uri of clean) await vscode.window.showTextDocument(uri, { preview: false });
    const malformed = fixture('malformed.transcript');
    await vscode.window.showTextDocument(malformed, { preview: false });
    const expected = [
      'turn/text-before-first-turn 0',
      'turn/malformed-speaker-tag 5',
      'file-block/stray-closer 7',
      'file-block/malformed-marker 8',
      'file-block/duplicate-path 10',
      'file-block/empty 13',
      'file-block/missing-path 13',
      'file-block/unsafe-path 15',
      'file-block/nested-opener 20',
      'fence/unclosed 22',
      'file-block/unterminated 25',
    ];
    const found = await eventually(
      'diagnostics of malformed.transcript',
      () => vscode.languages.getDiagnostics(malformed),
      (diagnostics) => diagnostics.length >= expected.length,
    );
    assert.deepEqual(
      found.map((diagnostic) => `${codeOf(diagnostic)} ${diagnostic.range.start.line}`).sort(),
      [...expected].sort(),
    );
    assert.ok(
      found.every((diagnostic) => diagnostic.source === 'transcript'),
      'every diagnostic comes from the transcript source',
    );
    const unterminated = found.find((diagnostic) => codeOf(diagnostic) === 'file-block/unterminated');
    assert.equal(unterminated?.severity, vscode.DiagnosticSeverity.Error);
    for (const uri of clean) assert.deepEqual(vscode.languages.getDiagnostics(uri), [], path.basename(uri.fsPath));
  });

  test('updates the outline as a turn is added', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'transcript',
      content: readFileSync(seedFiles()[0]!, 'utf8'),
    });
    await vscode.window.showTextDocument(document);
    await outlineOf(document.uri, (symbols) => symbols.length === 20);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '[C]: new turn\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const symbols = await outlineOf(document.uri, (found) => found.length === 21);
    assert.equal(symbols[0]!.name, 'C: new turn');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  suite('language detection by first line (see docs/vscode.md)', () => {
    // Outside the seeds folder, so that its files.associations does not apply.
    let scratch = '';
    suiteSetup(() => {
      scratch = mkdtempSync(path.join(os.tmpdir(), 'transcript-first-line-'));
    });
    suiteTeardown(() => rmSync(scratch, { recursive: true, force: true }));
    const content = '[A]: hello\n[B]: hi there\n';

    test('a file with no extension whose first line is a speaker tag opens as a transcript', async () => {
      const file = path.join(scratch, 'chat-log');
      writeFileSync(file, content);
      assert.equal((await vscode.workspace.openTextDocument(file)).languageId, 'transcript');
    });

    test('a .txt file stays plain text: its extension is matched before any first line', async () => {
      const file = path.join(scratch, 'chat.txt');
      writeFileSync(file, content);
      assert.equal((await vscode.workspace.openTextDocument(file)).languageId, 'plaintext');
    });

    test('an untitled document whose first line is a speaker tag becomes a transcript', async () => {
      assert.equal((await vscode.workspace.openTextDocument({ content })).languageId, 'transcript');
    });
  });

  suite('transcript.detect, for .txt files that start with a speaker tag', () => {
    let scratch = '';
    const settings = () => vscode.workspace.getConfiguration('transcript');
    const api = async () => (await extension().activate()) as TranscriptTestApi;
    const languageOf = (file: string) =>
      vscode.workspace.textDocuments.find((document) => document.uri.fsPath === file)?.languageId;
    /** A new .txt file with `content`, opened as VS Code opens it. */
    const openTxt = async (name: string, content: string) => {
      const file = path.join(scratch, name);
      writeFileSync(file, content);
      await vscode.workspace.openTextDocument(file);
      return file;
    };
    suiteSetup(() => {
      scratch = mkdtempSync(path.join(os.tmpdir(), 'transcript-detect-'));
    });
    teardown(() => settings().update('detect', undefined, vscode.ConfigurationTarget.Global));
    suiteTeardown(() => rmSync(scratch, { recursive: true, force: true }));

    test('defaults to asking, and the file stays plain text until the question is answered', async () => {
      assert.equal(settings().inspect('detect')?.defaultValue, 'ask');
      const file = await openTxt('asked.txt', '[A]: hello\n[B]: hi\n');
      const { detection } = await api();
      await eventually(
        'the question',
        () => detection(vscode.Uri.file(file)),
        (found) => found === 'asked',
      );
      assert.equal(languageOf(file), 'plaintext');
    });

    test('with "always", the file is switched to the transcript language without asking', async () => {
      await settings().update('detect', 'always', vscode.ConfigurationTarget.Global);
      const file = await openTxt('always.txt', '[A]: hello\n[B]: hi\n');
      await eventually(
        'the transcript language',
        () => languageOf(file),
        (language) => language === 'transcript',
      );
      assert.equal((await api()).detection(vscode.Uri.file(file)), 'switched');
    });

    test('with "never", the file is left as plain text', async () => {
      await settings().update('detect', 'never', vscode.ConfigurationTarget.Global);
      const file = await openTxt('never.txt', '[A]: hello\n[B]: hi\n');
      const { detection } = await api();
      await eventually(
        'the decision',
        () => detection(vscode.Uri.file(file)),
        (found) => found === 'left',
      );
      assert.equal(languageOf(file), 'plaintext');
    });

    test('a .txt file that does not start with a speaker tag is neither switched nor asked about', async () => {
      await settings().update('detect', 'always', vscode.ConfigurationTarget.Global);
      const notes = await openTxt('notes.txt', 'Notes\n[A]: hello\n');
      // Documents are considered in the order they open: once the next one is decided, this one was passed over.
      const next = await openTxt('next.txt', '[A]: hello\n');
      const { detection } = await api();
      await eventually(
        'the next decision',
        () => detection(vscode.Uri.file(next)),
        (found) => found === 'switched',
      );
      assert.equal(detection(vscode.Uri.file(notes)), undefined);
      assert.equal(languageOf(notes), 'plaintext');
    });
  });

  suite('server life cycle', () => {
    test('declares the transcript.trace.server setting, off by default', () => {
      const setting = vscode.workspace.getConfiguration('transcript').inspect<string>('trace.server');
      assert.equal(setting?.defaultValue, 'off');
    });

    test('"Transcript: Restart Language Server" replaces the server process', async function () {
      if (process.platform !== 'linux') this.skip(); // finds the server process through /proc
      const [before] = await eventually('one server process', serverProcessIds, (pids) => pids.length === 1);
      await vscode.commands.executeCommand('transcript.restartServer');
      await eventually(
        'the old server to exit',
        () => processExists(before!),
        (exists) => !exists,
      );
      const [after] = await eventually('a new server process', serverProcessIds, (pids) => pids.length === 1);
      assert.notEqual(after, before);
      await outlineOf(vscode.Uri.file(seedFiles()[0]!));
    });

    test('a crashed server is restarted, serves the open documents again, and leaves unsaved text untouched', async function () {
      if (process.platform !== 'linux') this.skip();
      const unsaved = await vscode.workspace.openTextDocument({
        language: 'transcript',
        content: '[A]: 还没保存 😀\n',
      });
      const editor = await vscode.window.showTextDocument(unsaved, { preview: false });
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), '[B]: typed before the crash\n')));
      const typed = unsaved.getText();
      const [before] = await eventually('one server process', serverProcessIds, (pids) => pids.length === 1);
      process.kill(before!, 'SIGKILL');
      const [after] = await eventually(
        'a restarted server',
        serverProcessIds,
        (pids) => pids.length === 1 && pids[0] !== before,
      );
      assert.ok(after);
      // The restarted server was sent the open documents again: the outline comes back.
      await outlineOf(vscode.Uri.file(seedFiles()[0]!), (symbols) => symbols.length === 20);
      // What the user typed is untouched, still unsaved, and served by the new server.
      assert.equal(unsaved.getText(), typed);
      assert.ok(unsaved.isDirty);
      await outlineOf(unsaved.uri, (symbols) => symbols.length === 2);
      await vscode.window.showTextDocument(unsaved);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
});
