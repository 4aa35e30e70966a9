/**
 * Offers the transcript language for Plain Text and Log documents whose first line is a speaker tag.
 * VS Code gives `.txt` to Plain Text before it reads a first line, and dialogue datasets are usually
 * `.txt`: without this, a transcript opened from one shows nothing of the extension and says nothing.
 */
import * as vscode from 'vscode';
import { baseName, dirName, extName } from './uri-path';

export const DETECT_SETTING = 'transcript.detect';
type DetectMode = 'ask' | 'always' | 'never';

const OFFERED_LANGUAGES = new Set(['plaintext', 'log']);

/** What was done for a document that looks like a transcript: asked, switched to the transcript language, or left. */
export type Detection = 'asked' | 'switched' | 'left';

export class TranscriptDetection implements vscode.Disposable {
  private readonly decisions = new Map<string, Detection>();
  private readonly subscription: vscode.Disposable;

  /** `firstLine` is the manifest's rule for the first line of a transcript, the one VS Code applies itself. */
  constructor(private readonly firstLine: RegExp) {
    this.subscription = vscode.workspace.onDidOpenTextDocument((document) => void this.consider(document));
    for (const document of vscode.workspace.textDocuments) void this.consider(document);
  }

  /** What was done for the document at `uri`, if it looked like a transcript. */
  decisionFor(uri: vscode.Uri): Detection | undefined {
    return this.decisions.get(uri.toString());
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async consider(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (!OFFERED_LANGUAGES.has(document.languageId) || this.decisions.has(key)) return;
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return;
    if (document.lineCount === 0 || !this.firstLine.test(document.lineAt(0).text)) return;
    const mode = vscode.workspace.getConfiguration('transcript', document.uri).get<DetectMode>('detect', 'ask');
    if (mode === 'never') {
      this.decisions.set(key, 'left');
      return;
    }
    if (mode === 'always') {
      await this.switchToTranscript(document);
      return;
    }
    this.decisions.set(key, 'asked');
    const openAs = vscode.l10n.t('Open as Transcript');
    const always = vscode.l10n.t('Always in this folder');
    const never = vscode.l10n.t('Never');
    const choices = document.uri.scheme === 'file' ? [openAs, always, never] : [openAs, never];
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('{0} starts with a speaker tag. Open it as a transcript?', baseName(document.uri.path)),
      ...choices,
    );
    if (choice === openAs) await this.switchToTranscript(document);
    else if (choice === always) {
      await associateFolder(document.uri).catch((error: unknown) =>
        vscode.window.showWarningMessage(
          vscode.l10n.t(
            'The folder setting could not be written: {0}',
            error instanceof Error ? error.message : String(error),
          ),
        ),
      );
      await this.switchToTranscript(document);
    } else if (choice === never)
      await vscode.workspace
        .getConfiguration('transcript')
        .update('detect', 'never', vscode.ConfigurationTarget.Global);
  }

  private async switchToTranscript(document: vscode.TextDocument): Promise<void> {
    this.decisions.set(document.uri.toString(), 'switched');
    if (!document.isClosed) await vscode.languages.setTextDocumentLanguage(document, 'transcript');
  }
}

/**
 * Adds a `files.associations` pattern for the files of `uri`'s folder with its extension, to the
 * workspace's settings when the file is in the workspace, else to the user's: later files there open
 * as transcripts without asking. (Not to a folder's own settings: `files.associations` has no folder scope.)
 *
 * @example `/home/me/chats/a.txt` adds `"/home/me/chats/*.txt": "transcript"`.
 */
async function associateFolder(uri: vscode.Uri): Promise<void> {
  const folder = dirName(uri.path);
  const pattern = `${escapeGlob(folder)}/*${escapeGlob(extName(uri.path))}`;
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  const settings = vscode.workspace.getConfiguration('files');
  const inspected = settings.inspect<Record<string, string>>('associations');
  const target = inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const current = (inWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
  await settings.update('associations', { ...current, [pattern]: 'transcript' }, target);
}

/** `text` with the characters a glob gives a meaning written as one-character classes, so they match themselves. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[{}]/g, (character) => `[${character}]`);
}
