/// <reference types="mocha" />
/**
 * The extension in VS Code's web-worker extension host, as vscode.dev and github.dev run it: the
 * browser bundle (package.json's `browser`) with its language server in a web worker of its own. The
 * workspace folder is a copy of the seeds, reached through the workbench's file system only.
 */
import * as vscode from 'vscode';
import type { TranscriptTestApi } from '../../src/client/extension';
import { eventually } from '../support/eventually';
import { equal, match, ok } from './expect';

const EXTENSION_ID = 'transcript-tools.transcript';

function extension(): vscode.Extension<TranscriptTestApi> {
  const found = vscode.extensions.getExtension<TranscriptTestApi>(EXTENSION_ID);
  ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

/** The seeds in the workspace folder, read through the workbench's file system (a web worker has no other). */
async function seeds(): Promise<vscode.Uri[]> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  ok(folder, 'no workspace folder');
  const entries = await vscode.workspace.fs.readDirectory(folder);
  return entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.txt'))
    .map(([name]) => vscode.Uri.joinPath(folder, name))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function outlineOf(uri: vscode.Uri, accept: (found: vscode.DocumentSymbol[]) => boolean = (found) => found.length > 0) {
  return eventually(
    `the outline of ${uri.path}`,
    async () =>
      (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        uri,
      )) ?? [],
    accept,
  );
}

function codesOf(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code));
}

suite('Transcript in the web extension host', () => {
  test('runs in a web worker, with nothing of Node', () => {
    equal(vscode.env.uiKind, vscode.UIKind.Web, 'the UI kind');
    equal(extension().extensionKind, vscode.ExtensionKind.UI, 'the extension kind');
    equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'importScripts');
    equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'process');
  });

  test('activates once a transcript is opened, and outlines one symbol per turn', async () => {
    equal(extension().isActive, false, 'active before any transcript was open');
    const [first] = await seeds();
    ok(first, 'no seeds in the workspace');
    const started = Date.now();
    const document = await vscode.workspace.openTextDocument(first);
    await vscode.window.showTextDocument(document);
    equal(document.languageId, 'transcript', "the seed's language, by the folder's files.associations");
    const { activationMs, serverStarted } = await extension().activate();
    const symbols = await outlineOf(document.uri, (found) => found.length === 20);
    const firstOutlineMs = Date.now() - started;
    // Recorded, not asserted (a busy machine must not fail a test on a time): `npm run bench` reads it.
    console.log(`      activate() ${activationMs.toFixed(1)} ms, first outline ${firstOutlineMs} ms after opening`);
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(extension().extensionUri, '.vscode-test', 'activation-web.json'),
      new TextEncoder().encode(
        JSON.stringify({ activationMs, firstOutlineMs, vscode: vscode.version, recordedAt: new Date().toISOString() }),
      ),
    );
    ok(serverStarted(), 'the language server did not start');
    match(symbols[0]!.name, /^\S[^:]*: /, 'the first turn is named by its speaker');
  });

  test("hovering a speaker tag shows the turn's word count", async () => {
    const [first] = await seeds();
    const hovers = await eventually(
      'a hover on the first speaker tag',
      () =>
        vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          first!,
          new vscode.Position(0, 1),
        ),
      (found) => found.length > 0,
    );
    const text = hovers
      .flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value)))
      .join('\n');
    match(text, /\b25 words\b/, 'the hover');
  });

  test('reports the problems of an open transcript, and none for a clean one', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'transcript',
      content: '[A]: hi\n[B]：你好\n',
    });
    await vscode.window.showTextDocument(document, { preview: false });
    await eventually(
      'the look-alike tag problem',
      () => codesOf(document.uri),
      (codes) => codes.includes('turn/malformed-speaker-tag'),
    );
    const [first] = await seeds();
    await vscode.window.showTextDocument(first!, { preview: false });
    await outlineOf(first!);
    equal(codesOf(first!).length, 0, 'problems on a clean seed');
  });

  test('shows the counts in the status bar and renders the statistics page', async () => {
    const [first] = await seeds();
    await vscode.window.showTextDocument(first!, { preview: false });
    const api = await extension().activate();
    await eventually('the status bar', api.statusBarText, (found) => /^\d+ turns · [\d,]+ words$/.test(found ?? ''));
    await vscode.commands.executeCommand('transcript.showStatistics');
    await eventually('the statistics page', api.statisticsHtml, (html) => (html ?? '').includes('<table'));
  });

  test('opens the preview, rendered by the server in its worker', async () => {
    const [first] = await seeds();
    await vscode.window.showTextDocument(first!, { preview: false });
    await vscode.commands.executeCommand('transcript.openPreviewToSide');
    const api = await extension().activate();
    await eventually('the turns in the preview', api.preview, (state) => (state?.turns ?? 0) > 0);
  });

  test('finds workspace symbols in the open transcripts only: there is no index without a file system', async () => {
    const [, second] = await seeds();
    ok(second, 'fewer than two seeds');
    const symbols = await eventually(
      'workspace symbols',
      () => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', ''),
      (found) => found.length > 0,
    );
    const files = new Set(symbols.map((symbol) => symbol.location.uri.toString()));
    ok(!files.has(second.toString()), `${second.path}, never opened, has symbols`);
  });
});
