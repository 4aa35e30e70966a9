/**
 * The work of `transcript fix` on one file, in a worker thread or in process: the editor's fix-all
 * edits applied, written in place (a temporary file renamed over it) or shown as a unified diff.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import type { TextEdit } from 'vscode-languageserver-types';
import { problems } from '../core/diagnostics';
import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { applyTextEdits, fixAllEdits } from '../core/quick-fixes';
import { describeFsError } from './read';
import { writeFileSafely } from './write-file';

export const BOM = '\ufeff';
const CONTEXT = 3;

/** What fixing a file's text gives: the fixed text, the edits made, whether errors are left. */
export interface FixedText {
  readonly model: Transcript;
  readonly edits: readonly TextEdit[];
  readonly fixed: string;
  readonly withErrors: boolean;
}

export function fixText(text: string): FixedText {
  const model = parseTranscript(text);
  const edits = fixAllEdits(model);
  const fixed = edits.length ? applyTextEdits(model, edits) : text;
  return { model, edits, fixed, withErrors: hasErrors(edits.length ? parseTranscript(fixed) : model) };
}

/** What became of one file: the fixes made, whether errors are left, the diff or why it was not written. */
export interface FixResult {
  readonly fixes: number;
  readonly withErrors: boolean;
  /** With `dryRun`: the unified diff of the fixes, empty when there are none. */
  readonly diff?: string;
  /** Why the fixed text could not be written. */
  readonly writeError?: string;
}

/** Fixes the file at `path`, whose text was read as `text`: in place, or as a diff with `dryRun`. */
export function fixFile(path: string, text: string, dryRun: boolean): FixResult {
  const { model, edits, fixed, withErrors } = fixText(text);
  if (edits.length === 0) return { fixes: 0, withErrors };
  const hadBom = startsWithBom(path);
  if (dryRun) return { fixes: edits.length, withErrors, diff: unifiedDiff(path, model, edits, hadBom) };
  try {
    writeInPlace(path, hadBom ? BOM + fixed : fixed);
  } catch (error) {
    return { fixes: edits.length, withErrors, writeError: describeFsError(error) };
  }
  return { fixes: edits.length, withErrors };
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
