import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileBlock, Problem, Section, Severity, Transcript } from './model';

export const DIAGNOSTIC_SOURCE = 'transcript';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Every problem of the document in document order: those found while parsing, and FILE paths given twice
 * with different content.
 *
 * @example `FILE>>>` on line 3 with no block open gives one Error, code `file-block/stray-closer`, on line 3.
 */
export function problems(model: Transcript): Problem[] {
  const sections: Section[] = model.preamble ? [model.preamble, ...model.turns] : [...model.turns];
  const found: Problem[] = [];
  for (const section of sections) for (const problem of section.problems) found.push(problem);
  const duplicates = duplicatePaths(model, sections);
  if (duplicates.length === 0) return found;
  return [...found, ...duplicates].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}

/** `problems` as LSP diagnostics; related information points into the document at `uri`. */
export function diagnostics(model: Transcript, uri: string): Diagnostic[] {
  return problems(model).map((problem) => toDiagnostic(model, problem, uri));
}

export function toDiagnostic(model: Transcript, problem: Problem, uri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: model.lines.rangeOf(problem.span.start, problem.span.end),
    severity: SEVERITIES[problem.severity],
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
  if (problem.related) {
    diagnostic.relatedInformation = problem.related.map((place) => ({
      location: { uri, range: model.lines.rangeOf(place.span.start, place.span.end) },
      message: place.message,
    }));
  }
  return diagnostic;
}

function duplicatePaths(model: Transcript, sections: readonly Section[]): Problem[] {
  const firstByPath = new Map<string, FileBlock>();
  const found: Problem[] = [];
  for (const section of sections) {
    for (const block of section.fileBlocks) {
      if (!block.path) continue;
      const first = firstByPath.get(block.path);
      if (!first) {
        firstByPath.set(block.path, block);
        continue;
      }
      if (sameContent(model.text, first, block)) continue;
      found.push({
        code: 'file-block/duplicate-path',
        severity: 'information',
        message: `\`${block.path}\` was given before with different content; extracting both keeps only one.`,
        span: block.pathSpan,
        related: [{ span: first.pathSpan, message: `The first \`${block.path}\`` }],
      });
    }
  }
  return found;
}

function sameContent(text: string, a: FileBlock, b: FileBlock): boolean {
  const length = a.content.end - a.content.start;
  if (length !== b.content.end - b.content.start) return false;
  return text.startsWith(text.slice(a.content.start, a.content.end), b.content.start);
}
