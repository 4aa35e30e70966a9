import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Transcript } from '../../src/core/model';
import type { ChangeSpec, Place } from './arbitraries';

/** `model.text` with the edits applied; they must not overlap (LSP's rule for one document's edits). */
export function applyEdits(model: Transcript, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((edit) => ({
      start: model.lines.offsetAt(edit.range.start),
      end: model.lines.offsetAt(edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) throw new Error(`overlapping edits at ${span.start}`);
    out += model.text.slice(at, span.start) + span.text;
    at = span.end;
  }
  return out + model.text.slice(at);
}

/** Offsets of the places of `place`'s kind in `text`, in order; `anywhere` is every offset. */
export function placesIn(text: string, place: Place): number[] {
  const found: number[] = [];
  const each = (pattern: RegExp, at: (match: RegExpExecArray) => number[]): number[] => {
    for (const match of text.matchAll(pattern)) found.push(...at(match));
    return found;
  };
  switch (place) {
    case 'opener':
      return each(/(?<=^|[\r\n])<<<[^\r\n]*/g, (match) => [match.index, match.index + match[0].length]);
    case 'closer':
      return each(/FILE>>>/g, (match) => [match.index, match.index + match[0].length]);
    case 'bracket':
      return each(/[[\]]/g, (match) => [match.index, match.index + 1]);
    case 'lineEnd':
      return each(/[^\r\n]*(?:\r\n|\r|\n|$)/g, (match) => [match.index + match[0].replace(/[\r\n]+$/, '').length]);
    case 'lineBreak':
      return each(/[\r\n]/g, (match) => [match.index + 1]);
    case 'surrogate':
      return each(/[\ud800-\udfff]/g, (match) => [match.index, match.index + 1]);
    case 'end':
      return [text.length];
    case 'anywhere':
      return Array.from({ length: text.length + 1 }, (_, offset) => offset);
  }
}

/** The `pick`-th place of kind `place` in `text`, counting round; anywhere when the text has none. */
export function placeAt(text: string, place: Place, pick: number): number {
  const places = placesIn(text, place);
  return places.length > 0 ? places[pick % places.length]! : pick % (text.length + 1);
}

/** The change `spec` describes, placed in `text` with LSP positions in UTF-16 code units. */
export function placeChange(text: string, spec: ChangeSpec): TextDocumentContentChangeEvent {
  const start = Math.max(0, Math.min(text.length, placeAt(text, spec.place, spec.pick) + spec.shift));
  const end = Math.min(text.length, start + spec.length);
  const document = TextDocument.create('file:///placing', 'transcript', 0, text);
  const range = { start: document.positionAt(start), end: document.positionAt(end) };
  const overshot = { ...range, end: { line: range.end.line, character: range.end.character + spec.overshoot } };
  if (!spec.whole) return { range: overshot, text: spec.text };
  return { text: TextDocument.applyEdits(document, [{ range: overshot, newText: spec.text }]) };
}

/**
 * The text after `changes`, applied in order as `vscode-languageserver-textdocument` applies a
 * `didChange`: an implementation of LSP's rules apart from the one under test.
 */
export function applyContentChanges(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  return TextDocument.update(TextDocument.create('file:///applying', 'transcript', 0, text), [...changes], 1).getText();
}
