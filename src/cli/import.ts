/** `transcript import`: OpenAI or ShareGPT conversations (JSON lines or a JSON array) as transcripts. */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  transcriptOfConversation,
  withoutTrailingBlankLines,
  type Message,
  type Unrepresentable,
} from '../core/conversation';
import { formatCount, plural } from '../core/format';
import { readConversation, type DatasetFormat } from '../core/dataset';
import { collisionKey, refusalReasons } from './extract-paths';
import { complain, EXIT, STDIN, type Io } from './io';
import { describeFsError, readInput } from './read';
import { writeFileSafely } from './write-file';

export interface ImportOptions {
  /** A `.jsonl` or `.json` file, or `-`. */
  readonly input: string;
  readonly out: string;
  /** Read as this format instead of by each conversation's shape. */
  readonly format: DatasetFormat | undefined;
  /** The speaker of each role (OpenAI `role`, or ShareGPT `from` once `human` and `gpt` are named `user` and `assistant`). */
  readonly speakers: ReadonlyMap<string, string>;
  /** Line ends written as `\n` and blank lines at the end of messages dropped, instead of refusing such messages. */
  readonly normalize: boolean;
  readonly force: boolean;
  readonly stdinName: string;
  readonly maxBytes: number;
}

/** One conversation of the input: a JSON line, or an element of a JSON array. */
interface Entry {
  /** `line 3` or `item 3`, for messages. */
  readonly where: string;
  /** The file name when the conversation has no usable id: `line-3`, `item-3`. */
  readonly fallbackName: string;
  readonly value: unknown;
}

interface Tally {
  written: number;
  refused: number;
  skippedParts: number;
  malformed: number;
}

/**
 * Writes a transcript per conversation into `out`. Returns 0 when everything was imported, 1 when a line
 * was malformed, a conversation refused or a part of one skipped, 2 when the input could not be read or
 * `out` is not a folder.
 */
export async function runImport(options: ImportOptions, io: Io): Promise<number> {
  const name = options.input === STDIN ? options.stdinName : options.input;
  const read = await readInput(options.input, io.stdin, options.maxBytes);
  if (!read.ok) {
    complain(io, `${read.problem === 'skipped' ? 'not a text file' : 'cannot read'}: ${name}: ${read.reason}`);
    return EXIT.trouble;
  }
  try {
    mkdirSync(options.out, { recursive: true });
    if (!statSync(options.out).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (error) {
    complain(io, `cannot write to ${options.out}: ${describeFsError(error)}`);
    return EXIT.trouble;
  }
  const tally: Tally = { written: 0, refused: 0, skippedParts: 0, malformed: 0 };
  const names = new Map<string, string>();
  const entries = entriesOf(name, read.text, (where, reason) => {
    complain(io, `${where}: ${reason}`);
    tally.malformed++;
  });
  for (const entry of entries) importEntry(entry, options, io, names, tally);
  const parts = [`${plural(tally.written, 'transcript')} written`];
  if (tally.refused) parts.push(`${formatCount(tally.refused)} refused`);
  if (tally.malformed) parts.push(`${plural(tally.malformed, 'malformed line')}`);
  if (tally.skippedParts) parts.push(`${plural(tally.skippedParts, 'part')} skipped`);
  io.stdout.write(`${parts.join(', ')}.\n`);
  return tally.refused || tally.malformed || tally.skippedParts ? EXIT.problems : EXIT.ok;
}

/**
 * The conversations of the input: a JSON document (a `.json` file, or text starting with `[`), whose
 * array elements or one object are the conversations, or else JSON lines, blank lines ignored.
 */
function* entriesOf(name: string, text: string, malformed: (where: string, reason: string) => void): Generator<Entry> {
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
 * comes first). Pure, so the round trips with `export` can be tested on it directly.
 */
export function importConversation(
  value: unknown,
  options: Pick<ImportOptions, 'format' | 'speakers' | 'normalize'>,
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

function importEntry(entry: Entry, options: ImportOptions, io: Io, names: Map<string, string>, tally: Tally): void {
  const imported = importConversation(entry.value, options);
  if ('malformed' in imported) {
    complain(io, `${entry.where}: ${imported.malformed}`);
    tally.malformed++;
    return;
  }
  for (const part of imported.skipped) complain(io, `${entry.where}: skipped ${part}`);
  tally.skippedParts += imported.skipped.length;
  if (!imported.ok) {
    complain(io, `${entry.where}: refused: ${imported.reason}`);
    tally.refused++;
    return;
  }
  const file = fileName(imported.id, entry.fallbackName);
  if (file.unsafe)
    complain(
      io,
      `${entry.where}: the id \`${imported.id}\` is not a safe file name (${file.unsafe}); writing ${file.name}`,
    );
  const key = collisionKey(file.name);
  const taken = names.get(key);
  if (taken !== undefined) {
    complain(io, `${entry.where}: refused: ${file.name} is written from ${taken} already`);
    tally.refused++;
    return;
  }
  names.set(key, entry.where);
  const path = join(options.out, file.name);
  try {
    if (writeFileSafely(path, imported.text, { replace: options.force }) === 'exists') {
      complain(io, `${entry.where}: refused: ${path} exists (--force replaces it)`);
      tally.refused++;
      return;
    }
  } catch (error) {
    complain(io, `${entry.where}: cannot write ${path}: ${describeFsError(error)}`);
    tally.refused++;
    return;
  }
  tally.written++;
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
  if (Buffer.byteLength(name) > NAME_BYTES) reasons.push(`longer than ${NAME_BYTES} bytes`);
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
