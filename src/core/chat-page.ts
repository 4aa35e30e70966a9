/**
 * The page the HTML export writes: one file that holds
 * everything it shows (the style inline, the code highlighted), runs no script, loads nothing from
 * another machine, and prints cleanly, Chinese text included.
 */
import { CHAT_CSS, DARK_COLORS, FONT_STACK, LIGHT_COLORS, MONO_STACK } from './chat-css';
import { type ChatOptions, renderPreamble, renderTurns, turnArticle } from './chat-html';
import { escapeHtml } from './html';
import type { Transcript } from './model';

/** The export's own colours: light, dark on a screen that asks for it, and light on paper. */
const EXPORT_CSS = `
:root { ${LIGHT_COLORS} --chat-font: ${FONT_STACK}; --chat-mono: ${MONO_STACK}; }
@media screen and (prefers-color-scheme: dark) { :root { ${DARK_COLORS} } }
html { background: var(--chat-bg); color: var(--chat-fg); }
body { margin: 0; padding: 16px 20px; font-family: var(--chat-font); font-size: 15px; line-height: 1.55; }
h1 { font-size: 1.3em; max-width: 960px; margin: 0 auto 16px; overflow-wrap: anywhere; }
@media print {
  @page { margin: 16mm 14mm; }
  html { background: #fff; }
  body { padding: 0; font-size: 11pt; }
  .chat { max-width: none; }
  .turn { break-inside: avoid; }
  .bubble { max-width: 100%; }
  pre { white-space: pre-wrap; overflow: visible; }
  details.file > summary { list-style: none; }
  a { text-decoration: none; }
}
`;

/** What the export page is made of. */
export interface ChatPage {
  /** The document's name, the page's title and heading. */
  readonly title: string;
  readonly options: ChatOptions;
  /** BCP 47 language of the page, for fonts and hyphenation (`en`, `zh-CN`). */
  readonly language: string;
}

/**
 * The whole transcript as one self-contained HTML page. Its policy lets nothing run and nothing load but
 * its own style and pictures beside it or written inline.
 *
 * @example `renderChatPage(parseTranscript('[A]: hi'), { title: 'a.txt', options, language: 'en' })` starts with `<!DOCTYPE html>`.
 */
export function renderChatPage(model: Transcript, page: ChatPage): string {
  const turns = renderTurns(model, 0, Infinity, page.options).map(turnArticle);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="transcript">
<title>${escapeHtml(page.title)}</title>
<style>${EXPORT_CSS}${CHAT_CSS}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<main class="chat">
${renderPreamble(model, page.options)}${turns.join('\n')}
</main>
</body>
</html>
`;
}
