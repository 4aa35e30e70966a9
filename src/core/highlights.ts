import { type DocumentHighlight, DocumentHighlightKind } from 'vscode-languageserver-types';
import type { Position } from './lines';
import type { Transcript } from './model';
import { turnWithTagAt } from './sections';

/**
 * On a speaker tag, every tag of that speaker; elsewhere nothing.
 *
 * @example At character 1 of `[A]: hi\n[B]: yo\n[A]: ok`, the tags on lines 0 and 2.
 */
export function speakerHighlights(model: Transcript, position: Position): DocumentHighlight[] {
  const turn = turnWithTagAt(model, position);
  if (!turn) return [];
  return [...model.turns]
    .filter((candidate) => candidate.speaker === turn.speaker)
    .map((candidate) => ({
      range: model.lines.rangeOf(candidate.tag.start, candidate.tag.end),
      kind: DocumentHighlightKind.Text,
    }));
}
