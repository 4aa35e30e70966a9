/**
 * Syntax highlighting of code for the chat pages (the preview and the HTML export), by highlight.js
 * with the languages the grammar embeds (docs/grammar.md). highlight.js was chosen over shiki for its
 * size and speed: with these languages it bundles to about 80 KB minified against shiki's 2 MB, and it
 * highlights 1 MiB of TypeScript in about 0.6 s against 2.5 s, synchronously, with nothing to load first.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from './html';

const GRAMMARS = { bash, c, cpp, css, go, java, javascript, json, markdown, python, rust, typescript, xml, yaml };
for (const [name, grammar] of Object.entries(GRAMMARS)) hljs.registerLanguage(name, grammar);

type HighlightLanguage = keyof typeof GRAMMARS;

/** FILE path extensions, as the grammar reads them (docs/grammar.md), and the highlighter's language for each. */
const BY_EXTENSION: Readonly<Record<string, HighlightLanguage>> = {
  py: 'python',
  pyi: 'python',
  pyw: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  json: 'json',
  md: 'markdown',
  markdown: 'markdown',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  yaml: 'yaml',
  yml: 'yaml',
  html: 'xml',
  htm: 'xml',
  xhtml: 'xml',
  css: 'css',
  rs: 'rust',
  go: 'go',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  'c++': 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  'h++': 'cpp',
  h: 'cpp',
};

/** Fence info strings, as the grammar reads them, beyond the extensions. */
const BY_INFO: Readonly<Record<string, HighlightLanguage>> = {
  ...BY_EXTENSION,
  python: 'python',
  python3: 'python',
  py3: 'python',
  gyp: 'python',
  javascript: 'javascript',
  node: 'javascript',
  typescript: 'typescript',
  shellscript: 'bash',
  shell: 'bash',
  golang: 'go',
  rust: 'rust',
};

/**
 * Content longer than this is shown as plain text: highlighting takes about 0.6 s per MiB, and a page
 * should not wait that long for one block.
 */
export const DEFAULT_HIGHLIGHT_LIMIT = 256 * 1024;

/**
 * The highlighter's language for a FILE path (by extension, in any case), or undefined.
 *
 * @example `languageForPath('src/App.TSX')` is `typescript`; `languageForPath('LICENSE')` is undefined.
 */
export function languageForPath(path: string): HighlightLanguage | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? undefined : BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/**
 * The highlighter's language for a fence info string (its first word, in any case), or undefined.
 *
 * @example `languageForInfo('python title="a.py"')` is `python`.
 */
export function languageForInfo(info: string): HighlightLanguage | undefined {
  const word = /^[^\s{]*/.exec(info.trim())![0].toLowerCase();
  return Object.hasOwn(BY_INFO, word) ? BY_INFO[word] : undefined;
}

/**
 * `code` as HTML: `<span class="hljs-…">` runs in `language`, or escaped plain text when there is no
 * language or the code is longer than `limit`. The highlighter escapes the code itself.
 *
 * @example `highlightCode('x = 1', 'python')` marks up `1` as `<span class="hljs-number">1</span>`.
 */
export function highlightCode(
  code: string,
  language: HighlightLanguage | undefined,
  limit = DEFAULT_HIGHLIGHT_LIMIT,
): string {
  if (!language || code.length > limit) return escapeHtml(code);
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
