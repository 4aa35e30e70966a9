/// <reference types="mocha" />
/**
 * The preview and Export to HTML in a real VS Code: the page, its policy, live updates, following the
 * active transcript, and how long a large transcript takes to show and to follow a keystroke.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TranscriptTestApi } from '../../src/client/extension';
import { eventually } from '../support/eventually';
import { executableMarkup } from '../support/html-safety';
import { revertAndClose } from './revert';

const EXTENSION_ID = 'transcript-tools.transcript';

async function api(): Promise<TranscriptTestApi> {
  const found = vscode.extensions.getExtension<TranscriptTestApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found.activate();
}

/**
 * A fresh folder named seeds (the seeds' files.associations make its files transcripts) holding `files`;
 * answers each file's URI by its name without the extension.
 */
function scratch(files: Record<string, string>): Record<string, vscode.Uri> {
  const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'transcript-preview-')), 'seeds');
  mkdirSync(folder);
  const uris: Record<string, vscode.Uri> = {};
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(folder, name), text);
    uris[path.parse(name).name] = vscode.Uri.file(path.join(folder, name));
  }
  return uris;
}

function seedText(): string {
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  return readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    .join('\n');
}

/** The seeds repeated to at least `bytes` characters. */
function largeTranscript(bytes: number): string {
  const unit = `${seedText()}\n`;
  return unit.repeat(Math.ceil(bytes / unit.length));
}

async function openPreviewOf(uri: vscode.Uri, command = 'transcript.openPreviewToSide') {
  const { preview } = await api();
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const opened = performance.now();
  await vscode.commands.executeCommand(command);
  const state = await eventually(
    'the preview to show its turns',
    preview,
    (found) => found?.uri === uri.toString() && found.renderedVersion === editor.document.version && found.turns > 0,
    120_000,
  );
  return { editor, state: state!, firstPaintMs: state!.renderedAt - opened };
}

/** The directives of the page's content security policy, by name. */
function policyOf(html: string): Map<string, string> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const policy = content.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(' ');
      return [name, values.join(' ')];
    }),
  );
}

/** The relative luminance (0 to 255, as a weighted mean) of a computed `rgb(…)` colour. */
function luminance(color: string): number {
  const [red = 0, green = 0, blue = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

async function closePreview(): Promise<void> {
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs))
    if (tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('transcript.preview'))
      await vscode.window.tabGroups.close(tab);
}

suite('Transcript preview', () => {
  teardown(closePreview);

  test('Open Preview to the Side shows the turns beside the editor, under a strict policy', async () => {
    const { a } = scratch({ 'a.txt': '[A]: **hello**\n[B]: <script>alert(1)</script>\n' });
    const { editor, state } = await openPreviewOf(a!);
    const tab = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((found) => found.input instanceof vscode.TabInputWebview && found.label === 'Preview a.txt');
    assert.ok(tab, 'a Preview a.txt tab');
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview is beside the transcript');
    assert.equal(state.turns, 2);
    assert.equal(state.text, 'Ahello');
    const policy = policyOf(state.html);
    assert.equal(policy.get('default-src'), "'none'");
    assert.match(policy.get('script-src')!, /^'nonce-[^']+'$/);
    assert.match(policy.get('style-src')!, /^'nonce-[^']+'$/);
    assert.deepEqual(policy.get('img-src')!.split(' ').slice(-1), ['data:']);
    assert.doesNotMatch([...policy.values()].join(';'), /unsafe-inline|unsafe-eval/);
    assert.equal(state.html.match(/<script /g)?.length, 1);
    assert.match(state.html, /<script nonce="[^"]+" src="[^"]+preview-page\.js"><\/script>/);
    await revertAndClose(editor.document);
  });

  test('lets remote pictures load only with transcript.preview.allowRemoteImages', async () => {
    const { a } = scratch({ 'a.txt': '[A]: ![x](https://example.com/x.png)\n' });
    const { preview } = await api();
    const { editor, state } = await openPreviewOf(a!);
    assert.equal(policyOf(state.html).get('img-src')!.split(' ').includes('https:'), false);
    const settings = vscode.workspace.getConfiguration('transcript');
    await settings.update('preview.allowRemoteImages', true, vscode.ConfigurationTarget.Global);
    try {
      await eventually(
        'the policy to allow https pictures',
        preview,
        (found) =>
          policyOf(found?.html ?? '')
            .get('img-src')
            ?.split(' ')
            .includes('https:') === true,
      );
    } finally {
      await settings.update('preview.allowRemoteImages', undefined, vscode.ConfigurationTarget.Global);
    }
    await revertAndClose(editor.document);
  });

  test('follows an edit, and shows the new turn', async () => {
    const { a } = scratch({ 'a.txt': '[A]: first\n[B]: second\n' });
    const { preview } = await api();
    const { editor } = await openPreviewOf(a!);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(0, 0), '[Zed]: a newcomer speaks\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const state = await eventually(
      'the preview after the edit',
      preview,
      (found) => found?.renderedVersion === editor.document.version,
    );
    assert.equal(state!.turns, 3);
    assert.equal(state!.text, 'Zeda newcomer speaks');
    await revertAndClose(editor.document);
  });

  test('follows the active transcript unless locked', async () => {
    const { a, b } = scratch({ 'a.txt': '[A]: in a\n', 'b.txt': '[B]: in b\n' });
    const { preview } = await api();
    await openPreviewOf(a!);
    await vscode.window.showTextDocument(b!, { viewColumn: vscode.ViewColumn.One });
    await eventually('the preview of b', preview, (found) => found?.uri === b!.toString() && found.text === 'Bin b');
    await vscode.commands.executeCommand('transcript.togglePreviewLock');
    assert.equal((await api()).preview()?.locked, true);
    await vscode.window.showTextDocument(a!, { viewColumn: vscode.ViewColumn.One });
    // The active editor changed; a locked preview stays on b (checked after the editor's event has come).
    await eventually(
      'a to be active',
      () => vscode.window.activeTextEditor?.document.uri.toString(),
      (uri) => uri === a!.toString(),
    );
    assert.equal(preview()?.uri, b!.toString());
  });

  test('Export to HTML writes the page of the transcript as it is in the editor', async () => {
    const { a } = scratch({ 'a.txt': '[A]: hi <img src=x onerror=alert(1)>\n' });
    const editor = await vscode.window.showTextDocument(a!, { preview: false });
    await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), '[B]: unsaved\n'));
    const target = vscode.Uri.file(path.join(path.dirname(a!.fsPath), 'a.html'));
    const written = await eventually(
      'the export (once the server has the document)',
      () => vscode.commands.executeCommand<vscode.Uri | undefined>('transcript.exportHtml', { target }),
      Boolean,
    );
    assert.equal(written!.toString(), target.toString());
    const html = readFileSync(target.fsPath, 'utf8');
    assert.match(html, /<header class="speaker">B<\/header>/);
    assert.deepEqual(executableMarkup(html), []);
    await revertAndClose(editor.document);
  });

  test("follows the theme from light to dark to high contrast, through VS Code's colours", async function () {
    this.timeout(120_000);
    const { a } = scratch({ 'a.txt': '[A]: hello\n[B]: hi\n' });
    const { preview } = await api();
    const { editor, state } = await openPreviewOf(a!);
    const workbench = vscode.workspace.getConfiguration('workbench');
    // The page's body takes the theme's editor background and foreground: light on dark or dark on light.
    const themes = [
      { name: 'Default Light Modern', dark: false },
      { name: 'Default Dark Modern', dark: true },
      { name: 'Default High Contrast', dark: true, background: 'rgb(0, 0, 0)', foreground: 'rgb(255, 255, 255)' },
    ];
    const speakers = new Set<string>();
    const backgrounds = new Set<string>();
    try {
      for (const theme of themes) {
        await workbench.update('colorTheme', theme.name, vscode.ConfigurationTarget.Global);
        const shown = await eventually(`the preview in ${theme.name}`, preview, (found) => {
          const colors = found?.colors;
          if (!colors || backgrounds.has(colors.background)) return false;
          const light = luminance(colors.background) > luminance(colors.foreground);
          return light !== theme.dark && (theme.background === undefined || colors.background === theme.background);
        });
        const colors = shown!.colors!;
        if (theme.foreground) assert.equal(colors.foreground, theme.foreground, theme.name);
        assert.notEqual(colors.speaker, colors.foreground, `${theme.name}: the speaker has a colour of its own`);
        backgrounds.add(colors.background);
        speakers.add(colors.speaker);
      }
    } finally {
      await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
    // The speaker's colour is the theme's too (charts.blue): the light and dark ones share it, high contrast has its own.
    assert.ok(speakers.size > 1, [...speakers].join(', '));
    assert.ok(state.colors, 'the page reported its colours from the start');
    await revertAndClose(editor.document);
  });

  test('keeps the page under 2,000 elements on a 49 MB transcript, at its start and at its end', async function () {
    this.timeout(600_000);
    // VS Code gives extensions no document over 50 MiB: this is about the largest a preview can show.
    const { huge } = scratch({ 'huge.txt': largeTranscript(49_000_000) });
    const { preview } = await api();
    const { editor, state, firstPaintMs } = await openPreviewOf(huge!);
    assert.ok(state.elements < 2000, `${state.elements} elements at the start`);
    const last = editor.document.lineCount - 1;
    editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.AtTop);
    const atEnd = await eventually('the preview at the end', preview, (found) => (found?.from ?? 0) > 1000, 120_000);
    assert.ok(atEnd!.elements < 2000, `${atEnd!.elements} elements at the end`);
    console.log(
      `preview bench: 49 MB open → first paint ${firstPaintMs.toFixed(0)} ms, ${state.elements} / ${atEnd!.elements} elements`,
    );
    await revertAndClose(editor.document);
  });

  test('keeps the page small on a 10 MiB transcript and follows a keystroke there', async function () {
    this.timeout(300_000);
    const { large } = scratch({ 'large.txt': largeTranscript(10 * 1024 * 1024) });
    const { preview } = await api();
    const { editor, state, firstPaintMs } = await openPreviewOf(large!);
    assert.ok(state.elements < 2000, `${state.elements} elements`);
    const line = 5;
    const typed = performance.now();
    await editor.edit((builder) => builder.insert(new vscode.Position(line, 0), 'x'));
    const after = await eventually(
      'the keystroke in the preview',
      preview,
      (found) => found?.renderedVersion === editor.document.version,
      60_000,
    );
    console.log(
      `preview bench: 10 MiB open → first paint ${firstPaintMs.toFixed(0)} ms, keystroke → preview ${(after!.renderedAt - typed).toFixed(0)} ms, ${after!.elements} elements`,
    );
    await revertAndClose(editor.document);
  });
});
