import type { TextEdit } from 'vscode-languageserver-types';
import type { Transcript } from '../../src/core/model';

/** `model.text` with the edits applied; they must not overlap (LSP's rule for one document's edits). */
export function applyEdits(model: Transcript, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((edit) => ({ start: model.lines.offsetAt(edit.range.start, model.text), end: model.lines.offsetAt(edit.range.end, model.text), text: edit.newText }))
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
