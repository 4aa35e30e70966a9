/**
 * OpenAI or ShareGPT conversations (JSON lines or a JSON array) as transcripts, a file each: what
 * `transcript import` writes and what the editor's Import Conversations command asks the server for,
 * so the two name, refuse and skip alike. Nothing is written here.
 */
import {
  transcriptOfConversation,
  withoutTrailingBlankLines,
  type Message,
  type Unrepresentable,
} from './conversation';
import { readConversation, type DatasetFormat } from './dataset';
import { nameKey, refusalReasons } from './file-names';

export interface ImportSettings {
  /** Read as this format instead of by each conversation's shape. */
  readonly format: DatasetFormat | undefined;
  /** The speaker of each role (OpenAI `role`, or ShareGPT `from` once `human` and `gpt` are named `user` and `assistant`). */
  readonly speakers: ReadonlyMap<string, string>;
  /** Line ends written as `\n` and blank lines at the end of messages dropped, instead of refusing such messages. */
  readonly normalize: boolean;
}

/**
 * What importing does, in the order of the input: a line to report (`where: what`), or a transcript to
 * write as `name` (one segment, unique among the plan's names on a case-insensitive file system).
 */
export type ImportStep =
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'write'; readonly where: string; readonly name: string; readonly text: string };

/** The steps, with what the notes count: conversations refused, lines malformed, parts skipped. */
export interface ImportPlan {
  readonly steps: readonly ImportStep[];
  readonly refused: number;
  readonly malformed: number;
  readonly skippedParts: number;
}

/** The transcripts of the input called `name` (a `.json` name reads it as one JSON document), and what was left out. */
export function planImport(name: string, text: string, settings: ImportSettings): ImportPlan {
  const steps: ImportStep[] = [];
  const note = (text: string) => steps.push({ kind: 'note', text });
  let refused = 0;
  let malformed = 0;
  let skippedParts = 0;
  const names = new Map<string, string>();
  for (const entry of entriesOf(name, text, (where, reason) => {
    note(`${where}: ${reason}`);
    malformed++;
  })) {
    const imported = importConversation(entry.value, settings);
    if ('malformed' in imported) {
      note(`${entry.where}: ${imported.malformed}`);
      malformed++;
      continue;
    }
    for (const part of imported.skipped) note(`${entry.where}: skipped ${part}`);
    skippedParts += imported.skipped.length;
    if (!imported.ok) {
      note(`${entry.where}: refused: ${imported.reason}`);
      refused++;
      continue;
    }
    const file = fileName(imported.id, entry.fallbackName);
    if (file.unsafe)
      note(`${entry.where}: the id \`${imported.id}\` is not a safe file name (${file.unsafe}); writing ${file.name}`);
    const key = nameKey(file.name);
    const taken = names.get(key);
    if (taken !== undefined) {
      note(`${entry.where}: refused: ${file.name} is written from ${taken} already`);
      refused++;
      continue;
    }
    names.set(key, entry.where);
    steps.push({ kind: 'write', where: entry.where, name: file.name, text: imported.text });
  }
  return { steps, refused, malformed, skippedParts };
}

/** One conversation of the input: a JSON line, or an element of a JSON array. */
export interface Entry {
  /** `line 3` or `item 3`, for messages. */
  readonly where: string;
  /** The file name when the conversation has no usable id: `line-3`, `item-3`. */
  readonly fallbackName: string;
  readonly value: unknown;
}

/**
 * The conversations of the input: a JSON document (a `.json` file, or text starting with `[`), whose
 * array elements or one object are the conversations, or else JSON lines, blank lines ignored.
 */
export function* entriesOf(
  name: string,
  text: string,
  malformed: (where: string, reason: string) => void,
): Generator<Entry> {
  const document = /\.json$/i.test(name) || (!/\.jsonl$/i.test(name) && /^\s*\[/.test(text));
  if (document) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      malformed(name, `not JSON: ${(error as Error).message}`);
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    for (let index = 0; index < items.length; index++)
      yield { where: `${name}: item ${index + 1}`, fallbackName: `item-${index + 1}`, value: items[index] };
    return;
  }
  let number = 0;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    number++;
    const line = text.slice(start, end);
    start = end + 1;
    if (/^\s*$/.test(line)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      malformed(`${name}:${number}`, `not JSON: ${(error as Error).message}`);
      continue;
    }
    yield { where: `${name}:${number}`, fallbackName: `line-${number}`, value };
  }
}

/** A conversation read and written as a transcript, or why it was not; `skipped` lists parts left out. */
export type ImportedConversation =
  | { readonly ok: false; readonly skipped: readonly string[]; readonly reason: string }
  | { readonly ok: true; readonly skipped: readonly string[]; readonly id: string | undefined; readonly text: string };

/**
 * The transcript of one parsed JSON value, speakers named from `speakers` by role (a message's `name`
 * comes first).
 */
export function importConversation(
  value: unknown,
  options: ImportSettings,
): ImportedConversation | { readonly malformed: string } {
  const read = readConversation(value, options.format);
  if ('error' in read) return { malformed: read.error };
  const skipped = [...read.skipped];
  const messages: Message[] = [];
  const places: string[] = [];
  for (const message of read.messages) {
    const speaker = message.name ?? options.speakers.get(message.role);
    if (speaker === undefined) {
      skipped.push(
        `${message.where}: its role \`${message.role}\` has no speaker (--speaker '${message.role}=NAME' gives it one)`,
      );
      continue;
    }
    messages.push({ speaker, content: options.normalize ? normalized(message.content) : message.content });
    places.push(message.where);
  }
  const transcript = transcriptOfConversation(messages);
  if (transcript.ok) return { ok: true, skipped, id: read.id, text: transcript.text };
  const { index } = transcript.problem;
  return {
    ok: false,
    skipped,
    reason: `${places[index]} (${messages[index]!.speaker}) ${unrepresentableReason(transcript.problem, options.normalize)}`,
  };
}

const NAME_BYTES = 255;
const EXTENSION = '.transcript';

/**
 * `<id>.transcript` when the id makes a safe name of one segment (what `extract` would write, no
 * separator, short enough for a file system), the fallback name otherwise, with the reason.
 */
export function fileName(id: string | undefined, fallback: string): { name: string; unsafe?: string } {
  if (id === undefined) return { name: `${fallback}${EXTENSION}` };
  const name = `${id}${EXTENSION}`;
  const reasons = refusalReasons(id === '' ? '' : name);
  if (/[\\/]/.test(id)) reasons.unshift('a path separator');
  if (new TextEncoder().encode(name).length > NAME_BYTES) reasons.push(`longer than ${NAME_BYTES} bytes`);
  return reasons.length ? { name: `${fallback}${EXTENSION}`, unsafe: [...new Set(reasons)].join('; ') } : { name };
}

/** A message's text with `\n` line ends and no blank lines or white space at its end. */
function normalized(content: string): string {
  return withoutTrailingBlankLines(content.includes('\r') ? content.replace(/\r\n?/g, '\n') : content);
}

function unrepresentableReason(problem: Unrepresentable, normalize: boolean): string {
  const line = `its line ${(problem.line ?? 0) + 1}`;
  const normalizeHint = normalize ? '' : ' (--normalize writes line ends as \\n and drops blank ends)';
  switch (problem.kind) {
    case 'speaker':
      return `has a speaker that is not a speaker label: ${problem.detail}`;
    case 'carriage-return':
      return `has a carriage return, which a transcript reads as a line end${normalizeHint}`;
    case 'nul':
      return 'has a NUL character, which would make the file binary';
    case 'lone-surrogate':
      return 'has half of a UTF-16 surrogate pair, which has no UTF-8 form';
    case 'trailing-blank':
      return `ends in a blank line or in white space, where a turn's text never ends${normalizeHint}`;
    case 'speaker-line':
      return `cannot be written exactly: ${line} starts with a speaker tag and would start a turn`;
    case 'file-marker':
      return `cannot be written exactly: ${line} is a FILE marker that makes no closed block within the message`;
  }
}
