/// <reference types="mocha" />
/**
 * The language server's editing features as VS Code shows them: quick fixes, fix-all, rename,
 * completion, highlights, smart select, workspace symbols, and the problems of a transcript that is
 * not open.
 */
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { eventually } from '../support/eventually';

async function openUntitled(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'transcript', content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

function codesOf(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code));
}

suite('Language features in VS Code', () => {
  test('a quick fix rewrites a look-alike speaker tag, and the problem goes away', async () => {
    const document = await openUntitled('[A]: hi\n[B]：你好\n');
    await eventually(
      'the look-alike tag problem',
      () => codesOf(document.uri),
      (codes) => codes.includes('turn/malformed-speaker-tag'),
    );
    const range = new vscode.Range(1, 0, 1, 2);
    const actions = await eventually(
      'quick fixes',
      () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          range,
          vscode.CodeActionKind.QuickFix.value,
        ),
      (found) => (found ?? []).length > 0,
    );
    const fix = actions.find((action) => action.isPreferred)!;
    assert.ok(fix?.edit, 'a preferred quick fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(1).text, '[B]: 你好');
    await eventually(
      'no problems',
      () => codesOf(document.uri),
      (codes) => codes.length === 0,
    );
  });

  test('fix-all closes an unterminated FILE block and removes a stray closer', async () => {
    const document = await openUntitled('[A]: x\nFILE>>>\n<<<FILE a.py\nprint(1)\n[B]: y\n');
    await eventually(
      'two problems',
      () => codesOf(document.uri),
      (codes) => codes.length === 2,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.transcript',
    );
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.transcript');
    assert.ok(fixAll?.edit, 'a source.fixAll.transcript action');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await eventually(
      'no problems after fix-all',
      () => codesOf(document.uri),
      (codes) => codes.length === 0,
    );
  });

  test('renaming a speaker renames every tag of that speaker and no other', async () => {
    const document = await openUntitled('[A]: one\n[B]: two\n[A]: three\n');
    const edit = await eventually(
      'a rename edit',
      () =>
        vscode.commands.executeCommand<vscode.WorkspaceEdit>(
          'vscode.executeDocumentRenameProvider',
          document.uri,
          new vscode.Position(2, 1),
          'Alice',
        ),
      (found) => found !== undefined,
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), '[Alice]: one\n[B]: two\n[Alice]: three\n');
  });

  test('completion after [ at column 0 offers the speakers, most frequent first', async () => {
    const document = await openUntitled('[B]: one\n[A]: two\n[A]: three\n[');
    const list = await eventually(
      'speaker completions',
      () =>
        vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          new vscode.Position(3, 1),
        ),
      (found) => (found?.items.length ?? 0) >= 2,
    );
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(
      labels.indexOf(labels.find((label) => label.includes('A'))!) <
        labels.indexOf(labels.find((label) => label.includes('B'))!),
      labels.join(', '),
    );
  });

  test('highlights every tag of the speaker under the cursor', async () => {
    const document = await openUntitled('[A]: one\n[B]: two\n[A]: three\n');
    const highlights = await eventually(
      'highlights',
      () =>
        vscode.commands.executeCommand<vscode.DocumentHighlight[]>(
          'vscode.executeDocumentHighlights',
          document.uri,
          new vscode.Position(0, 1),
        ),
      (found) => (found ?? []).length > 0,
    );
    assert.deepEqual(
      highlights.map((highlight) => highlight.range.start.line),
      [0, 2],
    );
  });

  test('smart select grows from a word to its line to its turn', async () => {
    const document = await openUntitled('[A]: hello world\nsecond line\n[B]: next\n');
    const [chain] = await vscode.commands.executeCommand<vscode.SelectionRange[]>(
      'vscode.executeSelectionRangeProvider',
      document.uri,
      [new vscode.Position(1, 2)],
    );
    const ranges: vscode.Range[] = [];
    for (let link: vscode.SelectionRange | undefined = chain; link; link = link.parent) ranges.push(link.range);
    assert.deepEqual(ranges[0], new vscode.Range(1, 0, 1, 6));
    assert.ok(
      ranges.some((range) => range.start.line === 0 && range.end.line === 1),
      'the turn is among the larger selections',
    );
  });

  test('workspace symbols find the turns of the seeds', async () => {
    const symbols = await eventually(
      'workspace symbols',
      () =>
        vscode.commands.executeCommand<vscode.SymbolInformation[]>(
          'vscode.executeWorkspaceSymbolProvider',
          'streaming',
        ),
      (found) => (found ?? []).some((symbol) => symbol.location.uri.fsPath.endsWith('.txt')),
    );
    assert.ok(symbols.every((symbol) => symbol.name.length > 0));
  });

  test('a malformed transcript that is not open shows up in the Problems view', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const file = path.join(folder, 'zz-closed-malformed.transcript');
    writeFileSync(file, '[A]: x\nFILE>>>\n');
    try {
      const uri = vscode.Uri.file(file);
      await eventually(
        "the closed file's problems",
        () => codesOf(uri),
        (codes) => codes.includes('file-block/stray-closer'),
      );
      assert.equal(
        vscode.workspace.textDocuments.some((document) => document.uri.fsPath === file),
        false,
        'the file was never opened',
      );
    } finally {
      rmSync(file, { force: true });
    }
  });
});
