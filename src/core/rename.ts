import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Position } from './lines';
import type { Transcript } from './model';
import { turnWithTagAt } from './sections';
import { MAX_LABEL_LENGTH, speakerTagEnd } from './syntax';

/** Why a rename cannot be done, in words for the user. */
export interface Refusal {
  readonly refused: string;
}

/**
 * The label to rename under `position`: on a speaker tag, its label; elsewhere a refusal.
 *
 * @example At character 1 of `[Dr. Chen]: hi`, the range of `Dr. Chen` and that placeholder.
 */
export function prepareSpeakerRename(
  model: Transcript,
  position: Position,
): { range: Range; placeholder: string } | Refusal {
  const turn = turnWithTagAt(model, position);
  if (!turn) return { refused: 'Only a speaker can be renamed: put the cursor on a speaker tag such as `[A]:`.' };
  return { range: model.lines.rangeOf(turn.label.start, turn.label.end), placeholder: turn.speaker };
}

/**
 * Edits that rename the speaker whose tag holds `position` in every one of its turns (tags inside FILE
 * blocks are content and stay).
 *
 * @example Renaming `A` to `Alice` in `[A]: hi\n[B]: yo\n[A]: ok` edits lines 0 and 2.
 */
export function renameSpeaker(model: Transcript, position: Position, newLabel: string): TextEdit[] | Refusal {
  const turn = turnWithTagAt(model, position);
  if (!turn) return prepareSpeakerRename(model, position) as Refusal;
  const invalid = invalidLabelReason(newLabel);
  if (invalid) return { refused: invalid };
  return [...model.turns]
    .filter((candidate) => candidate.speaker === turn.speaker)
    .map((candidate) => ({
      range: model.lines.rangeOf(candidate.label.start, candidate.label.end),
      newText: newLabel,
    }));
}

/**
 * Why `label` cannot be a speaker label, or `undefined` when it can.
 *
 * @example `a]b` gives "A speaker label cannot contain `[` or `]`."
 */
export function invalidLabelReason(label: string): string | undefined {
  if (/[\r\n]/.test(label)) return 'A speaker label must fit on one line.';
  if (/[[\]]/.test(label)) return 'A speaker label cannot contain `[` or `]`.';
  if (label.length > MAX_LABEL_LENGTH)
    return `A speaker label has at most ${MAX_LABEL_LENGTH} characters; this one has ${label.length}.`;
  const line = `[${label}]: `;
  if (speakerTagEnd(line, 0, line.length) === -1) return 'A speaker label needs a character other than white space.';
  return undefined;
}
