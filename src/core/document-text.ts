import { type LineIndex, type Lines, type Position, type Range, lineBreakEnds } from './lines';

/**
 * A document's text as a persistent tree of chunks, each with the starts of the lines that begin in it.
 *
 * An edit replaces the chunks it touches and rebuilds their ancestors; every other chunk and subtree is
 * shared with the text before the edit, which stays valid. Nothing after the edit is copied or shifted:
 * a branch knows only its children's lengths and line counts, and offsets and line numbers are added up
 * on the way down. This is @codemirror/state's `Text` (a 32-ary tree rebuilt along one path), except
 * that line breaks are kept as written: `\n`, `\r\n` and `\r` all stay in the chunks, so an offset here is
 * an offset into the document as the editor has it, and a FILE block's content reads back byte for byte.
 *
 * ```
 *              Branch  length 14, breaks 3
 *             /                      \
 *    Leaf "[A]: hi\r\n"        Leaf "yo\n[B]: x"
 *    breaks [9]                breaks [3]
 * ```
 * Line 2 (`[B]: x`) starts at 9 + 3 = 12: the left leaf's length plus the right leaf's break at 3.
 *
 * Chunks are never split between the `\r` and the `\n` of one line break, so each line break lies in one
 * chunk, and a chunk's line starts are all it needs to know about lines.
 */
export class DocumentText implements Lines {
  /** The chunk that the last lookup found, with where it starts: runs of lookups in order start from it. */
  private recent: Located;

  private constructor(private readonly root: Node) {
    this.recent = { leaf: firstLeaf(root), start: 0, breaksBefore: 0 };
  }

  /**
   * The text of `text`, whose line starts `lines` has already found (the parser's index of the same text).
   *
   * @example `DocumentText.of('a\r\nb', LineIndex.of('a\r\nb')).lineStart(1)` is 3.
   */
  static of(text: string, lines: LineIndex): DocumentText {
    const leaves: Leaf[] = [];
    let line = 1;
    for (let from = 0; from < text.length;) {
      const to = chunkEnd(text, from, text.length);
      const first = line;
      while (line < lines.lineCount && lines.lineStart(line) <= to) line++;
      const breaks = new Int32Array(line - first);
      for (let i = 0; i < breaks.length; i++) breaks[i] = lines.lineStart(first + i) - from;
      leaves.push(new Leaf(text.slice(from, to), breaks));
      from = to;
    }
    return new DocumentText(leaves.length === 0 ? EMPTY : balanced(leaves));
  }

  get length(): number {
    return this.root.length;
  }

  get textLength(): number {
    return this.root.length;
  }

  get lineCount(): number {
    return this.root.lineBreaks + 1;
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.root.length) return NaN;
    const found = this.locate(offset);
    return found.leaf.text.charCodeAt(offset - found.start);
  }

  /** The text of `[from, to)`, clamped to the text: one chunk's slice, or the chunks it spans joined. */
  slice(from: number, to: number = this.root.length): string {
    const start = Math.max(0, from);
    const end = Math.min(this.root.length, to);
    if (start >= end) return '';
    const found = this.locate(start);
    if (end <= found.start + found.leaf.length) return found.leaf.text.slice(start - found.start, end - found.start);
    const pieces: string[] = [];
    collect(this.root, 0, start, end, pieces);
    return pieces.join('');
  }

  /** The whole text in one string: a copy of the document, for what needs all of it at once. */
  toString(): string {
    return this.slice(0, this.root.length);
  }

  /**
   * The text with `[from, to)` replaced by `inserted`. Costs the chunks the edit touches and the path to
   * them; the text before the edit is unchanged and shares everything else with the new one.
   *
   * @example `DocumentText.of('[A]: hi', …).replace(5, 7, 'yo').toString()` is `[A]: yo`.
   */
  replace(from: number, to: number, inserted: string): DocumentText {
    const length = this.root.length;
    if (length === 0) return new DocumentText(inserted ? balanced(leavesOf(inserted)) : EMPTY);
    const first = this.locate(from);
    let regionStart = first.start;
    let regionEnd = to > from ? endOf(this.locate(to - 1)) : endOf(first);
    let region = first.leaf.text.slice(0, from - regionStart) + inserted + this.slice(to, regionEnd);
    // A `\r` and a `\n` brought together by the edit make one line break, which must lie in one chunk.
    const joinsBefore = (): boolean =>
      regionStart > 0 &&
      this.charCodeAt(regionStart - 1) === CR &&
      (region ? region.charCodeAt(0) : this.charCodeAt(regionEnd)) === LF;
    if (joinsBefore()) {
      const previous = this.locate(regionStart - 1);
      region = previous.leaf.text + region;
      regionStart = previous.start;
    }
    // Joining a short region to the chunk after it keeps keystrokes from leaving chunks of a few characters.
    if (
      regionEnd < length &&
      ((region.length > 0 && region.charCodeAt(region.length - 1) === CR && this.charCodeAt(regionEnd) === LF) ||
        region.length < LEAF_TARGET / 2)
    ) {
      const next = this.locate(regionEnd);
      region += next.leaf.text;
      regionEnd = endOf(next);
    }
    const parts: Node[] = [];
    wholeNodes(this.root, 0, 0, regionStart, parts);
    for (const leaf of leavesOf(region)) parts.push(leaf);
    wholeNodes(this.root, 0, regionEnd, length, parts);
    return new DocumentText(parts.length === 0 ? EMPTY : balanced(parts));
  }

  lineStart(line: number): number {
    if (line <= 0) return 0;
    const found = this.locateBreak(Math.min(line, this.root.lineBreaks));
    return found.start + found.leaf.breaks[line - found.breaksBefore - 1]!;
  }

  /** The line holding `offset` (clamped to the text). */
  lineAt(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.root.length));
    if (clamped === this.root.length) return this.root.lineBreaks;
    const found = this.locate(clamped);
    return found.breaksBefore + breaksThrough(found.leaf.breaks, clamped - found.start);
  }

  /** Offset of the end of `line`'s content, before its terminator. */
  lineEnd(line: number): number {
    if (line + 1 > this.root.lineBreaks) return this.root.length;
    let end = this.lineStart(line + 1);
    if (end > 0 && this.charCodeAt(end - 1) === LF) end--;
    if (end > 0 && this.charCodeAt(end - 1) === CR) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.root.length));
    if (clamped === this.root.length) {
      const line = this.root.lineBreaks;
      return { line, character: clamped - this.lineStart(line) };
    }
    const found = this.locate(clamped);
    const through = breaksThrough(found.leaf.breaks, clamped - found.start);
    const line = found.breaksBefore + through;
    // Most lines start in the chunk that holds the offset: no second walk down the tree for them.
    const lineStart = through > 0 ? found.start + found.leaf.breaks[through - 1]! : this.lineStart(line);
    return { line, character: clamped - lineStart };
  }

  /** The offset of `position`, clamped to its line (a character past the line's end is its end). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line > this.root.lineBreaks) return this.root.length;
    const start = this.lineStart(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), this.lineEnd(position.line)));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /**
   * Where the tree breaks its own rules, for tests: a branch whose length or line count is not its
   * children's sum, an empty chunk, a chunk whose line starts are not its line breaks, or a line break
   * split between two chunks. Empty for a sound tree.
   */
  treeErrors(): string[] {
    const errors: string[] = [];
    const leaves: Leaf[] = [];
    check(this.root, errors, leaves);
    leaves.forEach((leaf, index) => {
      if (leaf.length === 0 && leaves.length > 1) errors.push(`chunk ${index} is empty`);
      const expected = lineBreakEnds(leaf.text);
      if (expected.join() !== leaf.breaks.join()) errors.push(`chunk ${index} has line starts ${leaf.breaks.join()}`);
      const next = leaves[index + 1];
      if (next && leaf.text.charCodeAt(leaf.length - 1) === CR && next.text.charCodeAt(0) === LF)
        errors.push(`a \\r\\n is split after chunk ${index}`);
    });
    return errors;
  }

  /** The chunk holding `offset` (the last one for the text's end), with where it starts. */
  private locate(offset: number): Located {
    const recent = this.recent;
    if (offset >= recent.start && offset < recent.start + recent.leaf.length) return recent;
    let node = this.root;
    let start = 0;
    let breaksBefore = 0;
    while (node instanceof Branch) {
      const index = Math.min(lastAtOrBefore(node.startOffsets, offset - start), node.children.length - 1);
      start += node.startOffsets[index]!;
      breaksBefore += node.breaksBefore[index]!;
      node = node.children[index]!;
    }
    this.recent = { leaf: node, start, breaksBefore };
    return this.recent;
  }

  /** The chunk holding line break number `count` (from 1), with where it starts. */
  private locateBreak(count: number): Located {
    const recent = this.recent;
    if (count > recent.breaksBefore && count <= recent.breaksBefore + recent.leaf.breaks.length) return recent;
    let node = this.root;
    let start = 0;
    let breaksBefore = 0;
    while (node instanceof Branch) {
      // The child that holds break `count` is the last one with fewer breaks before it.
      const index = lastAtOrBefore(node.breaksBefore, count - breaksBefore - 1);
      start += node.startOffsets[index]!;
      breaksBefore += node.breaksBefore[index]!;
      node = node.children[index]!;
    }
    this.recent = { leaf: node, start, breaksBefore };
    return this.recent;
  }
}

const LF = 10;
const CR = 13;
/** Characters per chunk when a text is cut up; an edit leaves chunks of a quarter to twice this. */
const LEAF_TARGET = 4096;
/** Children per branch that `balanced` aims at. */
const BRANCH = 32;

/** A stretch of the text and the offsets, from its start, of the lines that begin in it (after a break in it). */
class Leaf {
  readonly length: number;
  readonly lineBreaks: number;
  constructor(
    readonly text: string,
    readonly breaks: Int32Array,
  ) {
    this.length = text.length;
    this.lineBreaks = breaks.length;
  }
}

class Branch {
  readonly length: number;
  readonly lineBreaks: number;
  /** Where each child starts, from the branch's start; one more entry for the branch's end. */
  readonly startOffsets: Int32Array;
  /** The line breaks before each child, in the branch; one more entry for all of them. */
  readonly breaksBefore: Int32Array;

  constructor(readonly children: readonly Node[]) {
    this.startOffsets = new Int32Array(children.length + 1);
    this.breaksBefore = new Int32Array(children.length + 1);
    let length = 0;
    let breaks = 0;
    children.forEach((child, index) => {
      this.startOffsets[index] = length;
      this.breaksBefore[index] = breaks;
      length += child.length;
      breaks += child.lineBreaks;
    });
    this.startOffsets[children.length] = length;
    this.breaksBefore[children.length] = breaks;
    this.length = length;
    this.lineBreaks = breaks;
  }
}

type Node = Leaf | Branch;

interface Located {
  readonly leaf: Leaf;
  readonly start: number;
  readonly breaksBefore: number;
}

const EMPTY = new Leaf('', new Int32Array(0));

function endOf(found: Located): number {
  return found.start + found.leaf.length;
}

function firstLeaf(node: Node): Leaf {
  while (node instanceof Branch) node = node.children[0]!;
  return node;
}

/** The last index of the ascending `values` (without their final entry) whose value is at most `target`. */
export function lastAtOrBefore(values: Int32Array, target: number): number {
  let low = 0;
  let high = values.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (values[mid]! <= target) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** How many of a chunk's line starts are at or before `offset` in it. */
function breaksThrough(breaks: Int32Array, offset: number): number {
  let low = 0;
  let high = breaks.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (breaks[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where the chunk starting at `from` ends: about `LEAF_TARGET` on, never between a `\r` and its `\n`. */
function chunkEnd(text: string, from: number, end: number): number {
  let to = Math.min(end, from + LEAF_TARGET);
  // The last chunk takes a short rest rather than leave a chunk of a few characters.
  if (end - to < LEAF_TARGET / 4) to = end;
  if (to < end && text.charCodeAt(to - 1) === CR && text.charCodeAt(to) === LF) to++;
  return to;
}

function leavesOf(text: string): Leaf[] {
  const leaves: Leaf[] = [];
  for (let from = 0; from < text.length;) {
    const to = chunkEnd(text, from, text.length);
    const piece = text.slice(from, to);
    leaves.push(new Leaf(piece, lineBreakEnds(piece)));
    from = to;
  }
  return leaves;
}

/** Appends the text of `[from, to)` under `node`, which starts at `start`, to `pieces`. */
function collect(node: Node, start: number, from: number, to: number, pieces: string[]): void {
  if (node instanceof Leaf) {
    pieces.push(node.text.slice(Math.max(0, from - start), Math.min(node.length, to - start)));
    return;
  }
  node.children.forEach((child, index) => {
    const childStart = start + node.startOffsets[index]!;
    if (childStart < to && childStart + child.length > from) collect(child, childStart, from, to, pieces);
  });
}

/**
 * Appends the largest nodes under `node` (which starts at `start`) that lie inside `[from, to)`, in order.
 * `from` and `to` are chunk boundaries, so whole nodes cover the range exactly.
 */
function wholeNodes(node: Node, start: number, from: number, to: number, parts: Node[]): void {
  if (from >= to) return;
  const end = start + node.length;
  if (from <= start && end <= to) {
    parts.push(node);
    return;
  }
  if (node instanceof Leaf) return;
  node.children.forEach((child, index) => {
    const childStart = start + node.startOffsets[index]!;
    if (childStart < to && childStart + child.length > from) wholeNodes(child, childStart, from, to, parts);
  });
}

/**
 * A tree over `nodes`, in order, with about `BRANCH` children per branch: nodes much larger than a
 * child should be are opened, smaller ones are grouped under a new branch. The nodes an edit reused
 * stay as they are, so only the path to the edit is new (the scheme of @codemirror/state's `TextNode.from`).
 */
function balanced(nodes: readonly Node[]): Node {
  if (nodes.length === 1) return nodes[0]!;
  let total = 0;
  for (const node of nodes) total += node.length;
  const chunk = Math.max(LEAF_TARGET * BRANCH, Math.ceil(total / BRANCH));
  if (total <= chunk) return new Branch(compacted(nodes));
  const largest = chunk * 2;
  const smallest = chunk / 2;
  const grouped: Node[] = [];
  let group: Node[] = [];
  let groupLength = 0;
  const flush = (): void => {
    if (group.length === 0) return;
    grouped.push(group.length === 1 ? group[0]! : balanced(group));
    group = [];
    groupLength = 0;
  };
  const add = (node: Node): void => {
    if (node instanceof Branch && node.length > largest) {
      for (const child of node.children) add(child);
    } else if (node.length > smallest && (groupLength > smallest || group.length === 0)) {
      flush();
      grouped.push(node);
    } else {
      if (groupLength + node.length > chunk) flush();
      group.push(node);
      groupLength += node.length;
    }
  };
  for (const node of nodes) add(node);
  flush();
  return grouped.length === 1 ? grouped[0]! : new Branch(grouped);
}

/** The chunks under `nodes`, with neighbours that are both short joined into one. */
function compacted(nodes: readonly Node[]): Leaf[] {
  const leaves: Leaf[] = [];
  for (const node of nodes) gatherLeaves(node, leaves);
  const joined: Leaf[] = [];
  for (const leaf of leaves) {
    const last = joined[joined.length - 1];
    if (last && last.length + leaf.length <= LEAF_TARGET) joined[joined.length - 1] = joinedLeaf(last, leaf);
    else joined.push(leaf);
  }
  return joined;
}

function joinedLeaf(first: Leaf, second: Leaf): Leaf {
  const breaks = new Int32Array(first.breaks.length + second.breaks.length);
  breaks.set(first.breaks);
  for (let i = 0; i < second.breaks.length; i++) breaks[first.breaks.length + i] = second.breaks[i]! + first.length;
  return new Leaf(first.text + second.text, breaks);
}

function gatherLeaves(node: Node, leaves: Leaf[]): void {
  if (node instanceof Leaf) leaves.push(node);
  else for (const child of node.children) gatherLeaves(child, leaves);
}

function check(node: Node, errors: string[], leaves: Leaf[]): void {
  if (node instanceof Leaf) {
    leaves.push(node);
    return;
  }
  let length = 0;
  let breaks = 0;
  for (const child of node.children) {
    check(child, errors, leaves);
    length += child.length;
    breaks += child.lineBreaks;
  }
  if (length !== node.length) errors.push(`a branch has length ${node.length}, its children ${length}`);
  if (breaks !== node.lineBreaks) errors.push(`a branch has ${node.lineBreaks} line breaks, its children ${breaks}`);
}
