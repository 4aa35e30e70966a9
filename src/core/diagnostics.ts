import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentText } from './document-text';
import type {
  FileBlock,
  FoundProblem,
  Problem,
  Section,
  Severity,
  StoredTurn,
  Transcript,
  Turn,
  TurnMemo,
} from './model';
import { compareProblems } from './parse';
import { moved, movedProblem } from './turn-tree';
import { type MessageTable, problemMessage, relatedMessage } from './messages';
import { ENGLISH } from './messages-en';

export const DIAGNOSTIC_SOURCE = 'transcript';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Every problem of the document in document order: those found while parsing, and FILE paths given twice
 * with different content. The values that depend on the whole document (`DocumentValues`) are computed
 * here, so no edit elsewhere has to correct what the parser stored.
 *
 * @example `FILE>>>` on line 3 with no block open gives one Error, code `file-block/stray-closer`, on line 3.
 */
export function problems(model: Transcript): Problem[] {
  const found: Problem[] = [];
  const turns = model.turns.count;
  const add = (own: readonly FoundProblem[], offset: number, turnsThrough: number): void => {
    for (const stored of own) found.push(placedProblem(stored, offset, turns - turnsThrough));
  };
  if (model.preamble) add(model.preamble.problems, 0, 0);
  model.turns.withProblems((turn, offset, _line, index) => add(turn.problems, offset, index + 1));
  const duplicates = duplicatePathProblems(model);
  return duplicates.length === 0 ? found : merged(found, duplicates);
}

/**
 * The problems of `sections`, consecutive sections as `sectionsOnLines` gives them, as `problems` reports
 * them: the cost is theirs, and the duplicate FILE paths' check when they hold a path.
 */
export function problemsOfSections(model: Transcript, sections: readonly Section[]): Problem[] {
  const found: Problem[] = [];
  const turns = model.turns.count;
  for (const section of sections) {
    const turnsThrough = 'index' in section ? (section as Turn).index + 1 : 0;
    for (const problem of section.problems) found.push(placedProblem(problem, 0, turns - turnsThrough));
  }
  if (!sections.some((section) => section.fileBlocks.some((block) => block.path))) return found;
  const first = sections[0]!.span.start;
  const last = sections[sections.length - 1]!.span.end;
  const duplicates = duplicatePathProblems(model).filter(
    (problem) => problem.span.start >= first && problem.span.start <= last,
  );
  return duplicates.length === 0 ? found : merged(found, duplicates);
}

/** FILE paths given twice with different content, in document order. */
function duplicatePathProblems(model: Transcript): Problem[] {
  const holders = blockHolders(model);
  return duplicatePaths(model.text, holders).map(({ at, index, firstAt, firstIndex }) => {
    const block = holders.blocks[at]![index]!;
    const first = holders.blocks[firstAt]![firstIndex]!;
    return {
      code: 'file-block/duplicate-path',
      severity: 'information',
      span: moved(block.pathSpan, holders.offsets[at]!),
      values: { path: block.path },
      related: [
        {
          span: moved(first.pathSpan, holders.offsets[firstAt]!),
          code: 'file-block/first-path',
          values: { path: block.path },
        },
      ],
    };
  });
}

/**
 * A stored problem at `offset`, with the speaker lines a block never closed swallows: every speaker line
 * after it starts a turn, so no later block is closed either, and `swallowed` turns follow it.
 */
function placedProblem(stored: FoundProblem, offset: number, swallowed: number): Problem {
  const problem = offset === 0 ? stored : movedProblem(stored, offset);
  return problem.code === 'file-block/unterminated'
    ? { ...problem, values: { ...problem.values, swallowed } }
    : problem;
}

/**
 * Two lists of problems in `compareProblems` order as one: a merge rather than a sort, since a large transcript can have thousands of each at every keystroke.
 */
function merged(first: readonly Problem[], second: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length)
    out.push(compareProblems(first[i]!, second[j]!) <= 0 ? first[i++]! : second[j++]!);
  while (i < first.length) out.push(first[i++]!);
  while (j < second.length) out.push(second[j++]!);
  return out;
}

/**
 * `problems` as LSP diagnostics with the messages of `messages` (English unless the client asks for
 * another language); related information points into the document at `uri`.
 */
export function diagnostics(model: Transcript, uri: string, messages: MessageTable = ENGLISH): Diagnostic[] {
  const found: Diagnostic[] = [];
  const turns = model.turns.count;
  for (const problem of model.preamble?.problems ?? [])
    found.push(toDiagnostic(model, placedProblem(problem, 0, turns), uri, messages));
  model.turns.withProblems((turn, offset, line, index) => {
    const kept = turnDiagnostics(model, turn, offset, line, uri, messages);
    for (let at = 0; at < kept.length; at++) {
      const relative = kept[at];
      if (relative) {
        found.push(placedDiagnostic(relative, line));
        continue;
      }
      found.push(toDiagnostic(model, placedProblem(turn.problems[at]!, offset, turns - index - 1), uri, messages));
    }
  });
  const holders = blockHolders(model);
  const duplicates = duplicatePaths(model.text, holders);
  if (duplicates.length === 0) return found;
  const pathRange = (at: number, index: number): Range =>
    movedRange(pathRanges(model, holders, at)[index]!, holders.lines[at]!);
  const duplicateDiagnostics = duplicates.map(({ at, index, firstAt, firstIndex }): Diagnostic => {
    const values = { path: holders.blocks[at]![index]!.path };
    const problem = { code: 'file-block/duplicate-path', severity: 'information', values } as const;
    return {
      range: pathRange(at, index),
      severity: SEVERITIES[problem.severity],
      code: problem.code,
      source: DIAGNOSTIC_SOURCE,
      message: problemMessage(messages, problem),
      relatedInformation: [
        {
          location: { uri, range: pathRange(firstAt, firstIndex) },
          message: relatedMessage(messages, { code: 'file-block/first-path', values }),
        },
      ],
    };
  });
  return mergedDiagnostics(found, duplicateDiagnostics);
}

/** The ranges of the FILE paths of each stored turn, by block, with lines counted from its speaker line. */
const keptPathRanges = new WeakMap<StoredTurn, readonly Range[]>();

function pathRanges(model: Transcript, holders: BlockHolders, at: number): readonly Range[] {
  const turn = holders.turns[at];
  const kept = turn && keptPathRanges.get(turn);
  if (kept) return kept;
  const offset = holders.offsets[at]!;
  const ranges = holders.blocks[at]!.map(({ pathSpan }) =>
    movedRange(model.lines.rangeOf(pathSpan.start + offset, pathSpan.end + offset), -holders.lines[at]!),
  );
  if (turn) keptPathRanges.set(turn, ranges);
  return ranges;
}

/** A stored turn's diagnostics with lines counted from its speaker line, and what they were made for. */
interface KeptDiagnostics {
  readonly uri: string;
  readonly messages: MessageTable;
  /** One per problem of the turn; none for a `file-block/unterminated`, whose message counts later turns. */
  readonly relative: readonly (TranscriptDiagnostic | undefined)[];
}

/**
 * Diagnostics by stored turn: a turn an edit did not touch keeps its problems, their messages and, counted
 * from its own speaker line, their ranges (a turn starts a line, so characters do not depend on where).
 */
const keptDiagnostics = new WeakMap<StoredTurn, KeptDiagnostics>();

function turnDiagnostics(
  model: Transcript,
  turn: StoredTurn,
  offset: number,
  line: number,
  uri: string,
  messages: MessageTable,
): readonly (TranscriptDiagnostic | undefined)[] {
  const kept = keptDiagnostics.get(turn);
  if (kept && kept.uri === uri && kept.messages === messages) return kept.relative;
  const relative = turn.problems.map((stored) =>
    stored.code === 'file-block/unterminated'
      ? undefined
      : placedDiagnostic(toDiagnostic(model, placedProblem(stored, offset, 0), uri, messages), -line),
  );
  keptDiagnostics.set(turn, { uri, messages, relative });
  return relative;
}

/** `diagnostic` with every line moved by `lines`. */
function placedDiagnostic(diagnostic: TranscriptDiagnostic, lines: number): TranscriptDiagnostic {
  const placed: TranscriptDiagnostic = {
    range: movedRange(diagnostic.range, lines),
    severity: diagnostic.severity,
    code: diagnostic.code,
    source: diagnostic.source,
    message: diagnostic.message,
  };
  if (diagnostic.relatedInformation)
    placed.relatedInformation = diagnostic.relatedInformation.map(({ location, message }) => ({
      location: { uri: location.uri, range: movedRange(location.range, lines) },
      message,
    }));
  return placed;
}

function movedRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/** Two lists of diagnostics in `compareProblems` order (by start, then code) as one. */
function mergedDiagnostics(first: readonly Diagnostic[], second: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length)
    out.push(compareDiagnostics(first[i]!, second[j]!) <= 0 ? first[i++]! : second[j++]!);
  while (i < first.length) out.push(first[i++]!);
  while (j < second.length) out.push(second[j++]!);
  return out;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const [aCode, bCode] = [String(a.code), String(b.code)];
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (aCode < bCode ? -1 : aCode > bCode ? 1 : 0)
  );
}

/** A diagnostic as this product makes them: always with a severity, a code and its source. */
export type TranscriptDiagnostic = Diagnostic & Required<Pick<Diagnostic, 'severity' | 'code' | 'source'>>;

export function toDiagnostic(
  model: Transcript,
  problem: Problem,
  uri: string,
  messages: MessageTable = ENGLISH,
): TranscriptDiagnostic {
  const diagnostic: TranscriptDiagnostic = {
    range: model.lines.rangeOf(problem.span.start, problem.span.end),
    severity: SEVERITIES[problem.severity],
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
    message: problemMessage(messages, problem),
  };
  if (problem.related) {
    diagnostic.relatedInformation = problem.related.map((place) => ({
      location: { uri, range: model.lines.rangeOf(place.span.start, place.span.end) },
      message: relatedMessage(messages, place),
    }));
  }
  return diagnostic;
}

/**
 * The sections with FILE blocks as stored: their blocks, the offset and line their spans count from, and
 * the stored turn (none for the preamble). Lists of one length rather than a record per section, since
 * publishing the problems of a large transcript makes them at every keystroke.
 */
interface BlockHolders {
  readonly blocks: (readonly FileBlock[])[];
  readonly offsets: number[];
  readonly lines: number[];
  readonly turns: (StoredTurn | undefined)[];
}

function blockHolders(model: Transcript): BlockHolders {
  const holders: BlockHolders = { blocks: [], offsets: [], lines: [], turns: [] };
  if (model.preamble?.fileBlocks.length) {
    holders.blocks.push(model.preamble.fileBlocks);
    holders.offsets.push(0);
    holders.lines.push(0);
    holders.turns.push(undefined);
  }
  model.turns.withFileBlocks((turn, offset, line) => {
    holders.blocks.push(turn.fileBlocks);
    holders.offsets.push(offset);
    holders.lines.push(line);
    holders.turns.push(turn);
  });
  return holders;
}

/** A FILE path given again with different content: the block (holder and index there) and the path's first block. */
interface DuplicatePath {
  readonly at: number;
  readonly index: number;
  readonly firstAt: number;
  readonly firstIndex: number;
}

/**
 * The duplicates found lately, each with the FILE-block lists it was found in. An edit that touches no
 * turn with a block leaves the same lists in the same order, and so the same duplicates: typing in prose
 * does not read every path of the document again. A few entries, for a few documents edited in turn.
 */
const recentDuplicates: { readonly blocks: readonly (readonly FileBlock[])[]; readonly found: DuplicatePath[] }[] = [];
const RECENT_DUPLICATES = 4;

function duplicatePaths(text: DocumentText, holders: BlockHolders): DuplicatePath[] {
  const held = holders.blocks;
  const recent = recentDuplicates.findIndex(
    ({ blocks }) => blocks.length === held.length && blocks.every((list, at) => list === held[at]),
  );
  if (recent >= 0) {
    const [entry] = recentDuplicates.splice(recent, 1);
    recentDuplicates.unshift(entry!);
    return entry!.found;
  }
  const found = findDuplicatePaths(text, holders);
  recentDuplicates.unshift({ blocks: held, found });
  recentDuplicates.length = Math.min(recentDuplicates.length, RECENT_DUPLICATES);
  return found;
}

function findDuplicatePaths(text: DocumentText, holders: BlockHolders): DuplicatePath[] {
  const { blocks: held, offsets, turns } = holders;
  // The first block of each path: which holder has it, and its index there.
  const firstByPath = new Map<string, { readonly at: number; readonly index: number }>();
  const found: DuplicatePath[] = [];
  for (let at = 0; at < held.length; at++) {
    const blocks = held[at]!;
    for (let index = 0; index < blocks.length; index++) {
      const block = blocks[index]!;
      if (!block.path) continue;
      const first = firstByPath.get(block.path);
      if (first === undefined) {
        firstByPath.set(block.path, { at, index });
        continue;
      }
      const { at: firstAt, index: firstIndex } = first;
      const firstBlock = held[firstAt]![firstIndex]!;
      if (
        firstBlock.content.end - firstBlock.content.start === block.content.end - block.content.start &&
        contentFingerprint(text, firstBlock, offsets[firstAt]!, turns[firstAt]?.memo, firstIndex) ===
          contentFingerprint(text, block, offsets[at]!, turns[at]?.memo, index)
      )
        continue;
      found.push({ at, index, firstAt, firstIndex });
    }
  }
  return found;
}

/**
 * A 64-bit hash of a block's content, kept in the turn's memo (`index` is the block's in its turn) so that
 * an edit elsewhere does not make the next check read the block again.
 */
function contentFingerprint(
  text: DocumentText,
  block: FileBlock,
  offset: number,
  memo: TurnMemo | undefined,
  index: number,
): string {
  const cached = memo?.contentFingerprints?.[index];
  if (cached !== undefined) return cached;
  const content = text.slice(block.content.start + offset, block.content.end + offset);
  let first = 0x811c9dc5;
  let second = 0x01000193;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second + code, 0x5bd1e995) ^ (second >>> 15);
  }
  const fingerprint = `${(first >>> 0).toString(16)}:${(second >>> 0).toString(16)}`;
  if (memo) (memo.contentFingerprints ??= [])[index] = fingerprint;
  return fingerprint;
}

/**
 * Whether two lists of diagnostics say the same, field by field: what a server compares before it
 * publishes again, without serialising thousands of them to compare.
 *
 * @example The diagnostics of a document before and after a letter typed in prose are the same.
 */
export function sameDiagnostics(first: readonly Diagnostic[], second: readonly Diagnostic[]): boolean {
  if (first.length !== second.length) return false;
  for (let index = 0; index < first.length; index++) {
    const [a, b] = [first[index]!, second[index]!];
    if (
      !sameRange(a.range, b.range) ||
      a.severity !== b.severity ||
      a.code !== b.code ||
      a.source !== b.source ||
      !sameMessage(a.message, b.message) ||
      a.codeDescription?.href !== b.codeDescription?.href ||
      JSON.stringify(a.tags) !== JSON.stringify(b.tags) ||
      JSON.stringify(a.data) !== JSON.stringify(b.data) ||
      !sameRelated(a.relatedInformation, b.relatedInformation)
    )
      return false;
  }
  return true;
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function sameMessage(a: Diagnostic['message'], b: Diagnostic['message']): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : a.kind === b.kind && a.value === b.value;
}

function sameRelated(a: Diagnostic['relatedInformation'], b: Diagnostic['relatedInformation']): boolean {
  if (!a || !b) return a === b;
  return (
    a.length === b.length &&
    a.every(
      (place, index) =>
        place.message === b[index]!.message &&
        place.location.uri === b[index]!.location.uri &&
        sameRange(place.location.range, b[index]!.location.range),
    )
  );
}
