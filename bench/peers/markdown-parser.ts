/**
 * Markdown tokenizing as VS Code's markdown extension does it for its language service and server:
 * markdown-it with HTML and linkify on, fed the whole document. Both markdown peers use it, so they pay
 * the same parse VS Code pays.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { githubSlugifier, type IMdParser, type ITextDocument } from 'vscode-markdown-languageservice';

const markdownIt = new MarkdownIt({ html: true, linkify: true });

export function tokenizeMarkdown(text: string): Token[] {
  return markdownIt.parse(text, {});
}

/** The `IMdParser` the in-process language service needs. */
export const markdownParser: IMdParser = {
  slugifier: githubSlugifier,
  tokenize: async (document: ITextDocument) => tokenizeMarkdown(document.getText()),
};
