/**
 * The preview's script, run in its webview: it shows the turns the extension sends, only those near the
 * view (the rest are two spacers of about their height), replaces only the turns whose HTML changed,
 * and keeps the view and the editor on the same turn both ways.
 */
import type { FromPage, ToPage } from '../preview-protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromPage): void };

const vscode = acquireVsCodeApi();
const before = document.getElementById('before')!;
const after = document.getElementById('after')!;
const list = document.getElementById('turns')!;

/** How many turns to keep beyond the view on each side; fewer than this left asks for more. */
const MARGIN = 15;
/** How many turns to ask for around the view. */
const SPAN = 60;

let turnCount = 0;
let from = 0;
let to = 0;
/** The turns shown, by index. */
let shown = new Map<number, HTMLElement>();
/** Height of a turn not shown, in pixels: the average of those shown. */
let estimate = 80;
/** Until when scrolling is the page following the editor, and not to be reported back to it. */
let followingUntil = 0;
let asked = false;
/** Whether the view landed in a spacer (a jump of the scroll bar): the editor follows once the turns there are shown. */
let reportWhenShown = false;

function elementOf(html: string): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.firstElementChild as HTMLElement;
}

/** The first turn whose bottom is below the top of the view, with how far into it the top is (0 to 1). */
function topTurn(): { element: HTMLElement; fraction: number } | undefined {
  for (const element of Array.from(list.children as HTMLCollectionOf<HTMLElement>)) {
    const box = element.getBoundingClientRect();
    if (box.bottom > 0) return { element, fraction: box.top >= 0 ? 0 : -box.top / Math.max(1, box.height) };
  }
  return undefined;
}

function lineOf(element: HTMLElement, fraction: number): number {
  const start = Number(element.dataset.line);
  const end = Number(element.dataset.endLine ?? start);
  return start + Math.floor(fraction * (end - start + 1));
}

/** Puts `elements` in the list in order, moving, adding and removing only what differs. */
function place(elements: readonly HTMLElement[]): void {
  const keep = new Set(elements);
  for (const child of Array.from(list.children)) if (!keep.has(child as HTMLElement)) child.remove();
  elements.forEach((element, i) => {
    if (list.children[i] !== element) list.insertBefore(element, list.children[i] ?? null);
  });
}

function setData(element: HTMLElement, name: string, value: number): void {
  const text = String(value);
  if (element.dataset[name] !== text) element.dataset[name] = text;
}

function show(message: Extract<ToPage, { type: 'turns' }>): void {
  const anchor = message.reveal === undefined ? topTurn() : undefined;
  const anchorTop = anchor?.element.getBoundingClientRect().top ?? 0;
  const next = new Map<number, HTMLElement>();
  const elements: HTMLElement[] = [];
  for (const turn of message.turns) {
    // Unchanged turns keep their elements (and what is open in them); only the others are made anew.
    const element = turn.html !== undefined ? elementOf(turn.html) : shown.get(turn.was ?? -1);
    if (!element) {
      // Not what this page was sent (it was reloaded meanwhile): start again from all of them.
      shown = new Map();
      vscode.postMessage({ type: 'ready' });
      return;
    }
    setData(element, 'line', turn.line);
    setData(element, 'endLine', turn.endLine);
    setData(element, 'turn', turn.index);
    next.set(turn.index, element);
    elements.push(element);
  }
  place(elements);
  shown = next;
  turnCount = message.turnCount;
  from = message.from;
  to = message.from + message.turns.length;
  if (elements.length > 0) estimate = Math.max(20, list.offsetHeight / elements.length);
  before.style.height = `${Math.round(from * estimate)}px`;
  after.style.height = `${Math.round((turnCount - to) * estimate)}px`;
  if (message.reveal !== undefined) scrollToLine(message.reveal);
  else if (anchor && anchor.element.isConnected)
    window.scrollBy(0, anchor.element.getBoundingClientRect().top - anchorTop);
  asked = false;
  if (reportWhenShown && message.reveal === undefined) {
    reportWhenShown = false;
    reportTop();
  }
  shownVersion = message.version;
  report();
}

/** The version of the turns shown, once any are. */
let shownVersion: number | undefined;

/** Tells the extension what the page shows: what the integration tests read. */
function report(): void {
  if (shownVersion === undefined) return;
  const style = getComputedStyle(document.body);
  const speaker = list.querySelector('.speaker');
  vscode.postMessage({
    type: 'rendered',
    version: shownVersion,
    elements: document.getElementsByTagName('*').length,
    turns: list.children.length,
    from,
    text: (list.firstElementChild?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
    colors: {
      background: style.backgroundColor,
      foreground: style.color,
      speaker: speaker ? getComputedStyle(speaker).color : '',
    },
  });
}

// VS Code changes the theme's classes on the body and its colours on the root element: report the new look.
new MutationObserver(report).observe(document.body, { attributes: true, attributeFilter: ['class'] });
new MutationObserver(report).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

/** Scrolls `line` to the top, or asks for its turns when they are not shown. */
function scrollToLine(line: number): void {
  for (const element of Array.from(list.children as HTMLCollectionOf<HTMLElement>)) {
    const start = Number(element.dataset.line);
    const end = Number(element.dataset.endLine ?? start);
    if (line > end) continue;
    if (line < start && element !== list.firstElementChild) break;
    const fraction = Math.max(0, line - start) / (end - start + 1);
    followingUntil = performance.now() + 300;
    window.scrollTo(0, window.scrollY + element.getBoundingClientRect().top + fraction * element.offsetHeight);
    return;
  }
  if (!asked) {
    asked = true;
    vscode.postMessage({ type: 'windowAtLine', line });
  }
}

let scrollPending = false;
window.addEventListener('scroll', () => {
  if (scrollPending) return;
  scrollPending = true;
  requestAnimationFrame(() => {
    scrollPending = false;
    const top = topTurn();
    if (!top || top.element.getBoundingClientRect().top > window.innerHeight) {
      // In a spacer, after a jump of the scroll bar: ask for the turns about where it landed.
      const offset = window.scrollY - before.offsetTop;
      const index = offset < 0 ? 0 : Math.floor(window.scrollY / estimate);
      if (performance.now() > followingUntil) reportWhenShown = true;
      requestWindow(Math.min(Math.max(0, index), Math.max(0, turnCount - 1)));
      return;
    }
    const index = Number(top.element.dataset.turn);
    const visible = Math.ceil(window.innerHeight / estimate);
    if ((index - from < MARGIN && from > 0) || (to - index < MARGIN + visible && to < turnCount)) requestWindow(index);
    if (performance.now() > followingUntil) reportTop();
  });
});

/** Tells the extension the line at the top of the view, for the editor to follow. */
function reportTop(): void {
  const top = topTurn();
  if (top) vscode.postMessage({ type: 'scrolled', line: lineOf(top.element, top.fraction) });
}

function requestWindow(index: number): void {
  if (asked) return;
  asked = true;
  vscode.postMessage({ type: 'window', from: Math.max(0, index - SPAN / 2), to: index + SPAN });
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest('a');
  if (!link) return;
  event.preventDefault();
  const href = link.getAttribute('href');
  if (href) vscode.postMessage({ type: 'link', href });
});

document.addEventListener('dblclick', (event) => {
  const target = event.target as Element | null;
  const turn = target?.closest<HTMLElement>('[data-line]');
  if (!turn) return;
  // A stage direction, fence or FILE block counts its line from the turn's speaker line.
  const part = target?.closest<HTMLElement>('[data-offset]');
  const offset = part && turn.contains(part) ? Number(part.dataset.offset) : 0;
  vscode.postMessage({ type: 'openLine', line: Number(turn.dataset.line) + offset });
});

window.addEventListener('message', (event: MessageEvent<ToPage>) => {
  const message = event.data;
  if (message.type === 'turns') show(message);
  else scrollToLine(message.line);
});

vscode.postMessage({ type: 'ready' });
