import type { DocumentText } from './document-text';
import { LineIndex, type Range } from './lines';
import type { Section, Transcript } from './model';
import { WindowTooSmall, endOf, parseTranscript, scanSections } from './parse';
import { isCloser } from './syntax';

/** One edit as LSP sends it in an incremental `didChange`; without a range it replaces the whole text. */
export interface TextChange {
  readonly range?: Range | undefined;
  readonly text: string;
}

/**
 * The model of the text after `change`, equal to `parseTranscript` of that text, made by rescanning
 * only from the turn before the edit to the first turn start after it that the old model also had.
 * The turns after that are the old model's stored turns, untouched: the new tree shares them.
 *
 * @example `applyChange(parseTranscript('[A]: hi'), { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: '\n[B]: yo' })`
 * has two turns.
 */
export function applyChange(model: Transcript, change: TextChange): Transcript {
  if (!change.range) return parseTranscript(change.text);
  const old = model.text;
  const inserted = change.text;
  const editStart = old.offsetAt(change.range.start);
  const editEnd = Math.max(editStart, old.offsetAt(change.range.end));
  const edit: Edit = { start: editStart, end: editEnd, inserted, delta: inserted.length - (editEnd - editStart) };
  const text = old.replace(editStart, editEnd, inserted);

  const firstTurn = Math.max(0, firstAffectedTurn(model, editStart, addsCloser(model, edit)));
  const windowStart = firstTurn === 0 ? 0 : model.turns.at(firstTurn)!.span.start;
  // The window grows (at least doubling) until the rescan meets the old model again and has seen the
  // closer of every FILE block it opened, or has reached the end of the text.
  for (let windowEnd = windowEndFor(model, edit); ; windowEnd = grownWindowEnd(old, windowStart, windowEnd)) {
    const window = text.slice(windowStart, windowEnd + edit.delta);
    const reachesEnd = windowEnd === old.length;
    const scanWindow = (noCloserAfter: boolean) =>
      splice(model, text, firstTurn, edit, windowStart, { text: window, reachesEnd, noCloserAfter });
    const made =
      unlessWindowTooSmall(() => scanWindow(false)) ??
      (noCloserLineFrom(model, windowEnd) ? unlessWindowTooSmall(() => scanWindow(true)) : undefined);
    if (made) return made;
  }
}

/** A window end (in old offsets) at a line start, twice as far from `windowStart` as `windowEnd` or more. */
function grownWindowEnd(old: DocumentText, windowStart: number, windowEnd: number): number {
  const target = Math.min(old.length, windowEnd + Math.max(windowEnd - windowStart, MIN_GROWTH));
  const line = old.lineAt(target);
  return target === old.length || line + 1 >= old.lineCount ? old.length : old.lineStart(line + 1);
}

/** Code units a window grows by at least: a few pages of text, so a far closer takes few rescans. */
const MIN_GROWTH = 65536;

/** What `scan` made, or `undefined` when its window was too small. */
function unlessWindowTooSmall(scan: () => Transcript): Transcript | undefined {
  try {
    return scan();
  } catch (error) {
    if (error instanceof WindowTooSmall) return undefined;
    throw error;
  }
}

/**
 * Whether the old text has no `FILE>>>` line starting at `offset` or after it: true when a block left
 * open ends its opener line by then, since the scan that left it open found no closer anywhere after.
 * Lines from `offset` on are past the edit, so the new text has none there either.
 */
function noCloserLineFrom(model: Transcript, offset: number): boolean {
  const section = firstSectionWithUnclosedBlock(model);
  return section !== undefined && section.fileBlocks.find((block) => !block.closer)!.opener.end <= offset;
}

/** An edit in old-text offsets. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly inserted: string;
  readonly delta: number;
}

/**
 * A stretch of the new text from the rescan's start; `reachesEnd` when it runs to the end of the text,
 * `noCloserAfter` when no `FILE>>>` line starts after it, so a block it does not close is never closed.
 */
interface TextWindow {
  readonly text: string;
  readonly reachesEnd: boolean;
  readonly noCloserAfter: boolean;
}

/**
 * Where (in old offsets) the rescan window first ends: past the tag line of the turn after the edit,
 * where the rescan normally meets the old model again, and at a line start past the edit.
 */
function windowEndFor(model: Transcript, edit: Edit): number {
  const lines = model.lines;
  const afterEditLine = lines.lineAt(edit.end) + 1;
  let end = afterEditLine < lines.lineCount ? lines.lineStart(afterEditLine) : lines.textLength;
  const next = model.turns.at((model.turns.holding(edit.end)?.index ?? -1) + 1);
  if (next) end = Math.max(end, next.firstLine.end);
  return Math.min(lines.textLength, end);
}

/**
 * Rescans the window, which starts at old turn `keptTurns`, and keeps the old turns after the edit.
 * Throws `WindowTooSmall` when the window ends before the rescan meets the old model again, or (unless
 * no closer follows the window) before a FILE block's closer.
 */
function splice(
  model: Transcript,
  text: DocumentText,
  keptTurns: number,
  edit: Edit,
  base: number,
  window: TextWindow,
): Transcript {
  const scanLines = LineIndex.of(window.text);
  const insertedEnd = edit.start + edit.inserted.length;
  const turns = model.turns;
  let resumeTurn = -1;
  const scanned = scanSections(
    window.text,
    scanLines,
    0,
    (line) => {
      const start = base + scanLines.lineStart(line);
      if (start < insertedEnd) return false;
      const old = turns.holding(start - edit.delta);
      if (!old || old.span.start !== start - edit.delta) return false;
      resumeTurn = old.index;
      return true;
    },
    !window.reachesEnd && !window.noCloserAfter,
  );
  if (!window.reachesEnd && resumeTurn === -1) throw new WindowTooSmall();
  // A window starting after the preamble leaves it as it was; one from 0 starts at line 0, so needs no shift.
  const preamble = keptTurns === 0 ? scanned.preamble : model.preamble;
  const replaced = resumeTurn === -1 ? turns.count : resumeTurn;
  return { text, lines: text, preamble, turns: turns.replace(keptTurns, replaced, scanned.turns, endOf(text)) };
}

/**
 * The first old turn whose text the edit can change: the one holding the edit, or the one before when
 * the edit touches a speaker line (a removed tag merges the turn into its predecessor). A new `FILE>>>`
 * line can close a block left open (and recovered) anywhere before, so it reaches back to that block.
 */
function firstAffectedTurn(model: Transcript, editStart: number, closerAdded: boolean): number {
  const holding = model.turns.holding(editStart);
  let holder = holding ? holding.index : -1;
  if (holding && editStart <= holding.firstLine.end) holder--;
  if (closerAdded) {
    const unclosed = firstUnclosedBlockTurn(model);
    if (unclosed !== undefined && unclosed < holder) holder = unclosed;
  }
  return holder;
}

/** The first turn with a FILE block that is never closed, -1 for the preamble, or `undefined` for none. */
function firstUnclosedBlockTurn(model: Transcript): number | undefined {
  if (model.preamble?.fileBlocks.some((block) => !block.closer)) return -1;
  return model.turns.firstWithUnclosedBlock()?.index;
}

/** The preamble or the first turn with a FILE block that is never closed, if any. */
function firstSectionWithUnclosedBlock(model: Transcript): Section | undefined {
  if (model.preamble?.fileBlocks.some((block) => !block.closer)) return model.preamble;
  return model.turns.firstWithUnclosedBlock();
}

/** Whether a line the edit wrote is a `FILE>>>` closer; reads only the lines the edit touched. */
function addsCloser(model: Transcript, edit: Edit): boolean {
  const old = model.text;
  const from = old.lineStart(old.lineAt(edit.start));
  const to = old.lineEnd(old.lineAt(edit.end));
  const touched = old.slice(from, edit.start) + edit.inserted + old.slice(edit.end, to);
  return touched.split(/\r\n|\r|\n/).some((line) => isCloser(line, 0, line.length));
}
