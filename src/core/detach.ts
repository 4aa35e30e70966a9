import type { CharacterSource } from './lines';

/**
 * A copy of `text.slice(start, end)` that does not keep `text` alive.
 *
 * V8 makes a slice of 13 or more characters a view into the string it was cut from. A model keeps
 * pieces of the document (speakers, paths, outline names, messages) across edits, and a piece cut
 * from one version of a 10 MiB document kept that whole version alive: editing turn after turn with
 * the outline open retained about 19 MiB per edit. Pieces the model keeps are cut with this instead.
 *
 * @example `detachedSlice(documentText, 1, 9)` is the label of `[Dr. Chen]: …`, as a string of its own.
 */
export function detachedSlice(text: CharacterSource, start: number, end: number): string {
  let copy = '';
  for (let from = start; from < end; from += CHUNK) {
    const codes = new Array<number>(Math.min(CHUNK, end - from));
    for (let i = 0; i < codes.length; i++) codes[i] = text.charCodeAt(from + i);
    copy += String.fromCharCode(...codes);
  }
  return copy;
}

/** Characters per `String.fromCharCode` call, well under any engine's limit on arguments. */
const CHUNK = 4096;
