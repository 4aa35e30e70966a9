import { CodeAction, CodeActionKind, type Range, type TextEdit } from 'vscode-languageserver-types';
import { problems, problemsOfSections, toDiagnostic } from './diagnostics';
import type { MessageTable } from './messages';
import { ENGLISH } from './messages-en';
import { parseTranscript, scanSections } from './parse';
import { LineIndex } from './lines';
import type { FileBlock, FoundProblem, Section, Span, Transcript } from './model';
import {
  blockWithContentLine,
  fileBlocksOf,
  lineBreakAfter,
  sectionOnLine,
  sectionsOf,
  sectionsOnLines,
} from './sections';
import { CLOSER, fenceMarker, speakerTagEnd, UNSAFE_PATH_CHARACTERS, unsafePathReasons } from './syntax';

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

const BYTE_ORDER_MARK = 0xfeff;

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
export function quickFixes(model: Transcript, problem: FoundProblem, safe?: SafeFixes): Fix[] {
  const line = model.lines.lineAt(problem.span.start);
  const section = sectionOnLine(model, line);
  if (!section) return [];
  const safeEdits = (safe ?? safeFixes(model, [section])).get(problem);
  switch (problem.code) {
    case 'file-block/unterminated': {
      const block = section.fileBlocks.find((candidate) => candidate.opener.start === problem.span.start)!;
      return [
        {
          title: 'Close the FILE block after its last line',
          edits: [closeAfterLine(model, block.endLine)],
          preferred: true,
        },
      ];
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
      return safePath
        ? [
            {
              title: `Use the relative path \`${safePath}\``,
              edits: [replace(model, problem.span, safePath)],
              preferred: false,
            },
          ]
        : [];
    }
    case 'file-block/holds-speaker-lines': {
      const block = section.fileBlocks.find((candidate) => candidate.opener.start === problem.related?.[0]?.span.start);
      if (!block?.closer) return [];
      const tag = problem.values.firstTag;
      return [
        {
          title: `Move \`${CLOSER}\` before \`${tag}\``,
          edits: [closeBeforeLine(model, line), deleteLine(model, model.lines.lineAt(block.closer.start))],
          preferred: false,
        },
      ];
    }
    case 'file-block/empty': {
      const block = section.fileBlocks.find((candidate) => candidate.opener.start === problem.span.start)!;
      return block.closer
        ? [
            {
              title: 'Delete the empty FILE block',
              edits: [deleteLines(model, block.startLine, block.endLine)],
              preferred: false,
            },
          ]
        : [];
    }
    case 'file-block/duplicate-path': {
      const renamed = unusedPath(model, model.text.slice(problem.span.start, problem.span.end));
      return [
        {
          title: `Rename this copy to \`${renamed}\``,
          edits: [replace(model, problem.span, renamed)],
          preferred: false,
        },
      ];
    }
    case 'turn/text-before-first-turn': {
      const edits = [replace(model, { start: problem.span.start, end: problem.span.start }, `[${NARRATOR}]: `)];
      return [{ title: `Start a turn of \`${NARRATOR}\` here`, edits, preferred: false }];
    }
    case 'fence/unclosed':
      return [
        {
          title: 'Close the code fence after the last line of the turn',
          edits: safeEdits ?? closeFence(model, problem, section),
          preferred: true,
        },
      ];
  }
}

/**
 * The safe fix of each problem that has one, keyed by the problem objects of the sections, which
 * `problems(model)` passes on as they are, but for a `file-block/unterminated` (whose fix reads none).
 */
/**
 * The safe fixes of a model's problems. Found by the problem's code and place rather than by the object:
 * every walk over the turns places their problems anew.
 */
export class SafeFixes {
  private readonly byProblem = new Map<string, { readonly problem: FoundProblem; readonly edits: TextEdit[] }>();

  get size(): number {
    return this.byProblem.size;
  }

  get(problem: FoundProblem): TextEdit[] | undefined {
    return this.byProblem.get(fixKey(problem))?.edits;
  }

  set(problem: FoundProblem, edits: TextEdit[]): void {
    this.byProblem.set(fixKey(problem), { problem, edits });
  }

  /** Each problem with a safe fix, with the fix's edits. */
  entries(): [FoundProblem, TextEdit[]][] {
    return [...this.byProblem.values()].map(({ problem, edits }) => [problem, edits]);
  }
}

function fixKey(problem: FoundProblem): string {
  return `${problem.code} ${problem.span.start}`;
}

/**
 * The edits of every safe fix, in document order and never overlapping: stray closers deleted, unclosed
 * FILE blocks and fences closed, look-alike markers and speaker tags rewritten.
 *
 * @example `[A]：hi\nFILE>>>` becomes `[A]: hi`.
 */
export function fixAllEdits(model: Transcript): TextEdit[] {
  const safe = safeFixes(model);
  const all = safe
    .entries()
    .flatMap(([, edits]) => edits)
    .sort((a, b) => compareRanges(a.range, b.range));
  if (all.length === 0 || causesNoProblem(model, all)) return all;
  // Closing or splitting blocks can make a problem elsewhere (two blocks of one path now differ): keep the
  // fixes that only rewrite their own line, and nothing if even those would.
  const lineFixes = safe
    .entries()
    .filter(([problem]) => problem.code === 'turn/malformed-speaker-tag' || problem.code === 'fence/unclosed')
    .flatMap(([, edits]) => edits)
    .sort((a, b) => compareRanges(a.range, b.range));
  return lineFixes.length > 0 && causesNoProblem(model, lineFixes) ? lineFixes : [];
}

/**
 * Whether `edits` leave no code with more problems than before: a fix-all must not make work. Costs one
 * parse of the fixed text, paid only when there is something to fix.
 */
function causesNoProblem(model: Transcript, edits: readonly TextEdit[]): boolean {
  const count = (found: readonly FoundProblem[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const problem of found) counts.set(problem.code, (counts.get(problem.code) ?? 0) + 1);
    return counts;
  };
  const before = count(problems(model));
  const after = count(problems(parseTranscript(applyTextEdits(model, edits))));
  return [...after].every(([code, number]) => number <= (before.get(code) ?? 0));
}

/**
 * `model.text` with `edits` applied; they are sorted and never overlap, as `safeFixes` makes them.
 *
 * @example `applyTextEdits(model, fixAllEdits(model))` is the text a fix-all leaves.
 */
export function applyTextEdits(model: Transcript, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    const start = model.lines.offsetAt(edit.range.start);
    out += model.text.slice(at, start) + edit.newText;
    at = model.lines.offsetAt(edit.range.end);
  }
  return out + model.text.slice(at);
}

/**
 * Code actions for the problems on the lines of `range` (naming their diagnostics with the messages of
 * `messages`, as they were published), and "fix all" when `only` asks for it.
 *
 * @example With `only: ['source.fixAll']` and safe fixes to make, one action of kind `source.fixAll.transcript`.
 */
export function codeActions(
  model: Transcript,
  uri: string,
  range: Range,
  only?: readonly string[],
  messages: MessageTable = ENGLISH,
): CodeAction[] {
  const wantsKind = (kind: string): boolean =>
    !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
  const actions: CodeAction[] = [];
  if (wantsKind(CodeActionKind.QuickFix)) {
    // A fix reads and edits its own section only: the sections on the requested lines are all it needs.
    const sections = sectionsOnLines(model, range.start.line, range.end.line);
    const safe = safeFixes(model, sections);
    for (const problem of problemsOfSections(model, sections)) {
      const line = model.lines.lineAt(problem.span.start);
      if (line < range.start.line || line > range.end.line) continue;
      const diagnostic = toDiagnostic(model, problem, uri, messages);
      for (const fix of quickFixes(model, problem, safe)) {
        const action = CodeAction.create(fix.title, { changes: { [uri]: fix.edits } }, CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if (fix.preferred) action.isPreferred = true;
        actions.push(action);
      }
    }
  }
  // "Fix all" only on request: as a plain code action it would show beside every quick fix.
  if (only && wantsKind(FIX_ALL_KIND) && safeFixes(model).size > 0) {
    actions.push(
      CodeAction.create('Fix all safe transcript problems', { changes: { [uri]: fixAllEdits(model) } }, FIX_ALL_KIND),
    );
  }
  return actions;
}

/**
 * Which problems of `sections` (all of them unless given) have a safe fix, and its edits: a section's
 * fixes depend on that section alone. FILE blocks are followed as the parser would see them after the
 * fixes: once a look-alike closer is made a real one, a later nested opener starts a block of its own and
 * needs no closer before it.
 */
export function safeFixes(model: Transcript, sections: Iterable<Section> = sectionsOf(model)): SafeFixes {
  const safe = new SafeFixes();
  for (const section of sections) {
    if (section.problems.length === 0) continue;
    const { inside, unterminated } = problemsByBlock(section);
    for (const block of section.fileBlocks)
      addBlockFixes(model, block, inside.get(block) ?? [], unterminated.get(block.opener.start), safe);
    const insideBlocks = new Set([...inside.values()].flat());
    const claimedClosers = new Set<number>();
    for (const problem of section.problems) {
      const line = model.lines.lineAt(problem.span.start);
      switch (problem.code) {
        case 'file-block/malformed-marker': {
          if (insideBlocks.has(problem)) break;
          const pair = openerPair(model, section, problem, line);
          if (!pair) break;
          claimedClosers.add(pair.closerLine);
          // A pair with no line between would become an empty block, a new problem: fix-all leaves both lines.
          if (pair.closerLine > line + 1) safe.set(problem, pair.edits);
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
      if (problem.code === 'file-block/stray-closer' && !claimedClosers.has(line))
        safe.set(problem, [deleteLine(model, line)]);
    }
  }
  return safe;
}

/**
 * The nested openers and look-alike closers inside each block, and the unterminated problems by opener
 * offset; one pass over the section's problems (both lists are in document order), so a turn with
 * thousands of blocks and problems stays linear.
 */
function problemsByBlock(section: Section): {
  inside: Map<FileBlock, FoundProblem[]>;
  unterminated: Map<number, FoundProblem>;
} {
  const inside = new Map<FileBlock, FoundProblem[]>();
  const unterminated = new Map<number, FoundProblem>();
  const blocks = section.fileBlocks;
  let at = 0;
  for (const problem of section.problems) {
    if (problem.code === 'file-block/unterminated') unterminated.set(problem.span.start, problem);
    if (problem.code !== 'file-block/nested-opener' && problem.code !== 'file-block/malformed-marker') continue;
    while (at < blocks.length && blocks[at]!.content.end < problem.span.start) at++;
    const block = blocks[at];
    if (!block || problem.span.start <= block.opener.end) continue;
    const found = inside.get(block);
    if (found) found.push(problem);
    else inside.set(block, [problem]);
  }
  return { inside, unterminated };
}

/**
 * Walks the nested openers and look-alike closers inside `block` in order, tracking whether a block is
 * open. Making a look-alike the closer exposes the lines after it, up to the next nested opener (which
 * opens a block again) or the block's end, as ordinary lines: it is safe only if none of them would then
 * be reported with a fix of its own (later look-alike closers just stay reported).
 */
function addBlockFixes(
  model: Transcript,
  block: FileBlock,
  inside: readonly FoundProblem[],
  unterminated: FoundProblem | undefined,
  safe: SafeFixes,
): void {
  const exposedUntil: number[] = [];
  for (let i = inside.length - 1, until = block.endLine; i >= 0; i--) {
    exposedUntil[i] = until;
    if (inside[i]!.code === 'file-block/nested-opener') until = model.lines.lineAt(inside[i]!.span.start) - 1;
  }
  let open = true;
  let openerLine = block.startLine;
  inside.forEach((problem, i) => {
    const line = model.lines.lineAt(problem.span.start);
    if (problem.code === 'file-block/nested-opener') {
      // Closing right under an opener would leave an empty block, a new problem: fix-all leaves such a close to
      // the user, here and for the look-alike closer and the unterminated block below.
      if (open && line > openerLine + 1) safe.set(problem, [closeBeforeLine(model, line)]);
      open = true;
      openerLine = line;
      return;
    }
    // Inside a block that is closed anyway, a look-alike closer is most likely content of the file.
    if (!open || block.closer || line === openerLine + 1) return;
    const edits = closerFix(model, problem);
    if (!edits || !linesArePlain(model, line + 1, exposedUntil[i]!, true)) return;
    safe.set(problem, edits);
    open = false;
  });
  if (open && unterminated && block.endLine > openerLine)
    safe.set(unterminated, [closeAfterLine(model, block.endLine)]);
}

/**
 * A look-alike opener outside any block is safely fixed only together with the closer it was meant to
 * pair with: the first thing after it, past prose, must be `FILE>>>` (now stray) or a closer look-alike.
 */
function openerPair(
  model: Transcript,
  section: Section,
  problem: FoundProblem,
  line: number,
): { edits: TextEdit[]; closerLine: number } | undefined {
  if (!problem.replacement?.startsWith('<<<FILE') || line >= section.endLine) return undefined;
  const base = model.lines.lineStart(line + 1);
  const found = firstNonProse(model.text.slice(base, model.lines.lineEnd(section.endLine)), false)?.problem;
  if (!found) return undefined;
  const opener = replace(model, problem.span, problem.replacement);
  const closerLine = model.lines.lineAt(base + found.span.start);
  if (found.code === 'file-block/stray-closer') return { edits: [opener], closerLine };
  if (found.code === 'file-block/malformed-marker' && found.replacement === CLOSER) {
    const closer = { start: base + found.span.start, end: base + found.span.end };
    return { edits: [opener, replace(model, closer, CLOSER)], closerLine };
  }
  return undefined;
}

/**
 * True when the parser reads the lines `from..to` as prose between turns: no speaker line, FILE block,
 * marker, fence or look-alike of one; with `closerLookAlikes`, look-alike closers are allowed (outside a
 * block they have no safe fix).
 */
function linesArePlain(model: Transcript, from: number, to: number, closerLookAlikes = false): boolean {
  if (from > to) return true;
  const text = model.text.slice(model.lines.lineStart(from), model.lines.lineEnd(to));
  return firstNonProse(text, closerLookAlikes) === undefined;
}

/**
 * The first thing the parser finds in `text`, read on its own as lines before any turn, that is not
 * prose: where it starts, and the problem it is when it is one (a stray `FILE>>>`, a look-alike marker
 * or tag) rather than a turn, FILE block or fence. With `closerLookAlikes`, look-alike closers count as
 * prose. This asks the parser what a fix would make of the lines it exposes, rather than classifying them again.
 */
function firstNonProse(
  text: string,
  closerLookAlikes: boolean,
): { readonly offset: number; readonly problem: FoundProblem | undefined } | undefined {
  const { preamble, turns } = scanSections(text, LineIndex.of(text), 0, () => false);
  let first: { offset: number; problem: FoundProblem | undefined } | undefined;
  const consider = (offset: number, problem?: FoundProblem): void => {
    if (!first || offset < first.offset) first = { offset, problem };
  };
  // Everything the preamble holds comes before the first turn, wherever exactly that starts.
  if (turns.length > 0) consider(preamble ? preamble.span.end + 1 : 0);
  for (const block of preamble?.fileBlocks ?? []) consider(block.opener.start);
  for (const fence of preamble?.fences ?? []) consider(fence.opener.start);
  for (const problem of preamble?.problems ?? []) {
    // Read on its own, any text comes before the first turn: that says nothing about the lines.
    if (problem.code === 'turn/text-before-first-turn') continue;
    if (closerLookAlikes && problem.code === 'file-block/malformed-marker' && problem.values.kind === 'closer')
      continue;
    consider(problem.span.start, problem);
  }
  return first;
}

function markerFixes(
  model: Transcript,
  problem: FoundProblem,
  section: Section,
  line: number,
  safeEdits: TextEdit[] | undefined,
): Fix[] {
  const isCloserLookAlike =
    blockWithContentLine(section, line) !== undefined || !problem.replacement?.startsWith('<<<FILE');
  if (!isCloserLookAlike) {
    // When fix-all pairs the opener with a look-alike closer, the quick fix rewrites both too.
    const edits = safeEdits ?? [replace(model, problem.span, problem.replacement!)];
    const title =
      edits.length > 1 ? `Write \`${problem.replacement}\` and \`${CLOSER}\`` : `Write \`${problem.replacement}\``;
    return [{ title, edits, preferred: true }];
  }
  const fixes: Fix[] = [];
  const edits = closerFix(model, problem);
  if (edits) {
    const title = problem.replacement ? `Write \`${CLOSER}\`` : `Move the text after \`${CLOSER}\` to the next line`;
    fixes.push({ title, edits, preferred: safeEdits !== undefined });
  }
  if (!blockWithContentLine(section, line))
    fixes.push({ title: 'Delete this line', edits: [deleteLine(model, line)], preferred: false });
  return fixes;
}

/** `FILE >>>` → `FILE>>>`; `FILE>>> text` → `FILE>>>` and `text` on a line of its own. */
function closerFix(model: Transcript, problem: FoundProblem): TextEdit[] | undefined {
  if (problem.replacement === CLOSER) return [replace(model, problem.span, CLOSER)];
  const line = model.text.slice(problem.span.start, problem.span.end);
  const at = line.indexOf(CLOSER);
  if (at === -1) return undefined;
  const rest = line.slice(at + CLOSER.length).trim();
  if (firstNonProse(rest, false)) return undefined;
  const lineBreak = lineBreakAfter(model, model.lines.lineAt(problem.span.start));
  return [replace(model, problem.span, `${CLOSER}${lineBreak}${rest}`)];
}

/** The tag rewritten, when the rewrite really makes a speaker line (a label of zero-width spaces does not). */
/** The correct tag for a look-alike, and the one space after it that speaker lines have (`【B】：你好` → `[B]: 你好`). */
function tagFix(model: Transcript, problem: FoundProblem): TextEdit[] | undefined {
  const tag = problem.replacement;
  if (!tag || speakerTagEnd(tag, 0, tag.length) === -1) return undefined;
  const next = model.text.charCodeAt(problem.span.end);
  const textFollows = !Number.isNaN(next) && next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d;
  return [replace(model, problem.span, textFollows ? `${tag} ` : tag)];
}

function closeFence(model: Transcript, problem: FoundProblem, section: Section): TextEdit[] {
  const opener = model.text.slice(problem.span.start, problem.span.end);
  const marker = fenceMarker(opener, 0, opener.length)!;
  const fence = String.fromCharCode(marker.char).repeat(marker.length);
  return [
    insertAt(
      model,
      model.lines.lineEnd(section.lastTextLine),
      `${lineBreakAfter(model, section.lastTextLine)}${fence}`,
    ),
  ];
}

/** `FILE>>>` on a new line after `line`. */
function closeAfterLine(model: Transcript, line: number): TextEdit {
  return insertAt(model, model.lines.lineEnd(line), `${lineBreakAfter(model, line)}${CLOSER}`);
}

/** `FILE>>>` on a new line before `line` (which is never the first line of the document). */
function closeBeforeLine(model: Transcript, line: number): TextEdit {
  return insertAt(model, model.lines.lineStart(line), `${CLOSER}${lineBreakAfter(model, line - 1)}`);
}

function deleteLine(model: Transcript, line: number): TextEdit {
  return deleteLines(model, line, line);
}

/**
 * Deletes the lines with the last one's line break. At the end of the document the line break before them
 * stays (the text then ends with one, as files conventionally do): taking it could overlap the deletion
 * of the line before. A byte order mark stays, and a line starting with U+FEFF never becomes the first
 * (where it would turn into a byte order mark and the rest of its line into a new look-alike).
 */
function deleteLines(model: Transcript, first: number, last: number): TextEdit {
  const { lines, text } = model;
  const start = first === 0 && text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : lines.lineStart(first);
  let end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length;
  if (start === 0 && text.charCodeAt(end) === BYTE_ORDER_MARK) end = lines.lineEnd(last);
  return replace(model, { start, end }, '');
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

const UNSAFE_PATH_CHARACTERS_EVERYWHERE = new RegExp(UNSAFE_PATH_CHARACTERS.source, 'g');

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
    .map((segment) => segment.replace(UNSAFE_PATH_CHARACTERS_EVERYWHERE, '').trim())
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
  const used = new Set(fileBlocksOf(model).map((block) => block.path));
  const dot = path.lastIndexOf('.');
  const extensionAt = dot > path.lastIndexOf('/') + 1 ? dot : path.length;
  for (let n = 2; ; n++) {
    const candidate = `${path.slice(0, extensionAt)}-${n}${path.slice(extensionAt)}`;
    if (!used.has(candidate)) return candidate;
  }
}
