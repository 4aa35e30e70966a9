import type { MessageTable } from './messages';
import type { UnsafePathReason } from './model';
import { CLOSER, quotedCharacter } from './syntax';

/**
 * The English messages. Each says what is wrong and how to write it correctly, and names the values it is
 * about; none names an absolute line, so it stays true when an edit above moves the problem.
 */

/** Why a path is unsafe, as the `file-block/unsafe-path` message and `transcript extract`'s refusals say it. */
export function unsafePathReasonInEnglish(reason: UnsafePathReason): string {
  switch (reason.kind) {
    case 'absolute':
      return 'an absolute path';
    case 'drive-letter':
      return 'a drive letter';
    case 'network-path':
      return 'a network path';
    case 'backslash-separators':
      return 'backslash separators';
    case 'dot-dot-segment':
      return 'a `..` segment';
    case 'empty-segment':
      return 'an empty segment';
    case 'character':
      return `the character ${quotedCharacter(reason.character)}`;
    case 'version-control-segment':
      return `a \`${reason.folder}\` segment, which version control reads as its own metadata (a file there can make it run commands)`;
  }
}

const contentLines = (count: number): string => `${count} content line${count === 1 ? '' : 's'}`;

export const ENGLISH: MessageTable = {
  problems: {
    'file-block/unterminated': ({ contentLines: kept, nextTag, swallowed }) =>
      nextTag === undefined
        ? `This FILE block is never closed: it runs to the end of the file (${contentLines(kept)}). Add \`${CLOSER}\` after its last line.`
        : `This FILE block is never closed: recovery ends it after ${contentLines(kept)}, before the next speaker line \`${nextTag}\`; ` +
          `otherwise it would swallow ${swallowed} speaker line${swallowed === 1 ? '' : 's'}. Add \`${CLOSER}\` after its last line.`,
    'file-block/missing-path': () => 'This FILE block has no path: write `<<<FILE relative/path.ext`.',
    'file-block/stray-closer': () => '`FILE>>>` closes no FILE block: no `<<<FILE path` line is open here.',
    'file-block/nested-opener': ({ path }) =>
      `\`<<<FILE\` inside the open block \`${path || '<<<FILE'}\` is kept as content: is a \`${CLOSER}\` missing before it?`,
    'file-block/malformed-marker': ({ kind, replacement }) => {
      const correct = kind === 'closer' ? `\`${CLOSER}\` alone on its line` : '`<<<FILE path` at column 0';
      return `This looks like a FILE ${kind} but is not one: write ${replacement ? `\`${replacement}\`` : correct}.`;
    },
    'file-block/unsafe-path': ({ path, reasons }) =>
      `The path \`${path}\` is not a safe relative path: it has ${reasons.map(unsafePathReasonInEnglish).join(', ')}.`,
    'file-block/empty': ({ path }) => `The FILE block ${path ? `\`${path}\` ` : ''}has no content lines.`,
    'file-block/duplicate-path': ({ path }) =>
      `\`${path}\` was given before with different content; extracting writes only the last one.`,
    'file-block/holds-speaker-lines': ({ count, firstTag }) =>
      `This FILE block holds ${count === 1 ? 'a speaker line' : `${count} speaker lines`}, the first \`${firstTag}\`: ` +
      `inside a block they are content, not turns. If the block should end before it, move its \`${CLOSER}\` there.`,
    'turn/text-before-first-turn': () =>
      'Text before the first turn belongs to no speaker: a turn starts with a line such as `[A]: text`.',
    'turn/malformed-speaker-tag': ({ replacement }) =>
      `This looks like a speaker tag but is not one: write \`${replacement}\` (ASCII brackets and colon, no space before the colon).`,
    'fence/unclosed': ({ length, char }) =>
      `This code fence is still open when its turn ends: close it with a line of ${length} ${char === 'backtick' ? 'backticks' : 'tildes'}.`,
  },
  related: {
    'file-block/open-block': () => 'The block that is still open',
    'file-block/holding-block': () => 'The block that holds it',
    'file-block/first-path': ({ path }) => `The first \`${path}\``,
  },
};
