import type { Range, SelectionRange } from 'vscode-languageserver-types';
import type { Position } from './lines';
import type { Span, Transcript } from './model';
import { sectionOnLine, turnWithTagAt } from './sections';

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Smart select: the word under `position`, then its line, then the FILE block or fence holding it, then
 * the turn, then the whole document. On a speaker tag the label and the tag come first.
 *
 * @example In `[A]: hello world`, at character 7: `hello`, the line, the turn, the document.
 */
export function selectionRange(model: Transcript, position: Position): SelectionRange {
  const { text, lines } = model;
  const line = Math.max(0, Math.min(position.line, lines.lineCount - 1));
  const offset = lines.offsetAt({ line, character: position.character });
  const spans: Span[] = [{ start: 0, end: text.length }];
  const section = sectionOnLine(model, line);
  if (section) {
    spans.push(section.span);
    const inner = [...section.fileBlocks, ...section.fences].find(
      (part) => line >= part.startLine && line <= part.endLine,
    );
    if (inner) spans.push(inner.span);
  }
  spans.push({ start: lines.lineStart(line), end: lines.lineEnd(line) });
  const tagged = turnWithTagAt(model, { line, character: offset - lines.lineStart(line) });
  if (tagged) {
    spans.push(tagged.tag, tagged.label);
  } else {
    const line = spans[spans.length - 1]!;
    const word = wordAt(line, text.slice(line.start, line.end), offset - line.start);
    if (word) spans.push(word);
  }
  let range: SelectionRange | undefined;
  for (const span of spans) {
    const next: Range = lines.rangeOf(span.start, span.end);
    if (range && sameRange(range.range, next)) continue;
    range = range ? { range: next, parent: range } : { range: next };
  }
  return range!;
}

/** The run of letters, digits and marks around `offset`, inside `line`; undefined between words. */
/** The word of `line` around `character`, as a span of the document. */
function wordAt(line: Span, text: string, character: number): Span | undefined {
  let start = character;
  let end = character;
  while (start > 0 && WORD_CHARACTER.test(text[start - 1]!)) start--;
  while (end < text.length && WORD_CHARACTER.test(text[end]!)) end++;
  return start < end ? { start: line.start + start, end: line.start + end } : undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
