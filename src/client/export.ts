/**
 * Transcript: Export… — the document as an OpenAI or ShareGPT line, made by the language server with
 * the code `transcript export` runs (so the two never disagree), or as the page of Export to HTML.
 */
import * as vscode from 'vscode';
import type { DatasetFormat, Role } from '../core/dataset';
import type { DatasetExportAnswer, SpeakerRole } from '../core/dataset-export';
import { exportHtml } from './export-html';
import type { TranscriptRequests } from './requests';
import { baseName } from './uri-path';

export type ExportFormat = DatasetFormat | 'html';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['openai', 'sharegpt', 'html'];

/** Every role, in the order a speaker's is asked; a record so that a role added to core must be added here. */
const ROLE_ORDER: Readonly<Record<Role, number>> = { user: 0, assistant: 1, system: 2 };
const ROLES = (Object.keys(ROLE_ORDER) as Role[]).sort((a, b) => ROLE_ORDER[a] - ROLE_ORDER[b]);

/** What the command's dialogs would ask, given up front (by tests, which cannot answer dialogs). */
export interface ExportArguments {
  readonly format?: ExportFormat | undefined;
  readonly target?: vscode.Uri | undefined;
  /** The role of every speaker; without it, the CLI's default roles, or a question per speaker. */
  readonly roles?: readonly SpeakerRole[] | undefined;
  /** Export a transcript with error-severity problems without asking. */
  readonly allowErrors?: boolean | undefined;
}

/**
 * Exports `document`; answers the file written, or undefined when the user cancelled or it was refused
 * (which a message then says; its Export anyway button exports it after all).
 */
export async function exportTranscript(
  requests: TranscriptRequests,
  document: vscode.TextDocument,
  args: ExportArguments = {},
): Promise<vscode.Uri | undefined> {
  const format = args.format ?? (await pickFormat());
  if (!format) return undefined;
  if (format === 'html') return exportHtml(requests, document, args.target);
  const name = baseName(document.uri.path);
  const ask = (roles: readonly SpeakerRole[] | undefined, allowErrors: boolean) =>
    requests.exportDataset(document, { format, roles, allowErrors });
  let answer = await ask(args.roles, args.allowErrors === true);
  if (answer && !answer.ok && answer.kind === 'roles' && !answer.given) {
    const roles = await pickRoles(answer.speakers);
    if (!roles) return undefined;
    answer = await ask(roles, args.allowErrors === true);
  }
  if (!answer) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} could not be exported: the language server is not ready. Try again in a moment.', name),
    );
    return undefined;
  }
  if (!answer.ok) {
    refuse(answer, name, () => exportTranscript(requests, document, { ...args, format, allowErrors: true }));
    return undefined;
  }
  const destination =
    args.target ??
    (await vscode.window.showSaveDialog({
      defaultUri: document.uri.with({ path: document.uri.path.replace(/(\.[^./]*)?$/, '.jsonl') }),
      filters: { 'JSON Lines': ['jsonl'] },
      title: vscode.l10n.t('Export {0}', name),
    }));
  if (!destination) return undefined;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(`${answer.line}\n`));
  vscode.window.setStatusBarMessage(vscode.l10n.t('Exported {0} to {1}', name, baseName(destination.path)), 5000);
  return destination;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
    { label: vscode.l10n.t('OpenAI chat JSONL'), description: '{"messages": […]}', format: 'openai' },
    { label: vscode.l10n.t('ShareGPT JSONL'), description: '{"conversations": […]}', format: 'sharegpt' },
    { label: vscode.l10n.t('HTML'), description: vscode.l10n.t('a page to read or print'), format: 'html' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export as') });
  return picked?.format;
}

/** A role for each speaker, asked one at a time; undefined when the user gives up. */
async function pickRoles(speakers: readonly string[]): Promise<SpeakerRole[] | undefined> {
  const roles: SpeakerRole[] = [];
  for (const [index, speaker] of speakers.entries()) {
    const items: (vscode.QuickPickItem & { role: Role })[] = ROLES.map((role) => ({ label: role, role }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('The role of {0} ({1} of {2})', speaker, index + 1, speakers.length),
    });
    if (!picked) return undefined;
    roles.push({ speaker, role: picked.role });
  }
  return roles;
}

/** Says why the document was not exported; for errors, offers to export it as it is. */
function refuse(answer: Exclude<DatasetExportAnswer, { ok: true }>, name: string, anyway: () => unknown): void {
  if (answer.kind === 'errors') {
    const exportAnyway = vscode.l10n.t('Export anyway');
    const message =
      answer.errors === 1
        ? vscode.l10n.t('{0} was not exported: it has 1 error. Fix it first, or export it as it is.', name)
        : vscode.l10n.t(
            '{0} was not exported: it has {1} errors. Fix them first, or export it as it is.',
            name,
            answer.errors,
          );
    void vscode.window.showWarningMessage(message, exportAnyway).then((choice) => {
      if (choice === exportAnyway) void anyway();
    });
    return;
  }
  const reasons =
    answer.kind === 'roles'
      ? vscode.l10n.t('these speakers have no role: {0}', answer.unmapped.join(', '))
      : answer.reasons.join('; ');
  void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not exported: {1}', name, reasons));
}
