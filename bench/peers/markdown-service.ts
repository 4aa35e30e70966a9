/**
 * The in-process peer: vscode-markdown-languageservice on the markdown version of the transcript, with
 * a one-document workspace. Each measurement builds a fresh service and document, because the service
 * caches tokens per document version and a warm cache would time nothing.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationToken, Emitter } from 'vscode-languageserver-protocol';
import {
  createLanguageService, DiagnosticLevel, LogLevel, type DiagnosticOptions, type IMdLanguageService, type ITextDocument,
  type IWorkspace,
} from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';
import { markdownParser } from './markdown-parser.js';

/** What VS Code validates once `markdown.validate.enabled` is on, with its default levels. */
export const VSCODE_DIAGNOSTIC_OPTIONS: DiagnosticOptions = {
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateFileLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.hint,
  validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
  ignoreLinks: [],
};

function singleDocumentWorkspace(document: ITextDocument): IWorkspace {
  const never = <T>() => new Emitter<T>().event;
  return {
    workspaceFolders: [],
    onDidChangeMarkdownDocument: never<ITextDocument>(),
    onDidCreateMarkdownDocument: never<ITextDocument>(),
    onDidDeleteMarkdownDocument: never<URI>(),
    getAllMarkdownDocuments: async () => [document],
    hasMarkdownDocument: (resource) => resource.toString() === document.uri,
    openMarkdownDocument: async (resource) => (resource.toString() === document.uri ? document : undefined),
    stat: async (resource) => (resource.toString() === document.uri ? { isDirectory: false } : undefined),
    readDirectory: async () => [],
  };
}

const silentLogger = { level: LogLevel.Off, log: () => undefined };

export function freshMarkdownService(markdown: string): { service: IMdLanguageService; document: ITextDocument } {
  const document = TextDocument.create(URI.file('/bench/transcript.md').toString(), 'markdown', 1, markdown);
  const service = createLanguageService({ workspace: singleDocumentWorkspace(document), parser: markdownParser, logger: silentLogger });
  return { service, document };
}

export async function markdownServiceSymbols(markdown: string): Promise<number> {
  const { service, document } = freshMarkdownService(markdown);
  const symbols = await service.getDocumentSymbols(document, { includeLinkDefinitions: true }, CancellationToken.None);
  service.dispose();
  return symbols.length;
}

/** Symbols, diagnostics and folding on one fresh service: the work our core analysis does. */
export async function markdownServiceFullAnalysis(markdown: string): Promise<number> {
  const { service, document } = freshMarkdownService(markdown);
  const symbols = await service.getDocumentSymbols(document, { includeLinkDefinitions: true }, CancellationToken.None);
  const diagnostics = await service.computeDiagnostics(document, VSCODE_DIAGNOSTIC_OPTIONS, CancellationToken.None);
  const folding = await service.getFoldingRanges(document, CancellationToken.None);
  service.dispose();
  return symbols.length + diagnostics.length + folding.length;
}
