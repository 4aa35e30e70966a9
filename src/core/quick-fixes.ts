import { CodeAction, CodeActionKind, type Range, type TextEdit } from 'vscode-languageserver-types';
import { problems, toDiagnostic } from './diagnostics';
import type { FileBlock, Problem, Section, Span, Transcript } from './model';
import { blockWithContentLine, lineBreakAfter, sectionOnLine, sectionsOf } from './sections';
import {
  CLOSER, fenceMarker, isCloser, isOpener, malformedMarker, malformedSpeakerTag, speakerTagEnd, unsafePathReasons,
} from './syntax';

/**
 * Quick fixes for every diagnostic code, and "fix all" of the safe ones.
 *
 * A fix only edits the lines of its problem's section (the turn, or the text before the first turn). The
 * safe fixes are those `fixAllEdits` applies, also on save: they are chosen so that one pass leaves no
 * problem another pass would fix (a fix that would expose or create one is left to the user).
 */

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.transcript`;

/** Stands in for a missing FILE path. A plain placeholder: code actions cannot carry snippets for every client. */
export const PLACEHOLDER_PATH = 'path.txt';

/** Label of the turn that text before the first turn can be made into. */
export const NARRATOR = 'Narrator';

/** One way to fix one problem. */
export interface Fix {
  readonly title: string;
  readonly edits: TextEdit[];
  /** The obvious fix: editors apply it with one key (VS Code: "Auto Fix"). */
  readonly preferred: boolean;
}

/**
 * The fixes of one problem, best first.
 *
 * @example For `FILE>>>` on line 1 of `[A]: x\nFILE>>>`, one preferred fix: "Delete the stray `FILE>>>` line".
 */
export function quickFixes(model: Transcript, problem: Problem, safe: SafeFixes = safeFixes(model)): Fix[] {
  const line = model.lines.lineAt(problem.span.start);
  const section = sectionOnLine(model, line);
  if (!section) return [];
  const safeEdits = safe.get(problem);
  switch (problem.code) {
    case 'file-block/unterminated': {
      const block = section.fileBlocks.find((candidate) => candidate.opener.start === problem.span.start)!;
      return [{ title: 'Close the FILE block after its last line', edits: [closeAfterLine(model, block.endLine)], preferred: true }];
    }
    case 'file-block/nested-opener':
      return [{ title: `Add \`${CLOSER}\` before this line`, edits: [closeBeforeLine(model, line)], preferred: true }];
    case 'file-block/stray-closer':
      return [{ title: `Delete the stray \`${CLOSER}\` line`, edits: [deleteLine(model, line)], preferred: true }];
    case 'file-block/malformed-marker':
      return markerFixes(model, problem, section, line, safeEdits);
    case 'turn/malformed-speaker-tag': {
      const edits = tagFix(model, problem);
      return edits ? [{ title: `Write \`${problem.replacement}\``, edits, preferred: true }] : [];
    }
    case 'file-block/missing-path': {
      const edits = [replace(model, problem.span, `<<<FILE ${PLACEHOLDER_PATH}`)];
      return [{ title: `Add a placeholder path \`${PLACEHOLDER_PATH}\``, edits, preferred: true }];
    }
    case 'file-block/unsafe-path': {
      const safePath = safeRelativePath(model.text.slice(problem.span.start, problem.span.end));
      return safePath ? [{ title: `Use the relative path \`${safePath}\``, edits: [replace(model, problem.span, safePath)], preferred: false }] : [];
    }
    case 'file-block/empty': {
      const block = section.fileBlocks.find((candidate) => candidate.opener.start === problem.span.start)!;
      return block.closer ? [{ title: 'Delete the empty FILE block', edits: [deleteLines(model, block.startLine, block.endLine)], preferred: false }] : [];
    }
    case 'file-block/duplicate-path': {
      const renamed = unusedPath(model, model.text.slice(problem.span.start, problem.span.end));
      return [{ title: `Rename this copy to \`${renamed}\``, edits: [replace(model, problem.span, renamed)], preferred: false }];
    }
    case 'turn/text-before-first-turn': {
      const edits = [replace(model, { start: problem.span.start, end: problem.span.start }, `[${NARRATOR}]: `)];
      return [{ title: `Start a turn of \`${NARRATOR}\` here`, edits, preferred: false }];
    }
    case 'fence/unclosed':
      return [{ title: 'Close the code fence after the last line of the turn', edits: safeEdits ?? closeFence(model, problem, section), preferred: true }];
  }
}

/** The safe fix of each problem that has one, keyed by the problem objects of `problems(model)`. */
export type SafeFixes = ReadonlyMap<Problem, TextEdit[]>;

/**
 * The edits of every safe fix, in document order and never overlapping: stray closers deleted, unclosed
 * FILE blocks and fences closed, look-alike markers and speaker tags rewritten.
 *
 * @example `[A]：hi\nFILE>>>` becomes `[A]:hi`.
 */
export function fixAllEdits(model: Transcript): TextEdit[] {
  return [...safeFixes(model).values()].flat().sort((a, b) => compareRanges(a.range, b.range));
}

/**
 * Code actions for the problems on the lines of `range`, and "fix all" when `only` asks for it.
 *
 * @example With `only: ['source.fixAll']` and safe fixes to make, one action of kind `source.fixAll.transcript`.
 */
export function codeActions(model: Transcript, uri: string, range: Range, only?: readonly string[]): CodeAction[] {
  const wantsKind = (kind: string): boolean => !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
  const actions: CodeAction[] = [];
  const safe = safeFixes(model);
  if (wantsKind(CodeActionKind.QuickFix)) {
    for (const problem of problems(model)) {
      const line = model.lines.lineAt(problem.span.start);
      if (line < range.start.line || line > range.end.line) continue;
      const diagnostic = toDiagnostic(model, problem, uri);
      for (const fix of quickFixes(model, problem, safe)) {
        const action = CodeAction.create(fix.title, { changes: { [uri]: fix.edits } }, CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if (fix.preferred) action.isPreferred = true;
        actions.push(action);
      }
    }
  }
  // "Fix all" only on request: as a plain code action it would show beside every quick fix.
  if (only && wantsKind(FIX_ALL_KIND) && safe.size > 0) {
    actions.push(CodeAction.create('Fix all safe transcript problems', { changes: { [uri]: fixAllEdits(model) } }, FIX_ALL_KIND));
  }
  return actions;
}

/**
 * Which problems have a safe fix, and its edits. FILE blocks are followed as the parser would see them
 * after the fixes: once a look-alike closer is made a real one, a later nested opener starts a block of its
 * own and needs no closer before it.
 */
export function safeFixes(model: Transcript): SafeFixes {
  const safe = new Map<Problem, TextEdit[]>();
  for (const section of sectionsOf(model)) {
    if (section.problems.length === 0) continue;
    const claimedClosers = new Set<number>();
    for (const block of section.fileBlocks) addBlockFixes(model, section, block, safe);
    for (const problem of section.problems) {
      const line = model.lines.lineAt(problem.span.start);
      switch (problem.code) {
        case 'file-block/malformed-marker': {
          if (blockWithContentLine(section, line)) break;
          const pair = openerPair(model, section, problem, line);
          if (!pair) break;
          claimedClosers.add(pair.closerLine);
          safe.set(problem, pair.edits);
          break;
        }
        case 'turn/malformed-speaker-tag': {
          const edits = tagFix(model, problem);
          if (edits) safe.set(problem, edits);
          break;
        }
        case 'fence/unclosed':
          safe.set(problem, closeFence(model, problem, section));
          break;
        default:
          break;
      }
    }
    for (const problem of section.problems) {
      const line = model.lines.lineAt(problem.span.start);
      if (problem.code === 'file-block/stray-closer' && !claimedClosers.has(line)) safe.set(problem, [deleteLine(model, line)]);
    }
  }
  return safe;
}

/** Walks the nested openers and look-alike closers inside `block` in order, tracking whether a block is open. */
function addBlockFixes(model: Transcript, section: Section, block: FileBlock, safe: Map<Problem, TextEdit[]>): void {
  const inside = section.problems.filter((problem) => problem.span.start > block.opener.end && problem.span.start <= block.content.end
    && (problem.code === 'file-block/nested-opener' || problem.code === 'file-block/malformed-marker'));
  let open = true;
  inside.forEach((problem, i) => {
    const line = model.lines.lineAt(problem.span.start);
    if (problem.code === 'file-block/nested-opener') {
      if (open) safe.set(problem, [closeBeforeLine(model, line)]);
      open = true;
      return;
    }
    // Inside a block that is closed anyway, a look-alike closer is most likely content of the file.
    if (!open || block.closer) return;
    const exposedUntil = i + 1 < inside.length ? model.lines.lineAt(inside[i + 1]!.span.start) - 1 : block.endLine;
    const edits = closerFix(model, problem);
    if (!edits || !linesArePlain(model, line + 1, exposedUntil)) return;
    safe.set(problem, edits);
    open = false;
  });
  if (open && !block.closer) {
    const unterminated = section.problems.find((problem) => problem.code === 'file-block/unterminated' && problem.span.start === block.opener.start);
    if (unterminated) safe.set(unterminated, [closeAfterLine(model, block.endLine)]);
  }
}

/**
 * A look-alike opener outside any block is safely fixed only together with the closer it was meant to
 * pair with: the first line after it, past plain text, must be `FILE>>>` (now stray) or a closer look-alike.
 */
function openerPair(model: Transcript, section: Section, problem: Problem, line: number): { edits: TextEdit[]; closerLine: number } | undefined {
  if (!problem.replacement?.startsWith('<<<FILE')) return undefined;
  const { text, lines } = model;
  for (let next = line + 1; next <= section.endLine; next++) {
    const start = lines.lineStart(next);
    const end = lines.lineEnd(next, text);
    if (isCloser(text, start, end)) return { edits: [replace(model, problem.span, problem.replacement)], closerLine: next };
    if (malformedMarker(text, start, end)?.replacement === CLOSER) {
      return { edits: [replace(model, problem.span, problem.replacement), replace(model, { start, end }, CLOSER)], closerLine: next };
    }
    if (!linesArePlain(model, next, next)) return undefined;
  }
  return undefined;
}

/** True when no line of `from..to` would be read as a marker, fence, speaker line or look-alike. */
function linesArePlain(model: Transcript, from: number, to: number): boolean {
  const { text, lines } = model;
  for (let line = from; line <= to; line++) {
    if (!isPlainLine(text, lines.lineStart(line), lines.lineEnd(line, text))) return false;
  }
  return true;
}

function isPlainLine(text: string, start: number, end: number): boolean {
  return !isOpener(text, start, end) && !isCloser(text, start, end) && speakerTagEnd(text, start, end) === -1
    && !fenceMarker(text, start, end) && !malformedMarker(text, start, end) && !malformedSpeakerTag(text, start, end);
}

function markerFixes(model: Transcript, problem: Problem, section: Section, line: number, safeEdits: TextEdit[] | undefined): Fix[] {
  const isCloserLookAlike = blockWithContentLine(section, line) !== undefined || !problem.replacement?.startsWith('<<<FILE');
  if (!isCloserLookAlike) {
    return [{ title: `Write \`${problem.replacement}\``, edits: safeEdits ?? [replace(model, problem.span, problem.replacement!)], preferred: true }];
  }
  const fixes: Fix[] = [];
  const edits = closerFix(model, problem);
  if (edits) {
    const title = problem.replacement ? `Write \`${CLOSER}\`` : `Move the text after \`${CLOSER}\` to the next line`;
    fixes.push({ title, edits, preferred: safeEdits !== undefined });
  }
  if (!blockWithContentLine(section, line)) fixes.push({ title: 'Delete this line', edits: [deleteLine(model, line)], preferred: false });
  return fixes;
}

/** `FILE >>>` → `FILE>>>`; `FILE>>> text` → `FILE>>>` and `text` on a line of its own. */
function closerFix(model: Transcript, problem: Problem): TextEdit[] | undefined {
  if (problem.replacement === CLOSER) return [replace(model, problem.span, CLOSER)];
  const line = model.text.slice(problem.span.start, problem.span.end);
  const at = line.indexOf(CLOSER);
  if (at === -1) return undefined;
  const rest = line.slice(at + CLOSER.length).trim();
  if (!isPlainLine(rest, 0, rest.length)) return undefined;
  const lineBreak = lineBreakAfter(model, model.lines.lineAt(problem.span.start));
  return [replace(model, problem.span, `${CLOSER}${lineBreak}${rest}`)];
}

/** The tag rewritten, when the rewrite really makes a speaker line (a label of zero-width spaces does not). */
function tagFix(model: Transcript, problem: Problem): TextEdit[] | undefined {
  const tag = problem.replacement;
  if (!tag || speakerTagEnd(tag, 0, tag.length) === -1) return undefined;
  return [replace(model, problem.span, tag)];
}

function closeFence(model: Transcript, problem: Problem, section: Section): TextEdit[] {
  const marker = fenceMarker(model.text, problem.span.start, problem.span.end)!;
  const fence = String.fromCharCode(marker.char).repeat(marker.length);
  return [insertAt(model, model.lines.lineEnd(section.lastTextLine, model.text), `${lineBreakAfter(model, section.lastTextLine)}${fence}`)];
}

/** `FILE>>>` on a new line after `line`. */
function closeAfterLine(model: Transcript, line: number): TextEdit {
  return insertAt(model, model.lines.lineEnd(line, model.text), `${lineBreakAfter(model, line)}${CLOSER}`);
}

/** `FILE>>>` on a new line before `line` (which is never the first line of the document). */
function closeBeforeLine(model: Transcript, line: number): TextEdit {
  return insertAt(model, model.lines.lineStart(line), `${CLOSER}${lineBreakAfter(model, line - 1)}`);
}

function deleteLine(model: Transcript, line: number): TextEdit {
  return deleteLines(model, line, line);
}

/** Deletes the lines with their line breaks: the last line's own, or for the document's last line the one before. */
function deleteLines(model: Transcript, first: number, last: number): TextEdit {
  const { lines, text } = model;
  if (last + 1 < lines.lineCount) return replace(model, { start: lines.lineStart(first), end: lines.lineStart(last + 1) }, '');
  const start = first > 0 ? lines.lineEnd(first - 1, text) : 0;
  return replace(model, { start, end: text.length }, '');
}

function replace(model: Transcript, span: Span, newText: string): TextEdit {
  return { range: model.lines.rangeOf(span.start, span.end), newText };
}

function insertAt(model: Transcript, offset: number, newText: string): TextEdit {
  return replace(model, { start: offset, end: offset }, newText);
}

function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

/**
 * A safe relative path made from an unsafe one, or `undefined` when nothing usable is left.
 *
 * @example `C:\\Users\\me\\..\\a.txt` gives `Users/me/a.txt`; `/etc//passwd` gives `etc/passwd`.
 */
export function safeRelativePath(path: string): string | undefined {
  const segments = path
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:/, '')
    .replace(/^~+/, '')
    .split('/')
    .map((segment) => segment.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim())
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  const safe = segments.join('/');
  return safe && unsafePathReasons(safe).length === 0 ? safe : undefined;
}

/**
 * `path` with `-2` (or `-3`, …) before its extension, the first not used by a FILE block of the document.
 *
 * @example `src/app.py` gives `src/app-2.py`.
 */
export function unusedPath(model: Transcript, path: string): string {
  const used = new Set(sectionsOf(model).flatMap((section) => section.fileBlocks.map((block) => block.path)));
  const dot = path.lastIndexOf('.');
  const extensionAt = dot > path.lastIndexOf('/') + 1 ? dot : path.length;
  for (let n = 2; ; n++) {
    const candidate = `${path.slice(0, extensionAt)}-${n}${path.slice(extensionAt)}`;
    if (!used.has(candidate)) return candidate;
  }
}
