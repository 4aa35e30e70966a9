/**
 * The VS Code side of Transcript, the same on the desktop (extension.ts, the server a Node process) and
 * in the browser (browser.ts, the server a web worker). It starts the language server and connects it to
 * transcript documents: the outline, hover, folding and diagnostics come from the server through the
 * Language Server Protocol, so other editors get the same behaviour. What LSP has no place for
 * lives here, built on the server's answers: turn navigation, speaker colours, the statistics
 * page and the status bar item.
 */
import * as vscode from 'vscode';
import {
  type BaseLanguageClient,
  CloseAction,
  ErrorAction,
  State,
  type ErrorHandler,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { TranscriptDetection, type Detection } from './detect';
import type { SpeakerRole } from '../core/dataset-export';
import { EXPORT_FORMATS, exportTranscript } from './export';
import { exportHtml } from './export-html';
import { importConversations } from './import';
import { TurnNavigation } from './navigation';
import { TranscriptPreview, type PreviewState } from './preview';
import { TranscriptRequests } from './requests';
import { SPEAKER_COLORS_SETTING, SpeakerColors } from './speaker-colors';
import { StatisticsView } from './statistics';
import { TranscriptStatusBar } from './status-bar';

/**
 * The client id. The LanguageClient reads the `<id>.trace.server` setting, so this id is what
 * makes `transcript.trace.server` (contributed in package.json) switch protocol tracing.
 */
const CLIENT_ID = 'transcript';
const CLIENT_NAME = 'Transcript';

/**
 * How often the server may crash within three minutes before the client stops restarting it and says
 * so once; the restart command starts it again.
 */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Restarts a server that died, a few times. Errors while writing to it are not counted: when the
 * process is killed, every message the views had in flight fails to write, and the library's default
 * handler would take those failures for a broken connection and give up before the restart.
 */
function crashHandler(): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length <= MAX_RESTARTS) return { action: CloseAction.Restart, handled: true };
      return {
        action: CloseAction.DoNotRestart,
        message: vscode.l10n.t(
          'The Transcript language server stopped {0} times in 3 minutes and will not be restarted. Run "Transcript: Restart Language Server" to start it again.',
          crashes.length,
        ),
      };
    },
  };
}

/**
 * What activate() returns: a window on the client's views for the integration tests
 * (test/vscode/features.test.ts), which cannot read decorations, status bar items or webviews
 * through the ordinary API. Not a stable interface for other extensions.
 */
export interface TranscriptTestApi {
  /** How long `activate` took (the server starts after it returns). */
  readonly activationMs: number;
  readonly statusBarText: () => string | undefined;
  readonly statisticsHtml: () => string | undefined;
  readonly speakerColors: (uri: vscode.Uri) => ReadonlyMap<string, string> | undefined;
  /** What `transcript.detect` did for a Plain Text or Log document that starts with a speaker tag. */
  readonly detection: (uri: vscode.Uri) => Detection | undefined;
  /** Whether the language server has been started: only once a transcript is open. */
  readonly serverStarted: () => boolean;
  /** The preview's document, page and what its script last reported, while it is open. */
  readonly preview: () => PreviewState | undefined;
  /** The Go to Turn list while it is shown, for a test to type into. */
  readonly goToTurnPick: () => vscode.QuickPick<vscode.QuickPickItem> | undefined;
}

/** How an entry point makes its language client: the server in a Node process, or in a web worker. */
export interface ClientHost {
  create(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
}

let client: BaseLanguageClient | undefined;

/** The manifest's `firstLine` rule for transcripts: the extension detects with the rule VS Code applies. */
function transcriptFirstLine(context: vscode.ExtensionContext): RegExp {
  const manifest = context.extension.packageJSON as {
    contributes: { languages: Array<{ id: string; firstLine?: string }> };
  };
  const firstLine = manifest.contributes.languages.find((language) => language.id === 'transcript')?.firstLine;
  return new RegExp(firstLine ?? '(?!)');
}

/** Starts the extension with the language client `host` makes. */
export function activateClient(context: vscode.ExtensionContext, host: ClientHost): TranscriptTestApi {
  const activationStarted = performance.now();
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  const opened = new vscode.EventEmitter<vscode.TextDocument>();
  context.subscriptions.push(opened);
  const clientOptions: LanguageClientOptions = {
    // Whatever file system a transcript comes from (disk, untitled, vscode.dev's and github.dev's virtual
    // ones): the server works on the text it is sent, and reads the disk only for files that are on it.
    documentSelector: [{ language: 'transcript' }],
    outputChannel: output,
    errorHandler: crashHandler(),
    middleware: {
      // The server answers for a document once it has its didOpen: a view that asked before then was told
      // there is nothing, and the editor that activated the extension may see no other event to ask again.
      didOpen: async (document, next) => {
        await next(document);
        opened.fire(document);
      },
    },
  };
  const languageClient = host.create(CLIENT_ID, CLIENT_NAME, clientOptions);
  client = languageClient;

  const requests = new TranscriptRequests(languageClient);
  const speakerColors = new SpeakerColors(requests, opened.event);
  const statusBar = new TranscriptStatusBar(requests, opened.event);
  const statisticsView = new StatisticsView(requests, opened.event);
  const detection = new TranscriptDetection(transcriptFirstLine(context));
  const navigation = new TurnNavigation(requests);
  const preview = new TranscriptPreview(requests, context.extensionUri, opened.event);
  context.subscriptions.push(speakerColors, statusBar, statisticsView, detection, navigation, preview);

  // The views ask the server; whatever they asked before it was running gets asked again now.
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      speakerColors.refreshAll();
      void statusBar.refresh();
      void statisticsView.render();
    }),
  );

  const openPreview = (beside: boolean): void => {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId === 'transcript') preview.show(document, beside);
  };

  // Registered before the server starts, so that a server that failed to start can be restarted.
  context.subscriptions.push(
    vscode.commands.registerCommand('transcript.restartServer', async () => {
      output.info('Restarting the language server on request.');
      // What Node's LanguageClient.restart does, which the browser's lacks.
      await languageClient.stop();
      await languageClient.start();
    }),
    vscode.commands.registerCommand('transcript.showStatistics', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (document?.languageId === 'transcript') await statisticsView.show(document);
    }),
    vscode.commands.registerCommand('transcript.openPreview', () => openPreview(false)),
    vscode.commands.registerCommand('transcript.openPreviewToSide', () => openPreview(true)),
    vscode.commands.registerCommand('transcript.togglePreviewLock', () => preview.toggleLock()),
    // `{ target }` is for tests, which cannot answer a save dialog. A menu passes the document's own URI
    // as the first argument: that is never taken for the file to write.
    vscode.commands.registerCommand('transcript.exportHtml', async (options?: { target?: unknown }) => {
      const document = vscode.window.activeTextEditor?.document;
      if (document?.languageId !== 'transcript') return undefined;
      const target = options?.target instanceof vscode.Uri ? options.target : undefined;
      return exportHtml(requests, document, target);
    }),
    // `{ format, target, roles, allowErrors }` is for tests, which cannot answer dialogs; as with Export
    // to HTML, a menu's document URI is never taken for them.
    vscode.commands.registerCommand('transcript.export', async (options?: Record<string, unknown>) => {
      const document = vscode.window.activeTextEditor?.document;
      if (document?.languageId !== 'transcript') return undefined;
      return exportTranscript(requests, document, exportArguments(options));
    }),
    // `{ input, folder, replace }` is for tests, which cannot answer dialogs. Import needs no transcript
    // open, so it starts the server itself.
    vscode.commands.registerCommand('transcript.importConversations', (options?: Record<string, unknown>) =>
      importConversations({ requests, startServer: () => startServer(), output }, importArguments(options)),
    ),
    vscode.commands.registerCommand('transcript.toggleSpeakerColors', async () => {
      const settings = vscode.workspace.getConfiguration();
      // Changed where it is set, or a workspace value would keep overriding the user's.
      const target =
        settings.inspect(SPEAKER_COLORS_SETTING)?.workspaceValue === undefined
          ? vscode.ConfigurationTarget.Global
          : vscode.ConfigurationTarget.Workspace;
      await settings.update(SPEAKER_COLORS_SETTING, !settings.get<boolean>(SPEAKER_COLORS_SETTING, true), target);
    }),
  );

  // The extension also activates for Plain Text and Log documents, to offer the transcript language
  // (`transcript.detect`); the server, which indexes the workspace's transcripts, starts with the first one.
  let serverStarted = false;
  let serverStart: Promise<void> | undefined;
  const startServer = (): Promise<void> => {
    serverStarted = true;
    serverStart ??= languageClient.start().catch((error: unknown) => {
      // The client has already shown the failure; the extension stays active so the user can restart.
      output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    });
    return serverStart;
  };
  const isTranscript = (document: vscode.TextDocument): boolean => document.languageId === 'transcript';
  // Not awaited: activation returns at once and the server's start-up overlaps the editor's own.
  if (vscode.workspace.textDocuments.some(isTranscript)) void startServer();
  else {
    const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isTranscript(document)) return;
      waiting.dispose();
      void startServer();
    });
    context.subscriptions.push(waiting);
  }

  const activationMs = performance.now() - activationStarted;
  output.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return {
    activationMs,
    statusBarText: () => statusBar.text,
    statisticsHtml: () => statisticsView.html,
    speakerColors: (uri) => speakerColors.colorsOf(uri),
    detection: (uri) => detection.decisionFor(uri),
    serverStarted: () => serverStarted,
    goToTurnPick: () => navigation.goToTurnPick(),
    preview: () => preview.state,
  };
}

/** The export arguments a test passed, none of a menu's. */
function exportArguments(options: Record<string, unknown> | undefined): Parameters<typeof exportTranscript>[2] {
  if (!options || options instanceof vscode.Uri) return {};
  const format = EXPORT_FORMATS.find((known) => known === options.format);
  return {
    format,
    target: options.target instanceof vscode.Uri ? options.target : undefined,
    roles: Array.isArray(options.roles) ? (options.roles as SpeakerRole[]) : undefined,
    allowErrors: options.allowErrors === true,
  };
}

/** The import arguments a test passed, none of a menu's. */
function importArguments(options: Record<string, unknown> | undefined): Parameters<typeof importConversations>[1] {
  if (!options || options instanceof vscode.Uri) return {};
  return {
    input: options.input instanceof vscode.Uri ? options.input : undefined,
    folder: options.folder instanceof vscode.Uri ? options.folder : undefined,
    replace: typeof options.replace === 'boolean' ? options.replace : undefined,
  };
}

/** Stops the language client, as the extension is deactivated. */
export async function deactivateClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}
