import type { FoldingRange } from 'vscode-languageserver-types';
import type { Transcript } from './model';

/**
 * Folding ranges for turns (to their last line with text), FILE blocks and fences.
 *
 * @example A turn on lines 0–4 whose line 4 is blank folds lines 0–3.
 */
export function foldingRanges(model: Transcript): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const turn of model.turns) {
    if (turn.lastTextLine > turn.startLine) ranges.push({ startLine: turn.startLine, endLine: turn.lastTextLine });
    for (const block of turn.fileBlocks) {
      if (block.endLine > block.startLine) ranges.push({ startLine: block.startLine, endLine: block.endLine });
    }
    for (const fence of turn.fences) {
      if (fence.endLine > fence.startLine) ranges.push({ startLine: fence.startLine, endLine: fence.endLine });
    }
  }
  return ranges;
}
