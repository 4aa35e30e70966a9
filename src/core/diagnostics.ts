import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentText } from './document-text';
import type { Problem, Section, Severity, Transcript, Turn } from './model';
import { type MessageTable, problemMessage, relatedMessage } from './messages';
import { ENGLISH } from './messages-en';
import { forEachSection, shiftProblem, shiftSpan, turnCount } from './sections';

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
  const withBlocks: PlacedSections = { sections: [], deltas: [] };
  const turns = turnCount(model);
  let turnsThrough = 0;
  // Turns an edit has not copied into place are read where they are: only their problems are moved.
  forEachSection(model, (section, delta) => {
    if (section !== model.preamble) turnsThrough++;
    const own = section.problems;
    for (let i = 0; i < own.length; i++) {
      const problem = own[i]!;
      const placed = delta === 0 ? problem : shiftProblem(problem, delta);
      // Every speaker line after a block that is never closed starts a turn: no later block is closed either.
      found.push(
        placed.code === 'file-block/unterminated'
          ? { ...placed, values: { ...placed.values, swallowed: turns - turnsThrough } }
          : placed,
      );
    }
    if (section.fileBlocks.length > 0) {
      withBlocks.sections.push(section);
      withBlocks.deltas.push(delta);
    }
  });
  const duplicates = duplicatePaths(model, withBlocks);
  if (duplicates.length === 0) return found;
  return [...found, ...duplicates].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
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
 * Sections with FILE blocks, each with the number of code units its spans must be moved by (see
 * `forEachSection`): two lists of the same length rather than a pair per section, since publishing
 * the problems of a large transcript makes them at every keystroke.
 */
interface PlacedSections {
  readonly sections: Section[];
  readonly deltas: number[];
}

function duplicatePaths(model: Transcript, placed: PlacedSections): Problem[] {
  const { sections, deltas } = placed;
  // The first block of each path: where its section is in `sections`, and its index there.
  const firstByPath = new Map<string, { readonly at: number; readonly index: number }>();
  const found: Problem[] = [];
  for (let at = 0; at < sections.length; at++) {
    const blocks = sections[at]!.fileBlocks;
    for (let index = 0; index < blocks.length; index++) {
      const block = blocks[index]!;
      if (!block.path) continue;
      const first = firstByPath.get(block.path);
      if (first === undefined) {
        firstByPath.set(block.path, { at, index });
        continue;
      }
      const { at: firstAt, index: firstIndex } = first;
      const firstBlock = sections[firstAt]!.fileBlocks[firstIndex]!;
      if (
        firstBlock.content.end - firstBlock.content.start === block.content.end - block.content.start &&
        contentFingerprint(model.text, sections[firstAt]!, firstIndex, deltas[firstAt]!) ===
          contentFingerprint(model.text, sections[at]!, index, deltas[at]!)
      )
        continue;
      found.push({
        code: 'file-block/duplicate-path',
        severity: 'information',
        span: shiftSpan(block.pathSpan, deltas[at]!),
        values: { path: block.path },
        related: [
          {
            span: shiftSpan(firstBlock.pathSpan, deltas[firstAt]!),
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
 * A 64-bit hash of a block's content, kept in the turn's memo so that an edit elsewhere does not make the
 * next check read (and copy) the whole document again.
 */
function contentFingerprint(text: DocumentText, section: Section, index: number, delta: number): string {
  const memo = 'memo' in section ? (section as Turn).memo : undefined;
  const cached = memo?.contentFingerprints?.[index];
  if (cached !== undefined) return cached;
  const { start, end } = shiftSpan(section.fileBlocks[index]!.content, delta);
  const content = text.slice(start, end);
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
