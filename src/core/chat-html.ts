/**
 * Turns as chat messages in HTML, for the preview beside the editor and the HTML export: the speaker's
 * name above a bubble in the speaker's colour (both sides of a two-party chat on their own side), the
 * text as CommonMark, stage directions as notes, code fences and FILE blocks highlighted, and the
 * problems of the turn under it. Every string from the document is escaped; markdown's raw HTML is shown
 * as text and links go only to web pages, mail addresses and relative addresses.
 *
 * Each turn's body is kept per turn memo (shared by a turn and its copies moved by an edit elsewhere,
 * whose text is unchanged), so that after an edit only the turns it touched are rendered again; the
 * body holds no line of the document, only lines counted from its speaker line, so a moved copy can reuse it.
 */
import MarkdownIt from 'markdown-it';
import { problemsOfSections } from './diagnostics';
import { highlightCode, languageForInfo, languageForPath } from './highlight';
import { escapeHtml, isRemote, isSafeImage, isSafeLink } from './html';
import { languageOfPath } from './languages';
import { speakerTurns } from './sections';
import { type MessageTable, problemMessage, wantsChinese } from './messages';
import type { Fence, FileBlock, Problem, Section, Severity, Transcript, Turn, TurnMemo } from './model';

/** The renderer's own words, in the reader's language. */
export interface ChatLabels {
  /** `12 lines`, of a FILE block. */
  readonly lines: (count: number) => string;
  /** Shown for a FILE block whose opener has no path. */
  readonly noPath: string;
  /** Shown on a FILE block that was never closed. */
  readonly unclosed: string;
  /** Shown instead of a picture from another machine when those are not loaded. */
  readonly remoteImage: (alt: string) => string;
  readonly severities: Readonly<Record<Severity, string>>;
}

export const ENGLISH_CHAT_LABELS: ChatLabels = {
  lines: (count) => `${count} line${count === 1 ? '' : 's'}`,
  noPath: '(no path)',
  unclosed: 'not closed',
  remoteImage: (alt) => (alt ? `Image: ${alt}` : 'Image'),
  severities: { error: 'Error', warning: 'Warning', information: 'Info', hint: 'Hint' },
};

export const CHINESE_CHAT_LABELS: ChatLabels = {
  lines: (count) => `${count} 行`,
  noPath: '（无路径）',
  unclosed: '未关闭',
  remoteImage: (alt) => (alt ? `图片：${alt}` : '图片'),
  severities: { error: '错误', warning: '警告', information: '信息', hint: '提示' },
};

/** The labels for a locale: Simplified Chinese for `zh*`, as the messages are chosen, else English. */
export function chatLabelsFor(locale: string | undefined): ChatLabels {
  return wantsChinese(locale) ? CHINESE_CHAT_LABELS : ENGLISH_CHAT_LABELS;
}

/**
 * How turns are rendered. Keep one object per combination and pass the same one again: rendered turns
 * are reused only for the options object they were rendered with.
 */
export interface ChatOptions {
  readonly labels: ChatLabels;
  /** The problems' messages. */
  readonly messages: MessageTable;
  /** Whether pictures from other machines are shown; otherwise each is a link to it. */
  readonly remoteImages: boolean;
  /** Code longer than this (UTF-16 code units) is shown without highlighting. */
  readonly highlightLimit?: number;
  /** Whether FILE blocks start expanded (the export's printable page) or collapsed. */
  readonly expandFiles?: boolean;
}

/**
 * One turn as HTML: an `<article>` whose place in the document is kept apart from it, so that a turn
 * moved by an edit above it has the same `html` and a preview need not be sent it again. Inside it, the
 * stage directions, fences and FILE blocks carry `data-offset`, their first line counted from the
 * speaker line. `turnArticle` puts the place in.
 */
export interface RenderedTurn {
  readonly index: number;
  /** 0-based line of the speaker tag. */
  readonly line: number;
  readonly endLine: number;
  readonly html: string;
}

const ARTICLE_OPEN = /^<article class="[^"]*"/;

/**
 * The turn's article with its place in the document: its first and last line and its index, for scroll sync.
 *
 * @example `turnArticle({ index: 2, line: 5, endLine: 6, html: '<article class="turn speaker-0">…</article>' })`
 * is `<article class="turn speaker-0" data-line="5" data-end-line="6" data-turn="2">…</article>`.
 */
export function turnArticle(turn: RenderedTurn): string {
  return turn.html.replace(
    ARTICLE_OPEN,
    (open) => `${open} data-line="${turn.line}" data-end-line="${turn.endLine}" data-turn="${turn.index}"`,
  );
}

/**
 * The whole document's part in how a turn looks: each speaker's colour (by first appearance, as the
 * editor colours the labels) and whether the chat has exactly two speakers.
 */
export interface ChatLayout {
  /** Palette index (0 to 9) of each speaker. */
  readonly colors: ReadonlyMap<string, number>;
  readonly twoParty: boolean;
  readonly turnCount: number;
}

/** The number of speaker colours; the editor's palette has as many (`SPEAKER_PALETTE`). */
export const SPEAKER_COLOR_COUNT = 10;

const layouts = new WeakMap<Transcript, ChatLayout>();
const bodies = new WeakMap<TurnMemo, { readonly options: ChatOptions; readonly html: string }>();
const markdowns = new WeakMap<ChatOptions, MarkdownIt>();

/**
 * The speakers' colours and sides for `model`, read once per model.
 *
 * @example For `[A]: hi\n[B]: yo\n[A]: ok`, A is colour 0 on the left, B colour 1 on the right: `twoParty` is true.
 */
export function chatLayout(model: Transcript): ChatLayout {
  const known = layouts.get(model);
  if (known) return known;
  const colors = new Map<string, number>();
  for (const speaker of speakerTurns(model).keys()) colors.set(speaker, colors.size % SPEAKER_COLOR_COUNT);
  const layout = { colors, twoParty: colors.size === 2, turnCount: model.turns.count };
  layouts.set(model, layout);
  return layout;
}

/**
 * The turns `from` (inclusive) to `to` (exclusive), by 0-based index, as HTML.
 *
 * @example `renderTurns(parseTranscript('[A]: *hi*'), 0, 1, options)[0].html` holds
 * `<article class="turn speaker-0">` and `<em>hi</em>`.
 */
export function renderTurns(model: Transcript, from: number, to: number, options: ChatOptions): RenderedTurn[] {
  const layout = chatLayout(model);
  const turns: Turn[] = [];
  for (const turn of model.turns.from(from)) {
    if (turn.index >= to) break;
    turns.push(turn);
  }
  // The problems of the turns shown only: a window of a long transcript reads no other turn's.
  const all = turns.length > 0 ? problemsOfSections(model, turns) : [];
  const rendered: RenderedTurn[] = [];
  for (const turn of turns) {
    rendered.push({
      index: turn.index,
      line: turn.startLine,
      endLine: turn.endLine,
      html: turnHtml(model, turn, layout, problemsIn(all, turn), options),
    });
  }
  return rendered;
}

/** Which turns a preview asks for: a range by index, or the turns around the one holding a line. */
export type TurnRequest =
  | { readonly from: number; readonly to: number }
  | { readonly line: number; readonly before: number; readonly after: number };

/** What a preview shows at a time: some turns, and what it needs to place them among the others. */
export interface TurnWindow {
  readonly turnCount: number;
  readonly twoParty: boolean;
  /** The index of the first turn rendered (where `turns` starts). */
  readonly from: number;
  readonly turns: readonly RenderedTurn[];
  /** For a request by line, the index of the turn holding it (the first for the text before it, the last past the end). */
  readonly anchor: number | undefined;
}

/** The most turns one request renders, so that no request for a huge range makes a huge answer. */
export const MAX_WINDOW_TURNS = 400;

/**
 * The turns a preview asks for, at most `MAX_WINDOW_TURNS`.
 *
 * @example `turnWindow(model, { line: 40, before: 2, after: 3 }, options)` renders the turn holding
 * line 40, the 2 before it and the 2 after it.
 */
export function turnWindow(model: Transcript, request: TurnRequest, options: ChatOptions): TurnWindow {
  const { turnCount, twoParty } = chatLayout(model);
  let anchor: number | undefined;
  let from: number;
  let to: number;
  if ('line' in request) {
    // A line no turn holds is in the text before the first turn, or past the end.
    const preambleEnd = model.preamble?.endLine ?? -1;
    anchor = model.turns.atLine(request.line)?.index ?? (request.line <= preambleEnd ? 0 : Math.max(0, turnCount - 1));
    from = anchor - Math.max(0, request.before);
    to = anchor + Math.max(1, request.after);
  } else ({ from, to } = request);
  from = Math.max(0, Math.min(from, turnCount));
  to = Math.max(from, Math.min(to, turnCount, from + MAX_WINDOW_TURNS));
  return { turnCount, twoParty, from, turns: renderTurns(model, from, to, options), anchor };
}

/** The text before the first turn, if it holds anything, with its problems: the start of an exported page. */
export function renderPreamble(model: Transcript, options: ChatOptions): string {
  const preamble = model.preamble;
  if (!preamble || model.text.slice(preamble.span.start, preamble.span.end).trim() === '') return '';
  const body = sectionBody(model, preamble, preamble.span.start, options);
  return (
    `<section class="preamble" data-line="${preamble.startLine}">${body}` +
    `${problemList(problemsOfSections(model, [preamble]), options)}</section>`
  );
}

function turnHtml(
  model: Transcript,
  turn: Turn,
  layout: ChatLayout,
  own: readonly Problem[],
  options: ChatOptions,
): string {
  const color = layout.colors.get(turn.speaker) ?? 0;
  const side = layout.twoParty ? (color === 0 ? ' side-left' : ' side-right') : '';
  let body = bodies.get(turn.memo);
  if (body?.options !== options) {
    body = { options, html: sectionBody(model, turn, turn.firstLine.start, options) };
    bodies.set(turn.memo, body);
  }
  return (
    `<article class="turn speaker-${color}${side}">` +
    `<header class="speaker">${escapeHtml(turn.speaker)}</header>` +
    `<div class="bubble">${body.html}</div>${problemList(own, options)}</article>`
  );
}

/** The problems that start inside `section`, found by binary search in the document's sorted list. */
function problemsIn(all: readonly Problem[], section: Section): Problem[] {
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (all[mid]!.span.start < section.span.start) low = mid + 1;
    else high = mid;
  }
  const own: Problem[] = [];
  for (let i = low; i < all.length && all[i]!.span.start <= section.span.end; i++) own.push(all[i]!);
  return own;
}

function problemList(own: readonly Problem[], options: ChatOptions): string {
  if (own.length === 0) return '';
  const items = own.map(
    (problem) =>
      `<li class="problem ${problem.severity}"><span class="severity">${escapeHtml(options.labels.severities[problem.severity])}</span> ` +
      `${escapeHtml(problemMessage(options.messages, problem))} <code class="code">${escapeHtml(problem.code)}</code></li>`,
  );
  return `<ul class="problems">${items.join('')}</ul>`;
}

/** A line that is one parenthetical, `(…)` or `（…）`: a stage direction (docs/grammar.md). */
const STAGE_DIRECTION = /^[ \t]*(?:\(.*\)|（.*）)[ \t]*$/;

/**
 * The section's lines from `start` on as HTML: prose through markdown, stage directions as notes,
 * fences and FILE blocks as the model found them (not as markdown would), so the page shows the
 * structure the editor shows. Each of those carries its line counted from the section's first.
 */
function sectionBody(model: Transcript, section: Section, start: number, options: ChatOptions): string {
  const { text, lines } = model;
  const blocks: Array<FileBlock | Fence> = [...section.fileBlocks, ...section.fences].sort(
    (a, b) => a.startLine - b.startLine,
  );
  const parts: string[] = [];
  let prose: string[] = [];
  const flush = (): void => {
    const markdown = prose.join('\n');
    if (markdown.trim() !== '') parts.push(markdownOf(options).render(markdown));
    prose = [];
  };
  let next = 0;
  for (let line = section.startLine; line <= section.endLine; line++) {
    const block = blocks[next];
    if (block && block.startLine === line) {
      flush();
      const offset = line - section.startLine;
      parts.push('path' in block ? fileCard(model, block, offset, options) : fenceHtml(model, block, offset, options));
      line = block.endLine;
      next++;
      continue;
    }
    const content = text.slice(line === section.startLine ? start : lines.lineStart(line), lines.lineEnd(line));
    if (STAGE_DIRECTION.test(content)) {
      flush();
      parts.push(`<p class="stage" data-offset="${line - section.startLine}">${escapeHtml(content.trim())}</p>`);
    } else prose.push(content);
  }
  flush();
  return parts.join('');
}

function fenceHtml(model: Transcript, fence: Fence, offset: number, options: ChatOptions): string {
  const { text, lines } = model;
  const code =
    fence.codeLines === 0
      ? ''
      : text.slice(lines.lineStart(fence.startLine + 1), lines.lineEnd(fence.startLine + fence.codeLines));
  const language = languageForInfo(fence.info);
  const html = highlightCode(code.replace(/\r\n?/g, '\n'), language, options.highlightLimit);
  const languageClass = language ? ` language-${language}` : '';
  return `<pre class="fence" data-offset="${offset}"><code class="hljs${languageClass}">${html}</code></pre>`;
}

function fileCard(model: Transcript, block: FileBlock, offset: number, options: ChatOptions): string {
  const { labels } = options;
  const content = model.text.slice(block.content.start, block.content.end).replace(/\r\n?/g, '\n');
  const language = languageForPath(block.path);
  const html = highlightCode(content, language, options.highlightLimit);
  const name = languageOfPath(block.path);
  const summary = [
    `<span class="path">${escapeHtml(block.path || labels.noPath)}</span>`,
    name ? `<span class="language">${escapeHtml(name)}</span>` : '',
    `<span class="lines">${escapeHtml(labels.lines(block.contentLines))}</span>`,
    block.closer ? '' : `<span class="unclosed">${escapeHtml(labels.unclosed)}</span>`,
  ].join('');
  const languageClass = language ? ` language-${language}` : '';
  return (
    `<details class="file" data-offset="${offset}"${options.expandFiles ? ' open' : ''}><summary>${summary}</summary>` +
    `<pre><code class="hljs${languageClass}">${html}</code></pre></details>`
  );
}

/** The markdown renderer for `options`: CommonMark, raw HTML shown as text, links and pictures checked. */
function markdownOf(options: ChatOptions): MarkdownIt {
  const known = markdowns.get(options);
  if (known) return known;
  // Line breaks are kept: in a chat a new line is a new line, not a space.
  const md = new MarkdownIt('commonmark', { html: false, breaks: true });
  md.options.highlight = (code, info) => highlightCode(code, languageForInfo(info), options.highlightLimit);
  // markdown-it refuses only javascript:, vbscript:, file: and most data: addresses; the page wants fewer.
  md.validateLink = (url) => isSafeImage(url);
  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules.link_open = (tokens, index, renderOptions) => {
    const token = tokens[index]!;
    const href = token.attrGet('href');
    // Pictures pass the link check; as a link target an inline picture is refused.
    if (href !== null && !isSafeLink(href)) token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'href');
    return renderToken(tokens, index, renderOptions);
  };
  const renderImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, renderOptions, env, self) => {
    const token = tokens[index]!;
    const src = token.attrGet('src') ?? '';
    if (options.remoteImages || !isRemote(src)) return renderImage(tokens, index, renderOptions, env, self);
    const alt = self.renderInlineAsText(token.children ?? [], renderOptions, env);
    const href = /^https?:/i.test(src) ? ` href="${escapeHtml(src)}"` : '';
    return `<a class="remote-image"${href}>${escapeHtml(options.labels.remoteImage(alt))}</a>`;
  };
  markdowns.set(options, md);
  return md;
}
