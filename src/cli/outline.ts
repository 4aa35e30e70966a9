/** `transcript outline`: the editor's outline of transcripts, as tables or JSON. */
import { statSync } from 'node:fs';
import { plural } from '../core/format';
import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { documentSymbols } from '../core/symbols';
import { turnWords } from '../core/words';
import { renderTable } from './format-table';
import { isTranscriptFile } from '../core/transcript-files';
import type { DiscoveryOptions } from './files';
import { complain, EXIT, STDIN, type Io } from './io';
import { printable } from './printable';
import { readInput, readStandardInput, readTranscriptFile } from './read';
import { discoverInputs } from './run-files';

export interface OutlineOptions extends DiscoveryOptions {
  readonly paths: readonly string[];
  readonly json: boolean;
  /** `--speaker`: only these speakers' turns; every turn when undefined. */
  readonly speakers?: readonly string[] | undefined;
  /** What standard input is called in output. */
  readonly stdinName: string;
  /** The largest file read (`--max-size`). */
  readonly maxBytes: number;
}

/** 1-based first and last line of something in the transcript. */
interface Lines {
  readonly line: number;
  readonly endLine: number;
}

export interface OutlineTurn extends Lines {
  /** 1-based position among the turns. */
  readonly number: number;
  readonly speaker: string;
  /** The turn's first words, as the editor's outline names the turn. */
  readonly firstWords: string;
  readonly words: number;
  readonly cjk: number;
  readonly other: number;
  readonly files: readonly (Lines & { readonly path: string; readonly lines: number; readonly closed: boolean })[];
  readonly fences: readonly (Lines & { readonly info: string; readonly lines: number; readonly closed: boolean })[];
}

/**
 * One file (or standard input) prints its table, or `{ path, turns }` in JSON; several files or a folder
 * print a table per transcript under its path, or `{ files: [{ path, turns }], skipped: [...] }`.
 */
export async function runOutline(options: OutlineOptions, io: Io): Promise<number> {
  const [only] = options.paths;
  if (options.paths.length === 1 && (only === STDIN || !isFolder(only!))) return outlineOne(only!, options, io);
  const discovery = discoverInputs(options, io);
  if (!discovery) return EXIT.trouble;
  const files: { path: string; turns: OutlineTurn[] }[] = [];
  const skipped: { path: string; status: 'skipped' | 'failed'; reason: string }[] = discovery.failures.map(
    (failure) => ({ ...failure, status: 'failed' }),
  );
  const inputs = discovery.stdin ? [...discovery.files, STDIN] : discovery.files;
  for (const path of inputs) {
    const read =
      path === STDIN ? await readStandardInput(io.stdin, options.maxBytes) : readTranscriptFile(path, options.maxBytes);
    const name = path === STDIN ? options.stdinName : path;
    if (read.ok && discovery.searched.has(path) && !isTranscriptFile(path, read.text)) continue;
    if (!read.ok) {
      complain(io, `${read.problem === 'skipped' ? 'skipped' : 'cannot read'} ${name}: ${read.reason}`);
      skipped.push({ path: name, status: read.problem, reason: read.reason });
      continue;
    }
    files.push({ path: name, turns: outlineTurns(parseTranscript(read.text), options.speakers) });
  }
  io.stdout.write(
    options.json
      ? `${JSON.stringify({ files, skipped }, null, 2)}\n`
      : files.map((file) => `${printable(file.path)}\n${outlineTable(file.turns)}`).join('\n'),
  );
  return skipped.some((file) => file.status === 'failed') ? EXIT.trouble : EXIT.ok;
}

async function outlineOne(path: string, options: OutlineOptions, io: Io): Promise<number> {
  const read = await readInput(path, io.stdin, options.maxBytes);
  const name = path === STDIN ? options.stdinName : path;
  if (!read.ok) {
    complain(io, `${read.problem === 'skipped' ? 'not a transcript' : 'cannot read'}: ${name}: ${read.reason}`);
    return EXIT.trouble;
  }
  const turns = outlineTurns(parseTranscript(read.text), options.speakers);
  io.stdout.write(options.json ? `${JSON.stringify({ path: name, turns }, null, 2)}\n` : outlineTable(turns));
  return EXIT.ok;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The turns as the outline shows them (only those of `speakers` when given, numbered as in the whole
 * transcript); the names come from the same `documentSymbols` the editor calls.
 */
export function outlineTurns(model: Transcript, speakers?: readonly string[]): OutlineTurn[] {
  const symbols = documentSymbols(model);
  const all = Array.from(model.turns, (turn, index) => {
    const counts = turnWords(model.text, turn);
    return {
      number: turn.index + 1,
      line: turn.startLine + 1,
      endLine: turn.endLine + 1,
      speaker: turn.speaker,
      // The symbol is named `speaker: first words`.
      firstWords: symbols[index]!.name.slice(turn.speaker.length + 2),
      words: counts.words,
      cjk: counts.cjk,
      other: counts.other,
      files: turn.fileBlocks.map((block) => ({
        path: block.path,
        line: block.startLine + 1,
        endLine: block.endLine + 1,
        lines: block.contentLines,
        closed: block.closer !== undefined,
      })),
      fences: turn.fences.map((fence) => ({
        info: fence.info,
        line: fence.startLine + 1,
        endLine: fence.endLine + 1,
        lines: fence.codeLines,
        closed: fence.closer !== undefined,
      })),
    };
  });
  return speakers ? all.filter((turn) => speakers.includes(turn.speaker)) : all;
}

/**
 * One row per turn, and under it a row per FILE block and fence, in line order.
 *
 * @example
 * ```
 * line  speaker  words  first words
 *    1  A            2  Hello there
 *    2  B            3  Here it is:
 *    3                  FILE app.py (1 line)
 * ```
 */
export function outlineTable(turns: readonly OutlineTurn[]): string {
  const rows: string[][] = [];
  for (const turn of turns) {
    rows.push([String(turn.line), turn.speaker, String(turn.words), turn.firstWords]);
    const parts = [
      ...turn.files.map((file) => ({
        line: file.line,
        text: `FILE ${file.path || '(no path)'} (${plural(file.lines, 'line')}${file.closed ? '' : ', unclosed'})`,
      })),
      ...turn.fences.map((fence) => ({
        line: fence.line,
        text: `\`\`\`${fence.info} (${plural(fence.lines, 'line')} of code${fence.closed ? '' : ', unclosed'})`,
      })),
    ].sort((a, b) => a.line - b.line);
    for (const part of parts) rows.push([String(part.line), '', '', part.text]);
  }
  return renderTable(
    [
      { title: 'line', align: 'right' },
      { title: 'speaker', align: 'left' },
      { title: 'words', align: 'right' },
      { title: 'first words', align: 'left' },
    ],
    rows,
  );
}
