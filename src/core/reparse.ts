import type { DocumentText } from './document-text';
import { LineIndex, type Range } from './lines';
import { setUnshifted, shiftProblem, shiftSpan, unshiftedTurns, type UnshiftedTurns } from './sections';
import type { Fence, FileBlock, Section, Transcript, Turn } from './model';
import { WindowTooSmall, parseTranscript, scanSections } from './parse';
import { isCloser } from './syntax';

/** One edit as LSP sends it in an incremental `didChange`; without a range it replaces the whole text. */
export interface TextChange {
  readonly range?: Range | undefined;
  readonly text: string;
}

/**
 * The model of the text after `change`, equal to `parseTranscript` of that text, made by rescanning
 * only from the turn before the edit to the first turn start after it that the old model also had.
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

  const before = OldTurns.of(model);
  let firstTurn = firstAffectedTurn(model, before, editStart, addsCloser(model, edit));
  if (firstTurn < 0) firstTurn = 0;
  const windowStart = firstTurn === 0 ? 0 : before.start(firstTurn);
  // The window grows (at least doubling) until the rescan meets the old model again and has seen the
  // closer of every FILE block it opened, or has reached the end of the text.
  for (let windowEnd = windowEndFor(model, before, edit); ; windowEnd = grownWindowEnd(old, windowStart, windowEnd)) {
    const window = text.slice(windowStart, windowEnd + edit.delta);
    const reachesEnd = windowEnd === old.length;
    const scanWindow = (noCloserAfter: boolean) =>
      splice(model, before, text, firstTurn, edit, windowStart, { text: window, reachesEnd, noCloserAfter });
    const made =
      unlessWindowTooSmall(() => scanWindow(false)) ??
      (noCloserLineFrom(model, before, windowEnd) ? unlessWindowTooSmall(() => scanWindow(true)) : undefined);
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
function noCloserLineFrom(model: Transcript, before: OldTurns, offset: number): boolean {
  const turn = firstUnclosedBlockTurn(model, before);
  if (turn === undefined) return false;
  const section = turn === -1 ? model.preamble! : before.at(turn);
  return section.fileBlocks.find((block) => !block.closer)!.opener.end <= offset;
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
function windowEndFor(model: Transcript, before: OldTurns, edit: Edit): number {
  const lines = model.lines;
  const afterEditLine = lines.lineAt(edit.end) + 1;
  let end = afterEditLine < lines.lineCount ? lines.lineStart(afterEditLine) : lines.textLength;
  const next = before.holding(edit.end) + 1;
  if (next < before.length) end = Math.max(end, before.at(next).firstLine.end);
  return Math.min(lines.textLength, end);
}

/**
 * Rescans the window, which starts at old turn `keptTurns`, and keeps the old turns after the edit.
 * Throws `WindowTooSmall` when the window ends before the rescan meets the old model again, or (unless
 * no closer follows the window) before a FILE block's closer.
 */
function splice(
  model: Transcript,
  before: OldTurns,
  text: DocumentText,
  keptTurns: number,
  edit: Edit,
  base: number,
  window: TextWindow,
): Transcript {
  const scanLines = LineIndex.of(window.text);
  const baseLine = text.lineAt(base);
  const insertedEnd = edit.start + edit.inserted.length;
  let resumeTurn = -1;
  const scanned = scanSections(
    window.text,
    scanLines,
    0,
    keptTurns,
    (line) => {
      const start = base + scanLines.lineStart(line);
      if (start < insertedEnd) return false;
      const oldIndex = before.startingAt(start - edit.delta);
      if (oldIndex === -1) return false;
      resumeTurn = oldIndex;
      return true;
    },
    !window.reachesEnd && !window.noCloserAfter,
  );
  if (!window.reachesEnd && resumeTurn === -1) throw new WindowTooSmall();
  const turns = before.prefix(keptTurns);
  for (const turn of scanned.turns) turns.push(shiftTurn(turn, base, baseLine, 0));
  const tail =
    resumeTurn === -1
      ? undefined
      : before.movedFrom(
          resumeTurn,
          edit.delta,
          text.lineCount - model.text.lineCount,
          turns.length - resumeTurn,
          turns,
        );
  // A window starting after the preamble leaves it as it was; one from 0 starts at line 0, so needs no shift.
  const preamble = keptTurns === 0 ? scanned.preamble : model.preamble;
  return editedModel(text, preamble, turns, tail);
}

/**
 * The turns of the model an edit applies to, read where they are. A model whose turns after its own
 * edit were never copied into place (see `editedModel`) is read through that tail, so a run of edits
 * with no feature reading `turns` in between does not copy every later turn once per edit: the next
 * model's tail is the same turns, moved by both edits.
 */
class OldTurns {
  readonly length: number;

  private constructor(
    /** Turns in place. */
    private readonly head: readonly Turn[],
    /** The turns after `head`, still to be moved; absent when `head` holds them all. */
    private readonly tail: UnshiftedTurns | undefined,
  ) {
    this.length = head.length + (tail ? tail.source.length - tail.from : 0);
  }

  static of(model: Transcript): OldTurns {
    const pending = unshiftedTurns(model);
    return pending ? new OldTurns(pending.head, pending) : new OldTurns(model.turns, undefined);
  }

  /** Turn `index` as it was before being moved: for what does not depend on where it is. */
  unmoved(index: number): Turn {
    const { head, tail } = this;
    return index < head.length ? head[index]! : tail!.source[tail!.from + index - head.length]!;
  }

  /** Where turn `index` starts. */
  start(index: number): number {
    const head = this.head;
    return index < head.length ? head[index]!.span.start : this.unmoved(index).span.start + this.tail!.delta;
  }

  /** Turn `index` in place: a moved copy when it is in the tail. */
  at(index: number): Turn {
    const { head, tail } = this;
    return index < head.length
      ? head[index]!
      : shiftTurn(this.unmoved(index), tail!.delta, tail!.lineDelta, tail!.indexDelta);
  }

  /** The first `count` turns in place, in a new array. */
  prefix(count: number): Turn[] {
    const turns = this.head.slice(0, count);
    for (let index = turns.length; index < count; index++) turns.push(this.at(index));
    return turns;
  }

  /** The turn whose span holds `offset`, or -1 when it lies in the preamble. */
  holding(offset: number): number {
    let low = 0;
    let high = this.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.start(mid) <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** The turn starting at `offset`, or -1. */
  startingAt(offset: number): number {
    const index = this.holding(offset);
    return index !== -1 && this.start(index) === offset ? index : -1;
  }

  /**
   * The turns from `index` on, moved by one more edit: those in `head` are copied onto `into` now (as
   * many as lie between the two edits), the rest stay where they are, as a tail moved by both edits.
   */
  movedFrom(index: number, delta: number, lineDelta: number, indexDelta: number, into: Turn[]): UnshiftedTurns {
    const { head, tail } = this;
    if (!tail) return { source: head, from: index, delta, lineDelta, indexDelta };
    for (let i = index; i < head.length; i++) into.push(shiftTurn(head[i]!, delta, lineDelta, indexDelta));
    return {
      source: tail.source,
      from: tail.from + Math.max(0, index - head.length),
      delta: tail.delta + delta,
      lineDelta: tail.lineDelta + lineDelta,
      indexDelta: tail.indexDelta + indexDelta,
    };
  }
}

/** Appends the turns of `tail`, each copied into place. */
function shiftInto(turns: Turn[], tail: UnshiftedTurns): Turn[] {
  for (let i = tail.from; i < tail.source.length; i++)
    turns.push(shiftTurn(tail.source[i]!, tail.delta, tail.lineDelta, tail.indexDelta));
  return turns;
}

/**
 * A model whose turns after the edit (`tail`) are copied into place when `turns` is first read: publishing the edit's diagnostics reads them where
 * they are (see `forEachSection`), so an edit allocates for the turns it touched, not for every turn
 * after it, until a feature asks for all of them. Made here, not in `splice`: getters defined there
 * would keep all of splice's variables alive, the previous model among them, and with it every earlier
 * version of the document.
 */
function editedModel(
  text: DocumentText,
  preamble: Section | undefined,
  head: Turn[],
  tail: UnshiftedTurns | undefined,
): Transcript {
  let pending = tail;
  const model: Transcript = {
    text,
    lines: text,
    preamble,
    get turns() {
      if (pending) {
        shiftInto(head, pending);
        pending = undefined;
        setUnshifted(model, undefined);
      }
      return head;
    },
  };
  setUnshifted(model, tail && { head, ...tail });
  return model;
}

/**
 * The first old turn whose text the edit can change: the one holding the edit, or the one before when
 * the edit touches a speaker line (a removed tag merges the turn into its predecessor). A new `FILE>>>`
 * line can close a block left open (and recovered) anywhere before, so it reaches back to that block.
 */
function firstAffectedTurn(model: Transcript, before: OldTurns, editStart: number, closerAdded: boolean): number {
  let holder = before.holding(editStart);
  if (holder !== -1 && editStart <= before.at(holder).firstLine.end) holder--;
  if (closerAdded) {
    const unclosed = firstUnclosedBlockTurn(model, before);
    if (unclosed !== undefined && unclosed < holder) holder = unclosed;
  }
  return holder;
}

function firstUnclosedBlockTurn(model: Transcript, before: OldTurns): number | undefined {
  if (model.preamble?.fileBlocks.some((block) => !block.closer)) return -1;
  for (let index = 0; index < before.length; index++) {
    // Whether a block is closed does not depend on where the turn is: no need to move it into place.
    if (before.unmoved(index).fileBlocks.some((block) => !block.closer)) return index;
  }
  return undefined;
}

/** Whether a line the edit wrote is a `FILE>>>` closer; reads only the lines the edit touched. */
function addsCloser(model: Transcript, edit: Edit): boolean {
  const old = model.text;
  const from = old.lineStart(old.lineAt(edit.start));
  const to = old.lineEnd(old.lineAt(edit.end));
  const touched = old.slice(from, edit.start) + edit.inserted + old.slice(edit.end, to);
  return touched.split(/\r\n|\r|\n/).some((line) => isCloser(line, 0, line.length));
}

function shiftBlock(block: FileBlock, delta: number, lineDelta: number): FileBlock {
  return {
    ...block,
    opener: shiftSpan(block.opener, delta),
    pathSpan: shiftSpan(block.pathSpan, delta),
    closer: block.closer && shiftSpan(block.closer, delta),
    content: shiftSpan(block.content, delta),
    span: shiftSpan(block.span, delta),
    startLine: block.startLine + lineDelta,
    endLine: block.endLine + lineDelta,
  };
}

function shiftFence(fence: Fence, delta: number, lineDelta: number): Fence {
  return {
    ...fence,
    opener: shiftSpan(fence.opener, delta),
    closer: fence.closer && shiftSpan(fence.closer, delta),
    span: shiftSpan(fence.span, delta),
    startLine: fence.startLine + lineDelta,
    endLine: fence.endLine + lineDelta,
  };
}

function shiftTurn(turn: Turn, delta: number, lineDelta: number, indexDelta: number): Turn {
  if (delta === 0 && lineDelta === 0 && indexDelta === 0) return turn;
  // Literals in the parser's property order, not spreads: this runs for every turn after the edit.
  return {
    span: shiftSpan(turn.span, delta),
    startLine: turn.startLine + lineDelta,
    endLine: turn.endLine + lineDelta,
    lastTextLine: turn.lastTextLine + lineDelta,
    fileBlocks: turn.fileBlocks.length
      ? turn.fileBlocks.map((block) => shiftBlock(block, delta, lineDelta))
      : turn.fileBlocks,
    fences: turn.fences.length ? turn.fences.map((fence) => shiftFence(fence, delta, lineDelta)) : turn.fences,
    problems: turn.problems.length ? turn.problems.map((problem) => shiftProblem(problem, delta)) : turn.problems,
    index: turn.index + indexDelta,
    speaker: turn.speaker,
    tag: shiftSpan(turn.tag, delta),
    label: shiftSpan(turn.label, delta),
    firstLine: shiftSpan(turn.firstLine, delta),
    // The turn's text is unchanged, so its word counts still hold.
    memo: turn.memo,
  };
}
