/**
 * A transcript as a conversation: each turn's speaker and its text exactly, and back. Dataset formats
 * (`transcript export`, `transcript import`), token counts and message-level editing read turns
 * through here, so they agree on what a turn's text is.
 */
import { problems } from './diagnostics';
import type { FileBlock, Transcript, Turn } from './model';
import { parseTranscript } from './parse';
import { invalidLabelReason } from './rename';
import { isBlankRange, isCloser, isOpener, speakerTagEnd } from './syntax';

/**
 * What becomes of a FILE block in a turn's text: kept as written, turned into a Markdown fence whose
 * info string is the path, or left out with its lines.
 */
export type FileBlockMode = 'keep' | 'fence' | 'drop';

/**
 * One turn as a message: who speaks, and what they say.
 *
 * @example `[A]: hi\r\nthere\n\n` is `{ speaker: 'A', content: 'hi\nthere' }`.
 */
export interface Message {
  readonly speaker: string;
  readonly content: string;
}

/** A message with the 0-based line of the speaker line it came from. */
export interface ConversationTurn extends Message {
  readonly line: number;
}

const LF = 10;
const CR = 13;

/**
 * The text of a turn: from after the tag and its one conventional space to the end of the turn's last
 * non-blank line, every line end written as `\n`; empty when the turn has no text but white space.
 *
 * @example For `[A]:  two\n<<<FILE a\nx\nFILE>>>\n\n`, keep gives ` two\n<<<FILE a\nx\nFILE>>>`,
 * fence gives `` ` two\n```a\nx\n```` `` and drop gives ` two`.
 */
export function turnContent(model: Transcript, turn: Turn, files: FileBlockMode = 'keep'): string {
  const start = turn.firstLine.start;
  const end = model.lines.lineEnd(turn.lastTextLine);
  let text: string;
  if (files === 'keep' || turn.fileBlocks.length === 0) text = model.text.slice(start, end);
  else {
    const pieces: string[] = [];
    let at = start;
    for (const block of turn.fileBlocks) {
      if (block.span.start >= end) break;
      pieces.push(model.text.slice(at, block.span.start));
      at = block.span.end;
      if (files === 'fence') pieces.push(fenced(model, block));
      else at = afterLineBreak(model, at);
    }
    if (at < end) pieces.push(model.text.slice(at, end));
    text = pieces.join('');
  }
  return withoutTrailingBlankLines(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
}

/** Every turn as a message, in order. */
export function conversation(model: Transcript, files: FileBlockMode = 'keep'): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (const turn of model.turns)
    turns.push({ speaker: turn.speaker, content: turnContent(model, turn, files), line: turn.startLine });
  return turns;
}

/**
 * A FILE block as a Markdown fence: backticks, or tildes when the path has a backtick (which a backtick
 * fence's info string may not hold), one more than the longest run of them in the content, so no line of
 * it can close the fence.
 */
function fenced(model: Transcript, block: FileBlock): string {
  const raw = block.contentLines > 0 ? model.text.slice(block.content.start, block.content.end) : '';
  const content = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  const mark = block.path.includes('`') ? '~' : '`';
  let longest = 0;
  for (const run of content.match(mark === '`' ? /`+/g : /~+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = mark.repeat(Math.max(3, longest + 1));
  return content === '' && block.contentLines === 0
    ? `${fence}${block.path}\n${fence}`
    : `${fence}${block.path}\n${content}\n${fence}`;
}

/** The offset after the line break at `offset`, or `offset` when there is none. */
function afterLineBreak(model: Transcript, offset: number): number {
  const code = model.text.charCodeAt(offset);
  if (code === CR) return model.text.charCodeAt(offset + 1) === LF ? offset + 2 : offset + 1;
  return code === LF ? offset + 1 : offset;
}

/**
 * `text` without the blank lines at its end; empty when every line is blank.
 *
 * @example `withoutTrailingBlankLines('a  \n \n')` is `a  `.
 */
export function withoutTrailingBlankLines(text: string): string {
  let end = text.length;
  for (;;) {
    if (end === 0) return '';
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    if (!isBlankRange(text, lineStart, end)) return end === text.length ? text : text.slice(0, end);
    if (lineStart === 0) return '';
    end = lineStart - 1;
  }
}

/**
 * Why a message cannot be written as a turn whose text reads back exactly:
 * - `speaker`: the speaker is not a valid label (`detail` says why);
 * - `carriage-return`: a CR would be read as a line end, and come back as `\n`;
 * - `nul`: a NUL character makes the file binary;
 * - `lone-surrogate`: half of a UTF-16 surrogate pair has no UTF-8 form;
 * - `trailing-blank`: a turn's text ends at its last non-blank line, so trailing blank lines (or a text
 *   of white space only) would be lost;
 * - `speaker-line`: a line of the text (`line`, 0-based within it) starts with a speaker tag, and would
 *   start a turn;
 * - `file-marker`: a `<<<FILE` or `FILE>>>` line (`line`) that does not make a closed block inside the
 *   message: it would swallow later turns or be an error.
 */
export type UnrepresentableKind =
  'speaker' | 'carriage-return' | 'nul' | 'lone-surrogate' | 'trailing-blank' | 'speaker-line' | 'file-marker';

/**
 * A message that has no exact transcript form: its index among the messages, and why.
 *
 * @example `transcriptOfConversation([{ speaker: 'A', content: 'x\n[B]: y' }])` gives
 * `{ index: 0, kind: 'speaker-line', line: 1 }`.
 */
export interface Unrepresentable {
  readonly index: number;
  readonly kind: UnrepresentableKind;
  /** For `speaker-line` and `file-marker`: the 0-based line within the message's text. */
  readonly line?: number;
  /** For `speaker`: why the label is not one. */
  readonly detail?: string;
}

export type ConversationText =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Unrepresentable };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A line where a speaker tag or a FILE marker could start: only then can the text read back differently. */
const MAY_BE_STRUCTURE = /\n(?:\[|<<<FILE|FILE>>>)/;

/**
 * The transcript of a conversation: a turn per message, `[speaker]: text` with `\n` line ends, whose
 * `conversation` (keep mode) gives the messages back exactly and which has no error-severity problem;
 * or the first message for which no such text exists.
 *
 * @example `[{ speaker: 'A', content: 'hi' }, { speaker: 'B', content: '\nyo' }]` gives `[A]: hi\n[B]:\nyo\n`.
 */
export function transcriptOfConversation(messages: readonly Message[]): ConversationText {
  const lines: string[] = [];
  let mayBeStructure = false;
  for (let index = 0; index < messages.length; index++) {
    const { speaker, content } = messages[index]!;
    const problem = plainProblem(speaker, content);
    if (problem) return { ok: false, problem: { index, ...problem } };
    if (!mayBeStructure && MAY_BE_STRUCTURE.test(content)) mayBeStructure = true;
    lines.push(content === '' || content.charCodeAt(0) === LF ? `[${speaker}]:${content}` : `[${speaker}]: ${content}`);
  }
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  if (!mayBeStructure) return { ok: true, text };
  const structural = structuralProblem(messages, text);
  return structural ? { ok: false, problem: structural } : { ok: true, text };
}

function plainProblem(speaker: string, content: string): Omit<Unrepresentable, 'index'> | undefined {
  const invalid = invalidLabelReason(speaker);
  if (invalid) return { kind: 'speaker', detail: invalid };
  if (content.includes('\r')) return { kind: 'carriage-return' };
  if (content.includes('\0')) return { kind: 'nul' };
  if (LONE_SURROGATE.test(content)) return { kind: 'lone-surrogate' };
  if (content !== '' && withoutTrailingBlankLines(content).length !== content.length) return { kind: 'trailing-blank' };
  return undefined;
}

/**
 * Parses the text and compares: the one way to be sure it reads back as the messages, whatever fences
 * and blocks do. Paid only for conversations with a line that may start a tag or a marker.
 */
function structuralProblem(messages: readonly Message[], text: string): Unrepresentable | undefined {
  const model = parseTranscript(text);
  const back = conversation(model);
  const firstLines: number[] = [];
  let line = 0;
  for (const message of messages) {
    firstLines.push(line);
    line += lineCount(message.content);
  }
  const messageAtLine = (at: number): number => {
    let index = 0;
    while (index + 1 < firstLines.length && firstLines[index + 1]! <= at) index++;
    return index;
  };
  for (let index = 0; index < messages.length; index++) {
    const turn = back[index];
    if (turn && turn.line === firstLines[index] && turn.content === messages[index]!.content) continue;
    return culprit(messages, index);
  }
  for (const problem of problems(model)) {
    if (problem.severity !== 'error') continue;
    const at = model.lines.lineAt(problem.span.start);
    const index = messageAtLine(at);
    return { index, kind: 'file-marker', line: at - firstLines[index]! };
  }
  return undefined;
}

/**
 * The line of message `index` that makes it read back differently: the first speaker line, stray closer
 * or opener without a closer in the message, outside the blocks that do close in it.
 */
function culprit(messages: readonly Message[], index: number): Unrepresentable {
  const lines = messages[index]!.content.split('\n');
  const isMarker = (text: string, marker: typeof isOpener): boolean => marker(text, 0, text.length);
  for (let line = 1; line < lines.length; line++) {
    const text = lines[line]!;
    if (speakerTagEnd(text, 0, text.length) !== -1) return { index, kind: 'speaker-line', line };
    if (isMarker(text, isCloser)) return { index, kind: 'file-marker', line };
    if (!isMarker(text, isOpener)) continue;
    const closer = lines.findIndex((later, at) => at > line && isMarker(later, isCloser));
    if (closer === -1) return { index, kind: 'file-marker', line };
    line = closer;
  }
  return { index, kind: 'file-marker', line: 0 };
}

function lineCount(content: string): number {
  let count = 1;
  for (let at = content.indexOf('\n'); at !== -1; at = content.indexOf('\n', at + 1)) count++;
  return count;
}
