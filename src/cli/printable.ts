/**
 * Document text as a terminal may be given it. A transcript's speaker names, FILE paths and words are
 * untrusted: raw, an ESC or CSI in them could erase earlier lines, set the window title or hide a
 * problem, and a bidirectional control could make a path read as another. The machine formats (JSON,
 * SARIF) keep the exact strings; every human-readable line goes through here.
 */

import { CONTROL_CHARACTERS } from '../core/syntax';

const UNPRINTABLE = new RegExp(`[${CONTROL_CHARACTERS}]`, 'g');

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCharacter(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short) return short;
  const code = character.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character shown as an escape, so it stays on one line and changes nothing
 * on the screen but the characters it prints.
 *
 * @example `printable('a\x1b]0;pwned\x07b\n')` is `a\\x1b]0;pwned\\x07b\\n`; `printable('用户 😀')` is unchanged.
 */
export function printable(text: string): string {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE, escapeCharacter) : text;
}
