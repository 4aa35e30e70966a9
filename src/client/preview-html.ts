/**
 * The preview's page: an empty chat that its script (preview-page.ts) fills with the turns the server
 * renders. A pure function with no `vscode` import, so that its policy can be checked without a window.
 */
import { CHAT_CSS, DARK_CODE_COLORS, FONT_STACK, LIGHT_CODE_COLORS } from '../core/chat-css';
import { escapeHtml } from '../core/html';

export interface PreviewPage {
  /** `webview.cspSource`: where the page's own script comes from. */
  readonly cspSource: string;
  /** The page's script, as a webview URI. */
  readonly scriptUri: string;
  /** The document's folder as a webview URI, ending in `/`: what relative pictures and links are read against. */
  readonly baseUri: string;
  /** A fresh random value per page that lets its one style and one script element through the policy. */
  readonly nonce: string;
  /** Whether pictures from other machines may load (`transcript.preview.allowRemoteImages`). */
  readonly remoteImages: boolean;
  /** CSS colour of each speaker, in the editor's order (`SPEAKER_PALETTE`). */
  readonly speakerColors: readonly string[];
}

/**
 * The policy: the page's script and style by nonce, nothing inline, no frames, no forms, pictures from
 * the workspace (the webview's own resources) and written inline, and from the web only when allowed.
 */
export function previewContentSecurityPolicy(page: PreviewPage): string {
  const images = `${page.cspSource} data:${page.remoteImages ? ' https:' : ''}`;
  return (
    `default-src 'none'; script-src 'nonce-${page.nonce}'; style-src 'nonce-${page.nonce}'; ` +
    `img-src ${images}; font-src ${page.cspSource}; form-action 'none'; frame-src 'none'; base-uri ${page.cspSource}`
  );
}

/** Only colour names from the palette and the theme's own variables reach the style element. */
function previewColors(page: PreviewPage): string {
  const speakers = page.speakerColors.map((color, index) => `--speaker-${index}: ${color};`).join(' ');
  return `
:root {
  --chat-fg: var(--vscode-foreground); --chat-bg: var(--vscode-editor-background);
  --chat-muted: var(--vscode-descriptionForeground); --chat-bubble: var(--vscode-editorWidget-background);
  --chat-border: var(--vscode-editorWidget-border, var(--vscode-panel-border)); --chat-code-bg: var(--vscode-textCodeBlock-background);
  --chat-link: var(--vscode-textLink-foreground); --chat-error: var(--vscode-errorForeground);
  --chat-warning: var(--vscode-editorWarning-foreground); --chat-info: var(--vscode-editorInfo-foreground);
  --chat-font: var(--vscode-font-family), ${FONT_STACK};
  --chat-mono: var(--vscode-editor-font-family), monospace;
  ${speakers}
}
body.vscode-light { ${LIGHT_CODE_COLORS} }
body.vscode-dark, body.vscode-high-contrast { ${DARK_CODE_COLORS} }
body { margin: 0; padding: 12px 16px; background: var(--chat-bg); color: var(--chat-fg); font-family: var(--chat-font);
  font-size: var(--vscode-font-size); line-height: 1.5; }
pre, code { font-size: var(--vscode-editor-font-size); }
.bubble { background: var(--chat-bubble); }
.turn.synced > .bubble { outline: 1px solid var(--vscode-focusBorder); }
`;
}

export function renderPreviewHtml(page: PreviewPage): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewContentSecurityPolicy(page))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="${escapeHtml(page.baseUri)}">
<style nonce="${page.nonce}">${CHAT_CSS}${previewColors(page)}</style>
</head>
<body>
<div id="before"></div>
<main id="turns" class="chat"></main>
<div id="after"></div>
<script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>
`;
}
