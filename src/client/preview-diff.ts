/**
 * What the preview sends its page for a window of turns: the HTML of a turn only when the page was not
 * sent the same HTML in the message before, else the index it had there. A keystroke changes one turn
 * of the window, and an edit that moves the turns below it changes none of their HTML: the message
 * stays a few hundred bytes, where the whole window is tens of kilobytes to copy into the webview.
 * A pure function with no `vscode` import.
 */
import type { RenderedTurn } from '../core/chat-html';
import type { PageTurn } from './preview-protocol';

/** The HTML of each turn the page shows, to the index it has there. */
export type SentTurns = ReadonlyMap<string, number>;

/**
 * The turns to post, against what the page shows (`sent`), and what it shows once it has them.
 *
 * @example With `sent` mapping `<article…>hi</article>` to 0, a window whose turn 1 has that HTML is sent
 * as `{ index: 1, line, endLine, was: 0 }`.
 */
export function pageTurns(sent: SentTurns, turns: readonly RenderedTurn[]): { turns: PageTurn[]; sent: SentTurns } {
  const next = new Map<string, number>();
  const reused = new Set<number>();
  const page: PageTurn[] = [];
  for (const { index, line, endLine, html } of turns) {
    const was = sent.get(html);
    // Two equal turns (`[A]: ok` twice) cannot share one element: the second is sent in full.
    if (was !== undefined && !reused.has(was)) {
      reused.add(was);
      page.push({ index, line, endLine, was });
    } else page.push({ index, line, endLine, html });
    next.set(html, index);
  }
  return { turns: page, sent: next };
}
