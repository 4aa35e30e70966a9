/**
 * `transcript fix`: the editor's "fix all" (`source.fixAll.transcript`) over files and folders, written
 * in place, or shown as a unified diff.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import type { TextEdit } from 'vscode-languageserver-types';
import { problems } from '../core/diagnostics';
import { formatCount, plural } from '../core/format';
import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { applyTextEdits, fixAllEdits } from '../core/quick-fixes';
import { isTranscriptFile } from '../core/transcript-files';
import type { DiscoveryOptions } from './files';
import { discoverInputs } from './run-files';
import { complain, EXIT, STDIN, type Io } from './io';
import { printable } from './printable';
import { describeFsError, readStandardInput, readTranscriptFile, type ReadResult } from './read';
import { writeFileSafely } from './write-file';

export interface FixOptions extends DiscoveryOptions {
  readonly paths: readonly string[];
  /** Print a unified diff of the fixes instead of writing them. */
  readonly dryRun: boolean;
  readonly stdinName: string;
  readonly maxBytes: number;
}

const BOM = '\ufeff';
const CONTEXT = 3;

/**
 * Fixes every file. Returns what `check` of the fixed files would: 0 when none has an error left, 1
 * when one has, 2 when a path could not be read or a file written.
 */
export async function runFix(options: FixOptions, io: Io): Promise<number> {
  if (options.paths.includes(STDIN) && options.paths.length > 1) {
    complain(io, 'fix - writes the fixed text to standard output: give it alone, without other paths');
    return EXIT.trouble;
  }
  const discovery = discoverInputs(options, io);
  if (!discovery) return EXIT.trouble;
  let failed = discovery.failures.length;
  const terminal = (io.stdout as NodeJS.WriteStream).isTTY === true;
  let fixedFiles = 0;
  let fixes = 0;
  let withErrors = 0;
  /** `write` puts the fixed text in place, and returns whether to say so (not when it is the output). */
  const fixOne = (path: string, read: ReadResult, hadBom: boolean, write: (text: string) => boolean): void => {
    if (!read.ok) {
      complain(io, `${read.problem === 'skipped' ? 'skipped' : 'cannot read'} ${path}: ${read.reason}`);
      if (read.problem === 'failed') failed++;
      return;
    }
    const model = parseTranscript(read.text);
    const edits = fixAllEdits(model);
    const fixed = edits.length ? applyTextEdits(model, edits) : read.text;
    if (hasErrors(edits.length ? parseTranscript(fixed) : model)) withErrors++;
    if (edits.length === 0) return;
    fixedFiles++;
    fixes += edits.length;
    if (options.dryRun) {
      const diff = unifiedDiff(path, model, edits, hadBom);
      io.stdout.write(terminal ? diff.split('\n').map(printable).join('\n') : diff);
    } else {
      let said: boolean;
      try {
        said = write(hadBom ? BOM + fixed : fixed);
      } catch (error) {
        complain(io, `cannot write ${path}: ${describeFsError(error)}`);
        failed++;
        return;
      }
      if (said) io.stdout.write(`${printable(`fixed ${path}`)} (${fixCount(edits.length)})\n`);
    }
  };
  for (const path of discovery.files) {
    const read = readTranscriptFile(path, options.maxBytes);
    if (read.ok && discovery.searched.has(path) && !isTranscriptFile(path, read.text)) continue;
    fixOne(path, read, read.ok && startsWithBom(path), (text) => {
      writeInPlace(path, text);
      return true;
    });
    // Back to the event loop between files, so that Ctrl-C is heard.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (discovery.stdin) {
    const read = await readStandardInput(io.stdin, options.maxBytes);
    // Standard input is fixed onto standard output, whole, so an editor can pipe a buffer through.
    let wrote = false;
    fixOne(options.stdinName, read, false, (text) => {
      io.stdout.write(text);
      wrote = true;
      return false;
    });
    if (read.ok && !wrote && !options.dryRun) io.stdout.write(read.text);
    if (!options.dryRun) return failed ? EXIT.trouble : withErrors ? EXIT.problems : EXIT.ok;
  }
  const verb = options.dryRun ? 'would be fixed' : 'fixed';
  let summary = `${plural(fixedFiles, 'file')} ${verb} (${fixCount(fixes)})`;
  if (withErrors) summary += `; ${formatCount(withErrors)} with errors no safe fix removes (see transcript check)`;
  // With --dry-run standard output is the diff, for `patch` or `git apply`.
  if (options.dryRun) complain(io, `${summary}.`);
  else io.stdout.write(`${summary}.\n`);
  if (failed) return EXIT.trouble;
  return withErrors ? EXIT.problems : EXIT.ok;
}

function fixCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'fix' : 'fixes'}`;
}

function hasErrors(model: Transcript): boolean {
  return problems(model).some((problem) => problem.severity === 'error');
}

/** Whether the file starts with a UTF-8 byte order mark, which the text read has dropped and the write must keep. */
function startsWithBom(path: string): boolean {
  const file = openSync(path, 'r');
  try {
    const head = Buffer.alloc(3);
    return readSync(file, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    closeSync(file);
  }
}

/**
 * Replaces the file by renaming a complete temporary file over it, with the file's permission bits. A
 * symbolic link is followed to the file it names, which is replaced there, so the link stays a link.
 */
function writeInPlace(path: string, text: string): void {
  const target = realpathSync(path);
  const mode = statSync(target).mode & 0o7777;
  writeFileSafely(target, text, { replace: true, mode });
}

/** Lines `[first, last]` of the old text, and the lines (each with its line end) they become. */
interface Change {
  first: number;
  last: number;
  added: string[];
}

const NO_BREAK = '\n\\ No newline at end of file\n';

/**
 * The fixes as a unified diff (`--- path`, `+++ path`, hunks with three lines of context) that `patch`
 * and `git apply` take: every line with its own line end, `\n`, `\r\n` or `\r`, and the first with the
 * byte order mark the file starts with (`bom`), which the model's text does not hold.
 */
export function unifiedDiff(path: string, model: Transcript, edits: readonly TextEdit[], bom = false): string {
  // A text that ends with a line break has an empty line after it, which a diff does not count.
  const endsWithBreak = model.lines.lineCount > 1 && lineWithBreak(model, model.lines.lineCount - 1) === '';
  const lastLine = model.lines.lineCount - (endsWithBreak ? 2 : 1);
  const changes = changesOf(model, edits).map((change) => ({ ...change, last: Math.min(change.last, lastLine) }));
  // Changes within 2 × CONTEXT lines of each other share a hunk, as diff(1) makes them.
  const hunks: Change[][] = [];
  for (const change of changes) {
    const hunk = hunks.at(-1);
    if (hunk && change.first - hunk.at(-1)!.last <= 2 * CONTEXT + 1) hunk.push(change);
    else hunks.push([change]);
  }
  const shown = (prefix: string, text: string): string => `${prefix}${text}${/[\r\n]$/.test(text) ? '' : NO_BREAK}`;
  const old = (prefix: string, line: number): string =>
    shown(prefix, (bom && line === 0 ? BOM : '') + lineWithBreak(model, line));
  let out = `--- ${path}\n+++ ${path}\n`;
  let shift = 0;
  for (const hunk of hunks) {
    const before = Math.max(0, hunk[0]!.first - CONTEXT);
    const after = Math.min(lastLine, hunk.at(-1)!.last + CONTEXT);
    let body = '';
    let oldCount = 0;
    let newCount = 0;
    let line = before;
    for (const change of hunk) {
      for (; line < change.first; line++, oldCount++, newCount++) body += old(' ', line);
      for (; line <= change.last; line++, oldCount++) body += old('-', line);
      change.added.forEach((text, index) => {
        body += shown('+', (bom && change.first === 0 && index === 0 ? BOM : '') + text);
      });
      newCount += change.added.length;
    }
    for (; line <= after; line++, oldCount++, newCount++) body += old(' ', line);
    const range = (start: number, count: number): string => (count === 0 ? `${start},0` : `${start + 1},${count}`);
    out += `@@ -${range(before, oldCount)} +${range(before + shift, newCount)} @@\n${body}`;
    shift += newCount - oldCount;
  }
  return out;
}

/** A line of the text with its line end (none for a last line without one). */
function lineWithBreak(model: Transcript, line: number): string {
  const end = line + 1 < model.lines.lineCount ? model.lines.lineStart(line + 1) : model.text.length;
  return model.text.slice(model.lines.lineStart(line), end);
}

/**
 * The edits as changes of whole lines: edits that share a line are one change, and lines a change
 * leaves as they were (a deleted line's successor, which its range ends at) are left out of it.
 */
function changesOf(model: Transcript, edits: readonly TextEdit[]): Change[] {
  const lines = model.lines;
  const groups: TextEdit[][] = [];
  for (const edit of edits) {
    const group = groups.at(-1);
    if (group && edit.range.start.line <= group.at(-1)!.range.end.line) group.push(edit);
    else groups.push([edit]);
  }
  return groups.map((group) => {
    let first = group[0]!.range.start.line;
    let last = group.at(-1)!.range.end.line;
    let changed = '';
    let at = lines.lineStart(first);
    for (const edit of group) {
      const start = lines.offsetAt(edit.range.start);
      changed += model.text.slice(at, start) + edit.newText;
      at = lines.offsetAt(edit.range.end);
    }
    const lastEnd = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : model.text.length;
    changed += model.text.slice(at, lastEnd);
    const added = changed.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
    while (last >= first && added.length > 0 && added.at(-1) === lineWithBreak(model, last)) {
      added.pop();
      last--;
    }
    while (first <= last && added.length > 0 && added[0] === lineWithBreak(model, first)) {
      added.shift();
      first++;
    }
    return { first, last, added };
  });
}
