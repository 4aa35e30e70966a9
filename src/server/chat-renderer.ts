/**
 * The chat renderer of the preview and the HTML export, with markdown-it and highlight.js: half the
 * server's code, so it is a bundle of its own (dist/chat-renderer.js) that the server loads on the first
 * request that needs it, and a session that never opens a preview does not load it at all.
 */
export { chatLabelsFor, turnWindow } from '../core/chat-html';
export { renderChatPage } from '../core/chat-page';
