/** `transcript outline`: the editor's outline of one transcript, as a table or JSON. */
import { plural } from '../core/format';
import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { documentSymbols } from '../core/symbols';
import { turnWords } from '../core/words';
import { renderTable } from './format-table';
import { complain, EXIT, type Io } from './io';
import { readInput } from './read';

export interface OutlineOptions {
  readonly path: string;
  readonly json: boolean;
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

export async function runOutline(options: OutlineOptions, io: Io): Promise<number> {
  const read = await readInput(options.path, io.stdin, options.maxBytes);
  const name = options.path === '-' ? options.stdinName : options.path;
  if (!read.ok) {
    complain(io, `${read.problem === 'skipped' ? 'not a transcript' : 'cannot read'}: ${name}: ${read.reason}`);
    return EXIT.trouble;
  }
  const turns = outlineTurns(parseTranscript(read.text));
  io.stdout.write(options.json ? `${JSON.stringify({ path: name, turns }, null, 2)}\n` : outlineTable(turns));
  return EXIT.ok;
}

/** The turns as the outline shows them; the names come from the same `documentSymbols` the editor calls. */
export function outlineTurns(model: Transcript): OutlineTurn[] {
  const symbols = documentSymbols(model);
  return Array.from(model.turns, (turn, index) => {
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
