/**
 * Transcript: Open Preview — the transcript as a chat in a webview, beside the editor or in its place.
 * The server renders the turns (`transcript/renderTurns`); the page (page/preview-page.ts) shows those
 * near its view and asks for more as it scrolls. After an edit the page is sent the turns it shows
 * again, which the server has kept for every turn the edit did not touch, the HTML of only those that
 * changed (preview-diff.ts), and replaces only those. The first turns are asked for as the page starts
 * loading, so that the server renders them while the webview loads. The preview follows the active
 * transcript unless it is locked to one.
 */
import * as vscode from 'vscode';
import type { TurnRequest } from '../core/chat-html';
import type { TurnWindow } from '../core/chat-html';
import { pageTurns, type SentTurns } from './preview-diff';
import type { FromPage, PageColors, ToPage } from './preview-protocol';
import { renderPreviewHtml } from './preview-html';
import type { TranscriptRequests } from './requests';
import { SPEAKER_PALETTE } from './speaker-colors';
import { nonce } from './nonce';
import { baseName } from './uri-path';

export const PREVIEW_VIEW_TYPE = 'transcript.preview';
export const REMOTE_IMAGES_SETTING = 'transcript.preview.allowRemoteImages';

/** Turns rendered around the line a preview opens on, or scrolls to outside what it shows. */
const AROUND_LINE = { before: 20, after: 40 };
/**
 * The fewest turns asked for again after an edit: the page's own requests are about this many, and an
 * edit that adds turns would otherwise push the last ones it shows out of the range asked for.
 */
const MIN_REFRESH_TURNS = 90;
/** How long after the preview moved the editor the editor's scrolling is not sent back, and the other way. */
const ECHO_MS = 300;

/** What the page last reported, for the integration tests. */
export interface PreviewState {
  readonly uri: string;
  readonly locked: boolean;
  readonly html: string;
  /** The document version whose turns the page shows, once it has shown any. */
  readonly renderedVersion: number | undefined;
  /** Elements in the page's document, and turns shown, when it last showed turns. */
  readonly elements: number;
  readonly turns: number;
  /** The index of the first turn shown. */
  readonly from: number;
  /** The text of the first turn shown, cut short. */
  readonly text: string;
  /** The page's colours, as it last computed them. */
  readonly colors: PageColors | undefined;
  /** When the page said it showed them (`performance.now()` in the extension host). */
  readonly renderedAt: number;
}

type RenderAnswer = (TurnWindow & { readonly version: number }) | null;

function cssColor(themeColor: string): string {
  return `var(--vscode-${themeColor.replace(/\./g, '-')})`;
}

export class TranscriptPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private locked = false;
  /** The turns the page shows, asked again after an edit; undefined until it shows any. */
  private window: { from: number; to: number } | undefined;
  private rendered:
    | {
        version: number;
        elements: number;
        turns: number;
        from: number;
        text: string;
        colors: PageColors;
        renderedAt: number;
      }
    | undefined;
  private ignoreEditorScrollUntil = 0;
  private rendering: Promise<void> = Promise.resolve();
  /** The HTML of the turns the page was last sent (see preview-diff.ts). */
  private sent: SentTurns = new Map();
  /** The first turns, asked for when the page started loading, until the page is ready for them. */
  private early: { document: vscode.TextDocument; answer: Promise<RenderAnswer> } | undefined;
  private refreshQueued = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly requests: TranscriptRequests,
    private readonly extensionUri: vscode.Uri,
    opened: vscode.Event<vscode.TextDocument>,
  ) {
    this.subscriptions = [
      opened((document) => {
        if (this.panel && document === this.document) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const document = editor?.document;
        if (!this.panel || this.locked || document?.languageId !== 'transcript' || document === this.document) return;
        this.document = document;
        this.loadPage();
      }),
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (this.panel && document === this.document && contentChanges.length > 0) this.refresh();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor, visibleRanges }) => {
        if (!this.panel || textEditor.document !== this.document || Date.now() < this.ignoreEditorScrollUntil) return;
        const line = visibleRanges[0]?.start.line;
        if (line !== undefined) void this.post({ type: 'scrollToLine', line });
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.panel && event.affectsConfiguration(REMOTE_IMAGES_SETTING)) this.loadPage();
      }),
    ];
  }

  /** Opens the preview of `document`, in the editor's column or beside it. */
  show(document: vscode.TextDocument, beside: boolean): void {
    this.document = document;
    const column = beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (this.panel) {
      this.panel.reveal(column, beside);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        this.title(),
        { viewColumn: column, preserveFocus: beside },
        { enableScripts: true, enableCommandUris: false, localResourceRoots: this.resourceRoots() },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.document = undefined;
        this.rendered = undefined;
        this.locked = false;
      });
      this.panel.webview.onDidReceiveMessage((message: FromPage) => void this.received(message));
    }
    this.loadPage();
  }

  /** Locks the preview to the transcript it shows, or lets it follow the active one again. */
  toggleLock(): void {
    if (!this.panel) return;
    this.locked = !this.locked;
    this.panel.title = this.title();
    const active = vscode.window.activeTextEditor?.document;
    if (!this.locked && active?.languageId === 'transcript' && active !== this.document) {
      this.document = active;
      this.loadPage();
    }
  }

  get state(): PreviewState | undefined {
    if (!this.panel || !this.document) return undefined;
    return {
      uri: this.document.uri.toString(),
      locked: this.locked,
      html: this.panel.webview.html,
      renderedVersion: this.rendered?.version,
      elements: this.rendered?.elements ?? 0,
      turns: this.rendered?.turns ?? 0,
      from: this.rendered?.from ?? 0,
      text: this.rendered?.text ?? '',
      renderedAt: this.rendered?.renderedAt ?? 0,
      colors: this.rendered?.colors,
    };
  }

  /** Shows the page anew (its script asks for its turns once loaded), for another document or setting. */
  private loadPage(): void {
    const { panel, document } = this;
    if (!panel || !document) return;
    this.rendered = undefined;
    this.window = undefined;
    this.sent = new Map();
    const line = this.editorTopLine(document);
    this.early = {
      document,
      answer: this.requests.renderTurns(document, { line, ...AROUND_LINE }, this.remoteImages()),
    };
    panel.title = this.title();
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: this.resourceRoots() };
    const webview = panel.webview;
    const folder = vscode.Uri.joinPath(document.uri, '..');
    panel.webview.html = renderPreviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'preview-page.js')).toString(),
      baseUri: `${webview.asWebviewUri(folder).toString().replace(/\/?$/, '/')}`,
      nonce: nonce(),
      remoteImages: this.remoteImages(),
      speakerColors: SPEAKER_PALETTE.map(cssColor),
    });
  }

  /** The page's script and, for pictures, the workspace and the document's folder. */
  private resourceRoots(): vscode.Uri[] {
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist')];
    for (const folder of vscode.workspace.workspaceFolders ?? []) roots.push(folder.uri);
    if (this.document && this.document.uri.scheme === 'file') roots.push(vscode.Uri.joinPath(this.document.uri, '..'));
    return roots;
  }

  private remoteImages(): boolean {
    return vscode.workspace
      .getConfiguration('transcript', this.document)
      .get<boolean>('preview.allowRemoteImages', false);
  }

  private title(): string {
    const name = this.document ? baseName(this.document.uri.path) : '';
    return this.locked ? vscode.l10n.t('Preview {0} (locked)', name) : vscode.l10n.t('Preview {0}', name);
  }

  private async received(message: FromPage): Promise<void> {
    const document = this.document;
    if (!document) return;
    switch (message.type) {
      case 'ready': {
        // A page shown again after being hidden starts empty: it has none of the turns sent before.
        this.sent = new Map();
        const early = this.early?.document === document ? this.early.answer : undefined;
        this.early = undefined;
        const line = this.editorTopLine(document);
        return this.render({ line, ...AROUND_LINE }, line, early);
      }
      case 'window':
        return this.render({ from: message.from, to: message.to }, undefined);
      case 'windowAtLine':
        return this.render({ line: message.line, ...AROUND_LINE }, message.line);
      case 'scrolled':
        return this.revealInEditor(document, message.line, false);
      case 'openLine':
        return this.revealInEditor(document, message.line, true);
      case 'link':
        return this.openLink(document, message.href);
      case 'rendered':
        this.rendered = {
          version: message.version,
          elements: message.elements,
          turns: message.turns,
          from: message.from,
          text: message.text,
          colors: message.colors,
          renderedAt: performance.now(),
        };
        return;
    }
  }

  /**
   * Renders the turns the page shows again, after an edit or once the server has the document: once for
   * a burst of edits, since a rendering waiting to start will read the latest version anyway.
   */
  private refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    this.rendering = this.rendering.then(() => {
      this.refreshQueued = false;
      const document = this.document;
      const shown = this.window;
      if (shown || !document) {
        const from = shown?.from ?? 0;
        return this.renderNow({ from, to: from + Math.max(MIN_REFRESH_TURNS, (shown?.to ?? 0) - from) }, undefined);
      }
      const line = this.editorTopLine(document);
      return this.renderNow({ line, ...AROUND_LINE }, line);
    });
  }

  /** The first line the document's editor shows, 0 when none shows it. */
  private editorTopLine(document: vscode.TextDocument): number {
    const editor = vscode.window.visibleTextEditors.find((visible) => visible.document === document);
    return editor?.visibleRanges[0]?.start.line ?? 0;
  }

  /**
   * Sends the page the turns of `request`, one rendering at a time so that answers arrive in order;
   * asks again while the answer is of an older version than the document's.
   */
  private render(request: TurnRequest, reveal: number | undefined, early?: Promise<RenderAnswer>): Promise<void> {
    this.rendering = this.rendering.then(() => this.renderNow(request, reveal, early));
    return this.rendering;
  }

  /** `early`, when given, is an answer to `request` already asked for. */
  private async renderNow(
    request: TurnRequest,
    reveal: number | undefined,
    early?: Promise<RenderAnswer>,
  ): Promise<void> {
    const document = this.document;
    if (!document) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const window =
        (attempt === 0 && early ? await early : undefined) ??
        (await this.requests.renderTurns(document, request, this.remoteImages()));
      if (!window || document !== this.document) return;
      if (window.version < document.version && attempt < 2) continue;
      this.window = { from: window.from, to: window.from + window.turns.length };
      const { turns, sent } = pageTurns(this.sent, window.turns);
      this.sent = sent;
      await this.post({
        type: 'turns',
        version: window.version,
        turnCount: window.turnCount,
        from: window.from,
        turns,
        reveal,
      });
      return;
    }
  }

  private async post(message: ToPage): Promise<void> {
    await this.panel?.webview.postMessage(message);
  }

  private async revealInEditor(document: vscode.TextDocument, line: number, focus: boolean): Promise<void> {
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    const range = new vscode.Range(position, position);
    const editor = vscode.window.visibleTextEditors.find((visible) => visible.document === document);
    this.ignoreEditorScrollUntil = Date.now() + ECHO_MS;
    if (focus || !editor) {
      await vscode.window.showTextDocument(document, {
        viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One,
        selection: range,
        preserveFocus: !focus,
      });
      return;
    }
    editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
  }

  /** Web and mail links open outside; relative ones open the file beside the transcript; nothing else. */
  private async openLink(document: vscode.TextDocument, href: string): Promise<void> {
    if (/^(?:https?|mailto):/i.test(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return;
    let relative: string;
    try {
      relative = decodeURIComponent(href.replace(/[?#].*$/, ''));
    } catch {
      return;
    }
    if (relative === '') return;
    // `/a.png` is read from the workspace folder's root, as the markdown preview reads it.
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
    const target = relative.startsWith('/')
      ? folder && vscode.Uri.joinPath(folder, relative)
      : vscode.Uri.joinPath(document.uri, '..', relative);
    if (target) await vscode.commands.executeCommand('vscode.open', target);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel?.dispose();
  }
}
