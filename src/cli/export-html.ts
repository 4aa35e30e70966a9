/** `transcript export --format html`: one transcript as a self-contained chat page, for reading or printing. */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ENGLISH_CHAT_LABELS, type ChatOptions } from '../core/chat-html';
import { renderChatPage } from '../core/chat-page';
import { ENGLISH } from '../core/messages-en';
import { parseTranscript } from '../core/parse';
import { complain, EXIT, type Io } from './io';
import { readInput } from './read';

export interface ExportHtmlOptions {
  readonly path: string;
  /** The file to write; standard output when undefined. */
  readonly out: string | undefined;
  /** Whether the FILE blocks start expanded, as a printed page wants them. */
  readonly expandFiles: boolean;
  /** What standard input is called: the page's title. */
  readonly stdinName: string;
  readonly maxBytes: number;
}

/**
 * The page holds every FILE block highlighted, however large: an export is made once and read many
 * times, where the preview cannot wait for a large block to be highlighted.
 */
const EXPORT_OPTIONS: ChatOptions = {
  labels: ENGLISH_CHAT_LABELS,
  messages: ENGLISH,
  remoteImages: false,
  highlightLimit: Infinity,
};

export async function runExportHtml(options: ExportHtmlOptions, io: Io): Promise<number> {
  // The page holds the document's text, control characters and all: a terminal would run their escapes.
  if (options.out === undefined && (io.stdout as NodeJS.WriteStream).isTTY === true) {
    complain(io, 'the page is HTML, not for a terminal: give --out <file> or redirect standard output');
    return EXIT.trouble;
  }
  const read = await readInput(options.path, io.stdin, options.maxBytes);
  const name = options.path === '-' ? options.stdinName : options.path;
  if (!read.ok) {
    complain(io, `${read.problem === 'skipped' ? 'not a transcript' : 'cannot read'}: ${name}: ${read.reason}`);
    return EXIT.trouble;
  }
  const html = renderChatPage(parseTranscript(read.text), {
    title: basename(name),
    options: options.expandFiles ? { ...EXPORT_OPTIONS, expandFiles: true } : EXPORT_OPTIONS,
    language: 'en',
  });
  if (options.out === undefined) {
    io.stdout.write(html);
    return EXIT.ok;
  }
  try {
    writeFileSync(options.out, html);
  } catch (error) {
    complain(io, `cannot write ${options.out}: ${(error as Error).message}`);
    return EXIT.trouble;
  }
  return EXIT.ok;
}
