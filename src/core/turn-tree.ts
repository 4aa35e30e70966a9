import { lastAtOrBefore } from './document-text';
import type { Fence, FileBlock, FoundProblem, Span, StoredTurn, Turn } from './model';

/**
 * The turns of a document as a persistent tree. A stored turn knows only itself: its spans count from its
 * own first character and its lines from its own speaker line, and it knows how far it reaches (through
 * the line break before the next turn). A branch knows its children's totals: code units, line breaks,
 * turns, and the counts that let a walk skip subtrees (turns with problems, with FILE blocks, with a block
 * never closed). Absolute offsets, lines and turn numbers exist only on the way down, in the `Turn`s the
 * walks hand out.
 *
 * ```
 *                  Branch  length 25, breaks 3, turns 3
 *                 /                 |                  \
 *   "[A]: hi\n"  extent 8    "[B]: yo\nok\n"  extent 11    "[A]: x"  extent 6
 * ```
 * The third turn starts at 8 + 11 = 19 after the preamble, on line 1 + 2 = 3 after it, and is turn 2.
 *
 * An edit replaces the turns it touched with the ones a rescan found and rebuilds only their ancestors;
 * every other turn and subtree is shared with the tree before the edit, which stays valid. Nothing after
 * the edit is copied, shifted or renumbered (the scheme of @codemirror/state's `Text` and of rowan's
 * green nodes, with turns for leaves).
 */
export class TurnTree implements Iterable<Turn> {
  /** Where the first turn starts in the document, and on which line: after the preamble. */
  private readonly origin: Place;

  private constructor(
    private readonly root: Branch,
    end: Place,
  ) {
    this.origin = { offset: end.offset - root.length, line: end.line - root.lineBreaks };
  }

  /**
   * The tree over `turns` in order, the last running to `end`, the end of the document (its length and
   * its last line): the turns are the rest of the document after the preamble.
   *
   * @example `TurnTree.of([], { offset: 0, line: 0 }).count` is 0.
   */
  static of(turns: readonly StoredTurn[], end: Place): TurnTree {
    // Bottom up, `BRANCH` nodes at a time: a whole document needs no regrouping.
    let level: Node[] = [...turns];
    while (level.length > BRANCH) {
      const parents: Node[] = [];
      for (let from = 0; from < level.length; from += BRANCH)
        parents.push(new Branch(level.slice(from, from + BRANCH)));
      level = parents;
    }
    return new TurnTree(new Branch(level), end);
  }

  /** The number of turns. */
  get count(): number {
    return turnsIn(this.root);
  }

  /** Code units from the first turn's start to the end of the document. */
  get codeUnits(): number {
    return lengthOf(this.root);
  }

  /** Turn `index` (from 0), or `undefined` past the last. */
  at(index: number): Turn | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.descend('turnsBefore', index);
  }

  /** The turn holding `line`, or `undefined` when the line is in the preamble or past the end. */
  atLine(line: number): Turn | undefined {
    const relative = line - this.origin.line;
    if (relative < 0 || relative > breaksIn(this.root) || this.count === 0) return undefined;
    return this.descend('breaksBefore', line);
  }

  /**
   * The turn whose extent (from its tag through the line break before the next turn) holds `offset`; the
   * last turn for the document's end; `undefined` in the preamble.
   */
  holding(offset: number): Turn | undefined {
    if (offset < this.origin.offset || this.count === 0) return undefined;
    return this.descend('startOffsets', offset);
  }

  /** The turns from turn `index` on, in order. */
  *from(index: number): Generator<Turn, void, undefined> {
    const found: Turn[] = [];
    // Turns are handed out a subtree at a time: a generator per level would cost more than the turns.
    for (let next = Math.max(0, index); next < this.count; next += found.length) {
      found.length = 0;
      this.visit(next, (turn, offset, line, at) => {
        found.push(placed(turn, offset, line, at));
        return found.length < BATCH;
      });
      yield* found;
    }
  }

  [Symbol.iterator](): Iterator<Turn> {
    return this.from(0);
  }

  /**
   * The stored turns holding problems the parser found, in order, each with where it starts (offset, line,
   * turn number): a walk that skips the subtrees without any and places nothing it was not asked for.
   */
  withProblems(visit: (turn: StoredTurn, offset: number, line: number, index: number) => void): void {
    this.visit(0, (turn, offset, line, index) => (visit(turn, offset, line, index), true), 'problems');
  }

  /** The stored turns holding FILE blocks, in order, each with where it starts, as `withProblems` walks. */
  withFileBlocks(visit: (turn: StoredTurn, offset: number, line: number, index: number) => void): void {
    this.visit(0, (turn, offset, line, index) => (visit(turn, offset, line, index), true), 'blocks');
  }

  /** The first turn holding a FILE block that is never closed, found without reading the turns before it. */
  firstWithUnclosedBlock(): Turn | undefined {
    let found: Turn | undefined;
    this.visit(0, (turn, offset, line, index) => ((found = placed(turn, offset, line, index)), false), 'unclosed');
    return found;
  }

  /**
   * What `summary` makes of all the turns, read from the text `context`. Each branch keeps its summary
   * once made, so after an edit only the branches on the path to it are summed again, from their
   * children's kept summaries and the turns directly under them.
   *
   * @example With a summary counting turns, `tree.summarize(counting, text)` is `tree.count`; after one
   * edit in a tree of 100,000 turns, asking again adds up about 4 × 32 parts.
   */
  summarize<S, C>(summary: TurnSummary<S, C>, context: C): S {
    return summarized(this.root, this.origin.offset, this.origin.line, 0, summary, context);
  }

  /**
   * The turns under the branches that keep no sum of `summary` yet: what `summarize` would add one at a
   * time. A caller with a slow summary (a tokenizer's) can work through them a slice at a time first.
   *
   * @example After one edit in a summed tree of 100,000 turns, about 64 turns.
   */
  *unsummarized<S, C>(summary: TurnSummary<S, C>): Generator<Turn, void, undefined> {
    const kept = keptSummaries.get(summary);
    const found: Turn[] = [];
    const gather = (branch: Branch, offset: number, line: number, before: number): void => {
      if (kept?.has(branch)) return;
      branch.children.forEach((child, index) => {
        const [childOffset, childLine, childBefore] = [
          offset + branch.startOffsets[index]!,
          line + branch.breaksBefore[index]!,
          before + branch.turnsBefore[index]!,
        ];
        if (child instanceof Branch) gather(child, childOffset, childLine, childBefore);
        else found.push(placed(child, childOffset, childLine, childBefore));
      });
    };
    gather(this.root, this.origin.offset, this.origin.line, 0);
    yield* found;
  }

  /**
   * What `summary` makes of turns `[from, to)`: the kept summaries of the branches wholly inside, and the
   * turns of the branches at either end, so about 2 × 32 parts per level whatever the number of turns.
   *
   * @example With a summary counting turns, `tree.summarizeTurns(counting, text, 10, 20)` is 10.
   */
  summarizeTurns<S, C>(summary: TurnSummary<S, C>, context: C, from: number, to: number): S {
    const sum = summary.start();
    const add = (node: Node, offset: number, line: number, before: number): void => {
      const count = turnsIn(node);
      if (before >= to || before + count <= from) return;
      if (!(node instanceof Branch)) {
        summary.addTurn(sum, placed(node, offset, line, before), context);
        return;
      }
      if (from <= before && before + count <= to) {
        summary.addSummary(sum, summarized(node, offset, line, before, summary, context));
        return;
      }
      for (let index = 0; index < node.children.length; index++)
        add(
          node.children[index]!,
          offset + node.startOffsets[index]!,
          line + node.breaksBefore[index]!,
          before + node.turnsBefore[index]!,
        );
    };
    add(this.root, this.origin.offset, this.origin.line, 0);
    return sum;
  }

  /**
   * The tree with turns `[from, to)` replaced by `turns`, in a document that now ends at `end`. Costs the
   * new turns and the paths to them; this tree is unchanged and shares every other subtree.
   */
  replace(from: number, to: number, turns: readonly StoredTurn[], end: Place): TurnTree {
    const parts: Node[] = [];
    wholeNodes(this.root, 0, 0, from, parts);
    for (const turn of turns) parts.push(turn);
    wholeNodes(this.root, 0, to, this.count, parts);
    return new TurnTree(parts.length === 0 ? EMPTY : balanced(parts), end);
  }

  /**
   * Where the tree breaks its own rules, for tests: a branch whose totals are not its children's sums, or
   * a branch so deep or so unbalanced that lookups stop being logarithmic. Empty for a sound tree.
   */
  treeErrors(): string[] {
    const errors: string[] = [];
    const depth = check(this.root, errors);
    const count = this.count;
    if (count > 1 && depth > 2 + 2 * Math.ceil(Math.log(count) / Math.log(BRANCH)))
      errors.push(`depth ${depth} for ${count} turns`);
    return errors;
  }

  /**
   * The turn at `target`, a turn number, line or offset as `by` says: each branch is entered at its last
   * child starting at or before it, adding up where that child starts on the way down.
   */
  private descend(by: 'startOffsets' | 'breaksBefore' | 'turnsBefore', target: number): Turn {
    let node: Node = this.root;
    let { offset, line } = this.origin;
    let before = 0;
    while (node instanceof Branch) {
      const reached = by === 'startOffsets' ? offset : by === 'breaksBefore' ? line : before;
      const child = lastAtOrBefore(node[by], target - reached);
      offset += node.startOffsets[child]!;
      line += node.breaksBefore[child]!;
      before += node.turnsBefore[child]!;
      node = node.children[child]!;
    }
    return placed(node, offset, line, before);
  }

  /**
   * Calls `visit` with the stored turns from turn `index` on, each with where it starts (offset, line,
   * turn number), until it returns false. With `only`, subtrees whose count of that kind is 0 are skipped.
   */
  private visit(index: number, visit: Visitor, only?: Kind): void {
    walk(this.root, this.origin.offset, this.origin.line, 0, index, visit, only);
  }
}

/**
 * A value made from a run of turns by adding them one at a time, or whole runs already summed, in order.
 * It may depend on the turns' text but not on where they are (their offsets, lines or numbers): a branch's
 * summary is kept for every later version of the document that shares the branch. The parts given to
 * `addSummary` are kept too, and must not be changed.
 *
 * @example Turns per speaker: `start` is an empty map, `addTurn` counts the turn's speaker and
 * `addSummary` adds another map's counts.
 */
export interface TurnSummary<S, C> {
  /** The summary of no turns, to be added to. */
  start(): S;
  /** Adds `turn`, placed in the document, its text in `context`. */
  addTurn(into: S, turn: Turn, context: C): void;
  /** Adds the summary of the turns that follow those already in `into`. */
  addSummary(into: S, part: S): void;
}

/** Kept summaries, by summary and then by branch: a branch never changes, so what it sums to never does. */
const keptSummaries = new WeakMap<TurnSummary<unknown, never>, WeakMap<Branch, unknown>>();

function summarized<S, C>(
  branch: Branch,
  offset: number,
  line: number,
  before: number,
  summary: TurnSummary<S, C>,
  context: C,
): S {
  let kept = keptSummaries.get(summary) as WeakMap<Branch, S> | undefined;
  if (!kept) keptSummaries.set(summary, (kept = new WeakMap<Branch, S>()));
  const found = kept.get(branch);
  if (found !== undefined) return found;
  const sum = summary.start();
  const { children, startOffsets, breaksBefore, turnsBefore } = branch;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const childOffset = offset + startOffsets[index]!;
    const childLine = line + breaksBefore[index]!;
    const childBefore = before + turnsBefore[index]!;
    if (child instanceof Branch)
      summary.addSummary(sum, summarized(child, childOffset, childLine, childBefore, summary, context));
    else summary.addTurn(sum, placed(child, childOffset, childLine, childBefore), context);
  }
  kept.set(branch, sum);
  return sum;
}

/** A place in the document: an offset and its line. */
export interface Place {
  readonly offset: number;
  readonly line: number;
}

type Visitor = (turn: StoredTurn, offset: number, line: number, index: number) => boolean;
type Kind = 'problems' | 'blocks' | 'unclosed';

/** Children per branch that `balanced` aims at. */
const BRANCH = 32;
/** Turns a walk with `from` places before handing them out. */
const BATCH = 256;

class Branch {
  readonly length: number;
  readonly lineBreaks: number;
  readonly turns: number;
  readonly problems: number;
  readonly blocks: number;
  readonly unclosed: number;
  /** Where each child starts, from the branch's start; one more entry for the branch's end. */
  readonly startOffsets: Int32Array;
  /** The line breaks before each child, in the branch; one more entry for all of them. */
  readonly breaksBefore: Int32Array;
  /** The turns before each child, in the branch; one more entry for all of them. */
  readonly turnsBefore: Int32Array;
  /**
   * The indices of the children with a nonzero count of each kind: a walk for problems visits those
   * only, rather than asking every child of every branch it enters.
   */
  readonly childrenWith: Readonly<Record<Kind, Int32Array>>;

  constructor(readonly children: readonly Node[]) {
    const count = children.length;
    this.startOffsets = new Int32Array(count + 1);
    this.breaksBefore = new Int32Array(count + 1);
    this.turnsBefore = new Int32Array(count + 1);
    let length = 0;
    let breaks = 0;
    let turns = 0;
    let problems = 0;
    let blocks = 0;
    let unclosed = 0;
    const withProblems: number[] = [];
    const withBlocks: number[] = [];
    const withUnclosed: number[] = [];
    for (let index = 0; index < count; index++) {
      const child = children[index]!;
      this.startOffsets[index] = length;
      this.breaksBefore[index] = breaks;
      this.turnsBefore[index] = turns;
      length += lengthOf(child);
      breaks += breaksIn(child);
      turns += turnsIn(child);
      const childProblems = countOf(child, 'problems');
      const childBlocks = countOf(child, 'blocks');
      const childUnclosed = countOf(child, 'unclosed');
      if (childProblems > 0) withProblems.push(index);
      if (childBlocks > 0) withBlocks.push(index);
      if (childUnclosed > 0) withUnclosed.push(index);
      problems += childProblems;
      blocks += childBlocks;
      unclosed += childUnclosed;
    }
    this.childrenWith = {
      problems: Int32Array.from(withProblems),
      blocks: Int32Array.from(withBlocks),
      unclosed: Int32Array.from(withUnclosed),
    };
    this.startOffsets[count] = length;
    this.breaksBefore[count] = breaks;
    this.turnsBefore[count] = turns;
    this.length = length;
    this.lineBreaks = breaks;
    this.turns = turns;
    this.problems = problems;
    this.blocks = blocks;
    this.unclosed = unclosed;
  }
}

type Node = StoredTurn | Branch;

const EMPTY = new Branch([]);

function lengthOf(node: Node): number {
  return node instanceof Branch ? node.length : node.extent;
}

function breaksIn(node: Node): number {
  return node.lineBreaks;
}

function turnsIn(node: Node): number {
  return node instanceof Branch ? node.turns : 1;
}

function countOf(node: Node, kind: Kind): number {
  if (node instanceof Branch) return node[kind];
  if (kind === 'problems') return node.problems.length > 0 ? 1 : 0;
  const blocks = node.fileBlocks;
  if (kind === 'blocks') return blocks.length > 0 ? 1 : 0;
  for (let index = 0; index < blocks.length; index++) if (!blocks[index]!.closer) return 1;
  return 0;
}

/** Returns false when `visit` asked to stop. */
function walk(
  node: Node,
  offset: number,
  line: number,
  before: number,
  from: number,
  visit: Visitor,
  only: Kind | undefined,
): boolean {
  if (!(node instanceof Branch)) return before < from || visit(node, offset, line, before);
  const { children, startOffsets, breaksBefore, turnsBefore } = node;
  const first = Math.max(0, lastAtOrBefore(turnsBefore, from - before));
  if (only) {
    const holders = node.childrenWith[only];
    for (let at = 0; at < holders.length; at++) {
      const child = holders[at]!;
      if (child < first) continue;
      const next = children[child]!;
      if (
        !walk(
          next,
          offset + startOffsets[child]!,
          line + breaksBefore[child]!,
          before + turnsBefore[child]!,
          from,
          visit,
          only,
        )
      )
        return false;
    }
    return true;
  }
  for (let child = first; child < children.length; child++) {
    const next = children[child]!;
    const keepGoing = walk(
      next,
      offset + startOffsets[child]!,
      line + breaksBefore[child]!,
      before + turnsBefore[child]!,
      from,
      visit,
      only,
    );
    if (!keepGoing) return false;
  }
  return true;
}

/**
 * Appends the largest nodes under `node` whose turns all lie in `[from, to)`, in order; `before` is the
 * number of turns before `node`.
 */
function wholeNodes(node: Node, before: number, from: number, to: number, parts: Node[]): void {
  const count = turnsIn(node);
  if (from >= to || before >= to || before + count <= from) return;
  if (from <= before && before + count <= to) {
    parts.push(node);
    return;
  }
  const branch = node as Branch;
  branch.children.forEach((child, index) => wholeNodes(child, before + branch.turnsBefore[index]!, from, to, parts));
}

/**
 * A tree over `nodes`, in order, with about `BRANCH` children per branch: nodes much larger than a child
 * should be are opened, smaller ones are grouped under a new branch. The nodes an edit reused stay as they
 * are, so only the path to the edit is new (the scheme of @codemirror/state's `TextNode.from`, by turns).
 */
function balanced(nodes: readonly Node[]): Branch {
  let total = 0;
  for (const node of nodes) total += turnsIn(node);
  const chunk = Math.max(BRANCH, Math.ceil(total / BRANCH));
  if (total <= chunk) return new Branch(leavesOf(nodes));
  const largest = chunk * 2;
  const smallest = chunk / 2;
  const grouped: Node[] = [];
  let group: Node[] = [];
  let groupTurns = 0;
  const flush = (): void => {
    if (group.length === 0) return;
    grouped.push(group.length === 1 ? group[0]! : balanced(group));
    group = [];
    groupTurns = 0;
  };
  const add = (node: Node): void => {
    const turns = turnsIn(node);
    if (node instanceof Branch && turns > largest) {
      for (const child of node.children) add(child);
    } else if (turns > smallest && (groupTurns > smallest || group.length === 0)) {
      flush();
      grouped.push(node);
    } else {
      if (groupTurns + turns > chunk) flush();
      group.push(node);
      groupTurns += turns;
    }
  };
  for (const node of nodes) add(node);
  flush();
  return grouped.length === 1 && grouped[0] instanceof Branch ? grouped[0] : new Branch(grouped);
}

function leavesOf(nodes: readonly Node[]): StoredTurn[] {
  const leaves: StoredTurn[] = [];
  const gather = (node: Node): void => {
    if (node instanceof Branch) node.children.forEach(gather);
    else leaves.push(node);
  };
  nodes.forEach(gather);
  return leaves;
}

/** The depth of `node`, with errors for totals that are not the children's sums. */
function check(node: Node, errors: string[]): number {
  if (!(node instanceof Branch)) return 0;
  let depth = 0;
  const sums = { length: 0, lineBreaks: 0, turns: 0, problems: 0, blocks: 0, unclosed: 0 };
  for (const child of node.children) {
    depth = Math.max(depth, check(child, errors));
    sums.length += lengthOf(child);
    sums.lineBreaks += breaksIn(child);
    sums.turns += turnsIn(child);
    sums.problems += countOf(child, 'problems');
    sums.blocks += countOf(child, 'blocks');
    sums.unclosed += countOf(child, 'unclosed');
  }
  for (const [total, sum] of Object.entries(sums))
    if (node[total as keyof typeof sums] !== sum)
      errors.push(`a branch has ${total} ${node[total as keyof typeof sums]}, its children ${sum}`);
  return depth + 1;
}

/**
 * A stored turn placed in the document: a `Turn` whose offsets, lines and number are absolute, made for
 * the feature that asked and never stored.
 */
function placed(turn: StoredTurn, offset: number, line: number, index: number): Turn {
  // Literals in one property order, not spreads: a walk over the whole outline makes one per turn.
  return {
    span: moved(turn.span, offset),
    startLine: line,
    endLine: turn.endLine + line,
    lastTextLine: turn.lastTextLine + line,
    fileBlocks: turn.fileBlocks.length ? turn.fileBlocks.map((block) => movedBlock(block, offset, line)) : NONE,
    fences: turn.fences.length ? turn.fences.map((fence) => movedFence(fence, offset, line)) : NONE,
    problems: turn.problems.length ? turn.problems.map((problem) => movedProblem(problem, offset)) : NONE,
    index,
    speaker: turn.speaker,
    tag: moved(turn.tag, offset),
    label: moved(turn.label, offset),
    firstLine: moved(turn.firstLine, offset),
    memo: turn.memo,
  };
}

const NONE: readonly never[] = Object.freeze([]);

export function moved(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

export function movedBlock(block: FileBlock, delta: number, lineDelta: number): FileBlock {
  return {
    path: block.path,
    opener: moved(block.opener, delta),
    pathSpan: moved(block.pathSpan, delta),
    closer: block.closer && moved(block.closer, delta),
    content: moved(block.content, delta),
    contentLines: block.contentLines,
    span: moved(block.span, delta),
    startLine: block.startLine + lineDelta,
    endLine: block.endLine + lineDelta,
  };
}

export function movedFence(fence: Fence, delta: number, lineDelta: number): Fence {
  return {
    info: fence.info,
    opener: moved(fence.opener, delta),
    closer: fence.closer && moved(fence.closer, delta),
    span: moved(fence.span, delta),
    startLine: fence.startLine + lineDelta,
    endLine: fence.endLine + lineDelta,
    codeLines: fence.codeLines,
  };
}

export function movedProblem<P extends FoundProblem>(problem: P, delta: number): P {
  const span = moved(problem.span, delta);
  if (!problem.related) return { ...problem, span };
  return { ...problem, span, related: problem.related.map((place) => ({ ...place, span: moved(place.span, delta) })) };
}
