/**
 * Transcript: Import Conversations… — OpenAI or ShareGPT conversations as a transcript each, planned by
 * the language server with the code `transcript import` runs (the same names, refusals and skipped
 * parts), written here through `vscode.workspace.fs`, so it works on any file system.
 */
import * as vscode from 'vscode';
import type { ImportPlan, ImportStep } from '../core/dataset-import';
import type { TranscriptRequests } from './requests';
import { baseName, dirName } from './uri-path';

/** What the command's dialogs would ask, given up front (by tests, which cannot answer dialogs). */
export interface ImportArguments {
  readonly input?: vscode.Uri | undefined;
  readonly folder?: vscode.Uri | undefined;
  /** The answer to "replace the files that exist?", which is otherwise asked in a modal dialog. */
  readonly replace?: boolean | undefined;
}

/** What the command needs of the extension: the server (started if it is not yet) and the output channel. */
export interface ImportContext {
  readonly requests: TranscriptRequests;
  readonly startServer: () => Promise<void>;
  readonly output: vscode.LogOutputChannel;
}

type Write = Extract<ImportStep, { kind: 'write' }>;

/**
 * Imports a dataset and opens the first transcript written; answers the files written, or undefined
 * when the user cancelled or nothing could be imported (which a message then says).
 */
export async function importConversations(
  context: ImportContext,
  args: ImportArguments = {},
): Promise<vscode.Uri[] | undefined> {
  const input = args.input ?? (await pickInput());
  if (!input) return undefined;
  const folder = args.folder ?? (await pickFolder(input));
  if (!folder) return undefined;
  const name = baseName(input.path);
  const text = await readText(input);
  if (text === undefined) return undefined;
  await context.startServer();
  const plan = await context.requests.importConversations(name, text);
  if (!plan) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} could not be imported: the language server is not ready. Try again in a moment.', name),
    );
    return undefined;
  }
  const writes = plan.steps.filter((step): step is Write => step.kind === 'write');
  const targets = writes.map((step) => vscode.Uri.joinPath(folder, step.name));
  if (!(await mayReplace(targets, args.replace))) return undefined;
  for (const [index, step] of writes.entries())
    await vscode.workspace.fs.writeFile(targets[index]!, new TextEncoder().encode(step.text));
  report(context.output, name, plan, targets.length);
  if (targets[0]) await vscode.window.showTextDocument(targets[0], { preview: false });
  return targets;
}

async function pickInput(): Promise<vscode.Uri | undefined> {
  const [picked] =
    (await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { [vscode.l10n.t('Conversations (JSON Lines, JSON)')]: ['jsonl', 'json'] },
      title: vscode.l10n.t('Import Conversations'),
    })) ?? [];
  return picked;
}

/** The folder to write to, the input's own offered first. */
async function pickFolder(input: vscode.Uri): Promise<vscode.Uri | undefined> {
  const [picked] =
    (await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: input.with({ path: dirName(input.path) }),
      openLabel: vscode.l10n.t('Import Here'),
      title: vscode.l10n.t('The folder for the transcripts of {0}', baseName(input.path)),
    })) ?? [];
  return picked;
}

/** The file as UTF-8 text; undefined, having said why, when it cannot be read or is not UTF-8. */
async function readText(input: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(input));
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        '{0} could not be read: {1}',
        baseName(input.path),
        error instanceof Error ? error.message : String(error),
      ),
    );
    return undefined;
  }
}

/** Whether the files may be written: yes when none exists; otherwise `replace`, or the user's answer. */
async function mayReplace(targets: readonly vscode.Uri[], replace: boolean | undefined): Promise<boolean> {
  const existing: vscode.Uri[] = [];
  for (const target of targets) {
    try {
      await vscode.workspace.fs.stat(target);
      existing.push(target);
    } catch {
      // Not there: nothing to replace.
    }
  }
  if (existing.length === 0) return true;
  if (replace !== undefined) return replace;
  const replaceButton = vscode.l10n.t('Replace');
  const names = existing.map((target) => baseName(target.path));
  const message =
    existing.length === 1
      ? vscode.l10n.t('{0} exists already. Replace it?', names[0]!)
      : vscode.l10n.t('{0} of the transcripts exist already. Replace them?', existing.length);
  const choice = await vscode.window.showWarningMessage(
    message,
    { modal: true, detail: names.join('\n') },
    replaceButton,
  );
  return choice === replaceButton;
}

/** Says what was imported; what was left out goes to the output channel, line by line, as the CLI says it. */
function report(output: vscode.LogOutputChannel, name: string, plan: ImportPlan, written: number): void {
  const notes = plan.steps.flatMap((step) => (step.kind === 'note' ? [step.text] : []));
  for (const note of notes) output.warn(note);
  const left = plan.malformed + plan.refused + plan.skippedParts;
  if (left === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Imported {0} transcripts from {1}', written, name), 5000);
    return;
  }
  const showOutput = vscode.l10n.t('Show Output');
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        'Imported {0} transcripts from {1}; left out: {2} malformed lines, {3} refused conversations, {4} skipped parts. The output has the details.',
        written,
        name,
        plan.malformed,
        plan.refused,
        plan.skippedParts,
      ),
      showOutput,
    )
    .then((choice) => {
      if (choice === showOutput) output.show(true);
    });
}
