import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentText } from './document-text';
import type { FileBlock, FoundProblem, Problem, Severity, Transcript, TurnMemo } from './model';
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
    for (const stored of own) {
      const problem = offset === 0 ? stored : movedProblem(stored, offset);
      // Every speaker line after a block that is never closed starts a turn: no later block is closed either.
      found.push(
        problem.code === 'file-block/unterminated'
          ? { ...problem, values: { ...problem.values, swallowed: turns - turnsThrough } }
          : problem,
      );
    }
  };
  if (model.preamble) add(model.preamble.problems, 0, 0);
  model.turns.withProblems((turn, offset, _line, index) => add(turn.problems, offset, index + 1));
  const withBlocks: BlockHolders = { blocks: [], offsets: [], memos: [] };
  if (model.preamble?.fileBlocks.length) {
    withBlocks.blocks.push(model.preamble.fileBlocks);
    withBlocks.offsets.push(0);
    withBlocks.memos.push(undefined);
  }
  model.turns.withFileBlocks((turn, offset) => {
    withBlocks.blocks.push(turn.fileBlocks);
    withBlocks.offsets.push(offset);
    withBlocks.memos.push(turn.memo);
  });
  const duplicates = duplicatePaths(model.text, withBlocks);
  return duplicates.length === 0 ? found : merged(found, duplicates);
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
  return problems(model).map((problem) => toDiagnostic(model, problem, uri, messages));
}

export function toDiagnostic(
  model: Transcript,
  problem: Problem,
  uri: string,
  messages: MessageTable = ENGLISH,
): Diagnostic {
  const diagnostic: Diagnostic = {
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
 * The sections with FILE blocks as stored: their blocks, the offset their spans count from, and the
 * turn's memo (none for the preamble). Lists of one length rather than a record per section, since
 * publishing the problems of a large transcript makes them at every keystroke.
 */
interface BlockHolders {
  readonly blocks: (readonly FileBlock[])[];
  readonly offsets: number[];
  readonly memos: (TurnMemo | undefined)[];
}

function duplicatePaths(text: DocumentText, holders: BlockHolders): Problem[] {
  const { blocks: held, offsets, memos } = holders;
  // The first block of each path: which holder has it, and its index there.
  const firstByPath = new Map<string, { readonly at: number; readonly index: number }>();
  const found: Problem[] = [];
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
        contentFingerprint(text, firstBlock, offsets[firstAt]!, memos[firstAt], firstIndex) ===
          contentFingerprint(text, block, offsets[at]!, memos[at], index)
      )
        continue;
      found.push({
        code: 'file-block/duplicate-path',
        severity: 'information',
        span: moved(block.pathSpan, offsets[at]!),
        values: { path: block.path },
        related: [
          {
            span: moved(firstBlock.pathSpan, offsets[firstAt]!),
            code: 'file-block/first-path',
            values: { path: block.path },
          },
        ],
      });
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
