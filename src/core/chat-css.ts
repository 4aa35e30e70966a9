/**
 * The stylesheet of a chat as `chat-html.ts` renders it, and the colours of the export's light and dark
 * pages; apart from the renderer, so that the preview's page can have the style without the renderer's
 * libraries.
 */

/**
 * The layout of the chat, in terms of variables a page sets for its colours: `--chat-*` for the page,
 * `--speaker-0` to `--speaker-9` for the speakers and `--hl-*` for the highlighted code.
 */
export const CHAT_CSS = `
.chat { max-width: 960px; margin: 0 auto; }
.turn { display: flex; flex-direction: column; align-items: flex-start; margin: 0 0 14px; }
.turn.side-right { align-items: flex-end; }
.speaker { font-weight: 600; font-size: 0.9em; margin: 0 4px 2px; color: var(--speaker-color); overflow-wrap: anywhere; }
.bubble { box-sizing: border-box; max-width: 88%; min-width: 3em; padding: 6px 12px; border-radius: 8px;
  background: var(--chat-bubble); border: 1px solid var(--chat-border); border-left: 4px solid var(--speaker-color);
  overflow-wrap: anywhere; }
.side-right .bubble { border-left-width: 1px; border-left-color: var(--chat-border); border-right: 4px solid var(--speaker-color); }
.bubble > :first-child { margin-top: 0; }
.bubble > :last-child { margin-bottom: 0; }
.bubble p { margin: 0.4em 0; }
.bubble a { color: var(--chat-link); }
.stage { font-style: italic; color: var(--chat-muted); }
pre { box-sizing: border-box; max-width: 100%; overflow-x: auto; margin: 6px 0; padding: 8px 10px; border-radius: 4px;
  background: var(--chat-code-bg); font-family: var(--chat-mono); font-size: 0.9em; line-height: 1.4; }
code { font-family: var(--chat-mono); }
pre > code { background: none; padding: 0; border-radius: 0; color: inherit; }
:not(pre) > code { background: var(--chat-code-bg); padding: 0 3px; border-radius: 3px; }
details.file { margin: 6px 0; border: 1px solid var(--chat-border); border-radius: 4px; }
details.file > summary { cursor: pointer; padding: 4px 8px; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; }
details.file > summary .path { font-family: var(--chat-mono); font-weight: 600; overflow-wrap: anywhere; }
details.file > summary .language, details.file > summary .lines { color: var(--chat-muted); font-size: 0.9em; }
details.file > summary .unclosed { color: var(--chat-error); font-size: 0.9em; }
details.file > pre { margin: 0; border-radius: 0 0 4px 4px; }
.problems { list-style: none; margin: 4px 4px 0; padding: 0; font-size: 0.85em; max-width: 88%; }
.problem .severity { font-weight: 600; }
.problem.error .severity { color: var(--chat-error); }
.problem.warning .severity { color: var(--chat-warning); }
.problem.information .severity, .problem.hint .severity { color: var(--chat-info); }
.problem .code { color: var(--chat-muted); background: none; }
.preamble { margin: 0 0 14px; color: var(--chat-muted); }
.remote-image { font-style: italic; }
img { max-width: 100%; }
${Array.from({ length: 10 }, (_, index) => `.speaker-${index} { --speaker-color: var(--speaker-${index}); }`).join('\n')}
.hljs-comment, .hljs-quote { color: var(--hl-comment); font-style: italic; }
.hljs-keyword, .hljs-selector-tag, .hljs-doctag, .hljs-template-tag { color: var(--hl-keyword); }
.hljs-string, .hljs-regexp, .hljs-addition, .hljs-meta .hljs-string { color: var(--hl-string); }
.hljs-number, .hljs-literal, .hljs-symbol, .hljs-bullet { color: var(--hl-number); }
.hljs-title, .hljs-section, .hljs-name, .hljs-selector-id, .hljs-selector-class { color: var(--hl-title); }
.hljs-type, .hljs-built_in, .hljs-class .hljs-title, .hljs-title.class_ { color: var(--hl-type); }
.hljs-attr, .hljs-attribute, .hljs-variable, .hljs-template-variable, .hljs-property, .hljs-params { color: var(--hl-attr); }
.hljs-meta, .hljs-deletion { color: var(--hl-meta); }
.hljs-emphasis { font-style: italic; }
.hljs-strong { font-weight: 600; }
`;

/** Sans-serif fonts with Chinese glyphs on every common system, so that print to PDF finds one. */
export const FONT_STACK = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`;
export const MONO_STACK = `ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", "Microsoft YaHei", monospace`;

/** The colours of highlighted code on a light background. */
export const LIGHT_CODE_COLORS = `
  --hl-comment: #59636e; --hl-keyword: #cf222e; --hl-string: #0a3069; --hl-number: #0550ae; --hl-title: #8250df;
  --hl-type: #953800; --hl-attr: #0550ae; --hl-meta: #1a7f37;`;

/** The export's colours on a light page and on paper. */
export const LIGHT_COLORS = `
  --chat-fg: #1f2328; --chat-bg: #ffffff; --chat-muted: #59636e; --chat-bubble: #f6f8fa; --chat-border: #d1d9e0;
  --chat-code-bg: #eff2f5; --chat-link: #0969da; --chat-error: #cf222e; --chat-warning: #9a6700; --chat-info: #0969da;
  --speaker-0: #0969da; --speaker-1: #1a7f37; --speaker-2: #bc4c00; --speaker-3: #8250df; --speaker-4: #cf222e;
  --speaker-5: #9a6700; --speaker-6: #1b7c83; --speaker-7: #bf3989; --speaker-8: #3b5bdb; --speaker-9: #2f9e44;
  ${LIGHT_CODE_COLORS}`;

/** The colours of highlighted code on a dark background. */
export const DARK_CODE_COLORS = `
  --hl-comment: #9198a1; --hl-keyword: #ff7b72; --hl-string: #a5d6ff; --hl-number: #79c0ff; --hl-title: #d2a8ff;
  --hl-type: #ffa657; --hl-attr: #79c0ff; --hl-meta: #7ee787;`;

/** The export's colours on a dark screen. */
export const DARK_COLORS = `
  --chat-fg: #e6edf3; --chat-bg: #0d1117; --chat-muted: #9198a1; --chat-bubble: #161b22; --chat-border: #30363d;
  --chat-code-bg: #1f242c; --chat-link: #4493f8; --chat-error: #f85149; --chat-warning: #d29922; --chat-info: #4493f8;
  --speaker-0: #4493f8; --speaker-1: #3fb950; --speaker-2: #f0883e; --speaker-3: #ab7df8; --speaker-4: #f85149;
  --speaker-5: #d29922; --speaker-6: #39c5cf; --speaker-7: #db61a2; --speaker-8: #91a7ff; --speaker-9: #8ce99a;
  ${DARK_CODE_COLORS}`;
