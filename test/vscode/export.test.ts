/**
 * Transcript: Export… in a real VS Code: the dataset line the CLI writes, and the refusal of a
 * transcript with errors. The command's arguments stand in for its dialogs, which a test cannot answer.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { eventually } from '../support/eventually';
import { revertAndClose } from './revert';

/** Writes `text` as `name` in a fresh folder and shows it once the server has its outline. */
async function showScratch(name: string, text: string): Promise<vscode.TextEditor> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'transcript-export-'));
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  writeFileSync(file, text);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  await eventually(
    'the outline',
    () =>
      vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        editor.document.uri,
      ),
    (symbols) => (symbols?.length ?? 0) > 0,
  );
  return editor;
}

function beside(document: vscode.TextDocument, name: string): vscode.Uri {
  return vscode.Uri.file(path.join(path.dirname(document.uri.fsPath), name));
}

suite('Transcript: Export…', () => {
  test('writes the OpenAI line of the transcript, the first speaker the user and the second the assistant', async () => {
    const editor = await showScratch('chat.transcript', '[Ann]: hi\n[Bot]: hello\n');
    const target = beside(editor.document, 'chat.jsonl');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('transcript.export', {
      format: 'openai',
      target,
    });
    assert.equal(written?.toString(), target.toString());
    assert.equal(
      readFileSync(target.fsPath, 'utf8'),
      '{"id":"chat","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n',
    );
    await revertAndClose(editor.document);
  });

  test('writes the ShareGPT line with the roles it is given for more than two speakers', async () => {
    const editor = await showScratch('panel.transcript', '[Host]: rules\n[Ann]: hi\n[Bot]: hello\n');
    const target = beside(editor.document, 'panel.jsonl');
    await vscode.commands.executeCommand('transcript.export', {
      format: 'sharegpt',
      target,
      roles: [
        { speaker: 'Host', role: 'system' },
        { speaker: 'Ann', role: 'user' },
        { speaker: 'Bot', role: 'assistant' },
      ],
    });
    assert.equal(
      readFileSync(target.fsPath, 'utf8'),
      '{"id":"panel","system":"rules","conversations":[{"from":"human","value":"hi"},{"from":"gpt","value":"hello"}]}\n',
    );
    await revertAndClose(editor.document);
  });

  test('refuses a transcript with an error and writes nothing', async () => {
    const editor = await showScratch('broken.transcript', '[A]: hi\nFILE>>>\n[B]: yo\n');
    await eventually(
      'the error',
      () => vscode.languages.getDiagnostics(editor.document.uri),
      (found) => found.some((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error),
    );
    const target = beside(editor.document, 'broken.jsonl');
    const written = await vscode.commands.executeCommand('transcript.export', { format: 'openai', target });
    assert.equal(written, undefined);
    assert.equal(existsSync(target.fsPath), false);
    await revertAndClose(editor.document);
  });

  test('exports a transcript with an error when errors are allowed, as Export anyway does', async () => {
    const editor = await showScratch('allowed.transcript', '[A]: hi\nFILE>>>\n[B]: yo\n');
    const target = beside(editor.document, 'allowed.jsonl');
    const written = await vscode.commands.executeCommand('transcript.export', {
      format: 'openai',
      target,
      allowErrors: true,
    });
    assert.ok(written);
    assert.equal(
      readFileSync(target.fsPath, 'utf8'),
      '{"id":"allowed","messages":[{"role":"user","content":"hi\\nFILE>>>"},{"role":"assistant","content":"yo"}]}\n',
    );
    await revertAndClose(editor.document);
  });
});
