/**
 * Transcript: Import Conversations… in a real VS Code: a transcript per conversation, the first one
 * opened, and no file replaced unless the user says so. The arguments stand in for the dialogs.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

const DATASET = [
  JSON.stringify({
    id: 'first',
    messages: [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'yo' },
    ],
  }),
  JSON.stringify({ id: 'second', messages: [{ role: 'user', content: 'again' }] }),
  '',
].join('\n');

function scratchDataset(): { folder: string; input: vscode.Uri } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'transcript-import-'));
  const file = path.join(folder, 'train.jsonl');
  writeFileSync(file, DATASET);
  return { folder, input: vscode.Uri.file(file) };
}

suite('Transcript: Import Conversations…', () => {
  test('writes a transcript per conversation and opens the first', async () => {
    const { folder, input } = scratchDataset();
    const written = await vscode.commands.executeCommand<vscode.Uri[] | undefined>('transcript.importConversations', {
      input,
      folder: vscode.Uri.file(folder),
    });
    assert.deepEqual(
      written?.map((uri) => path.basename(uri.fsPath)),
      ['first.transcript', 'second.transcript'],
    );
    assert.equal(readFileSync(path.join(folder, 'first.transcript'), 'utf8'), '[User]: hi\n[Assistant]: yo\n');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(folder, 'first.transcript'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('refuses to replace a transcript that exists, and writes none', async () => {
    const { folder, input } = scratchDataset();
    writeFileSync(path.join(folder, 'second.transcript'), 'mine');
    const written = await vscode.commands.executeCommand('transcript.importConversations', {
      input,
      folder: vscode.Uri.file(folder),
      replace: false,
    });
    assert.equal(written, undefined);
    assert.equal(readFileSync(path.join(folder, 'second.transcript'), 'utf8'), 'mine');
    assert.equal(existsSync(path.join(folder, 'first.transcript')), false);
  });

  test('replaces a transcript that exists when told to', async () => {
    const { folder, input } = scratchDataset();
    writeFileSync(path.join(folder, 'second.transcript'), 'mine');
    await vscode.commands.executeCommand('transcript.importConversations', {
      input,
      folder: vscode.Uri.file(folder),
      replace: true,
    });
    assert.equal(readFileSync(path.join(folder, 'second.transcript'), 'utf8'), '[User]: again\n');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
