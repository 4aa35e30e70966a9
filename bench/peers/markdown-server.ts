/**
 * The stdio peer: VS Code's markdown language server. It does not read or parse documents itself: it
 * asks the client (`markdown/parse`) for markdown-it tokens, as VS Code's markdown extension provides
 * them, so this client keeps the open documents' text and tokenizes on request. That round trip is part
 * of what VS Code pays, so it stays in the timing. The workspace is empty: file-system requests answer
 * "nothing there".
 */
import { createRequire } from 'node:module';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspClient } from '../../test/support/lsp-client.js';
import { tokenizeMarkdown } from './markdown-parser.js';

const require = createRequire(import.meta.url);

/** `markdown.*` settings as VS Code sends them, with validation on so diagnostics do real work. */
const MARKDOWN_SETTINGS = {
  markdown: {
    server: { log: 'off' },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [],
      unusedLinkDefinitions: { enabled: 'hint' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
    suggest: { paths: { enabled: false, includeWorkspaceHeaderCompletions: 'never' } },
    occurrencesHighlight: { enabled: false },
    preferredMdPathExtensionStyle: 'auto',
  },
};

/** A markdown server plus the client-side copy of each open document it parses from. */
export class MarkdownServerSession {
  private constructor(
    readonly server: LspClient,
    private readonly texts: Map<string, string>,
  ) {}

  static async start(timeoutMs: number): Promise<MarkdownServerSession> {
    const texts = new Map<string, string>();
    const entry = require.resolve('vscode-markdown-languageserver');
    const server = await LspClient.start({
      server: { command: process.execPath, args: [entry, '--stdio'] },
      initialize: { workspaceFolders: null },
      timeoutMs,
      capabilities: {
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
      requestHandlers: {
        'markdown/parse': (params) => {
          const { uri, text } = params as { uri: string; text?: string };
          return tokenizeMarkdown(text ?? texts.get(uri) ?? '');
        },
        'markdown/findMarkdownFilesInWorkspace': () => [],
        'markdown/fs/stat': () => null,
        'markdown/fs/readDirectory': () => [],
      },
    });
    await server.notify('workspace/didChangeConfiguration', { settings: MARKDOWN_SETTINGS });
    return new MarkdownServerSession(server, texts);
  }

  open(uri: string, text: string): Promise<void> {
    this.texts.set(uri, text);
    return this.server.open(uri, text, { languageId: 'markdown' });
  }

  /** Replaces the client's copy; the server gets the same edit through `didChange`. */
  setText(uri: string, text: string): void {
    this.texts.set(uri, text);
  }

  /** Pull diagnostics: the only kind this server offers. */
  diagnostics(uri: string): Promise<FullDocumentDiagnosticReport> {
    return this.server.request('textDocument/diagnostic', { textDocument: { uri } });
  }

  dispose(): void {
    this.server.dispose();
  }
}
