import { type Range, SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { Transcript } from './model';
import { documentSymbols } from './symbols';

/** What the workspace index keeps of one turn: its outline name and the range of its tag. */
export interface TurnEntry {
  readonly name: string;
  readonly range: Range;
}

/**
 * The turns of a document as the index keeps them.
 *
 * @example `[A]: Hello there` gives one entry named `A: Hello there` whose range covers `[A]:`.
 */
export function turnEntries(model: Transcript): readonly TurnEntry[] {
  let entries = computed.get(model);
  if (!entries) {
    entries = documentSymbols(model).map((symbol) => ({ name: symbol.name, range: symbol.selectionRange }));
    computed.set(model, entries);
  }
  return entries;
}

/** Quick open asks on every keystroke: an open document's entries are made once per version. */
const computed = new WeakMap<Transcript, readonly TurnEntry[]>();

/**
 * True when the characters of `query` appear in `name` in order, ignoring case (as quick open filters).
 *
 * @example `achen` matches `A: Chen said…`; `xyz` does not.
 */
export function matchesQuery(name: string, query: string): boolean {
  const haystack = name.toLowerCase();
  let at = 0;
  for (const character of query.toLowerCase()) {
    if (character === ' ') continue;
    at = haystack.indexOf(character, at);
    if (at === -1) return false;
    at += character.length;
  }
  return true;
}

/**
 * The first `limit` turns of one document that match `query`, as workspace symbols; `container` names the file.
 *
 * @example For `hello` and a file with `[A]: Hello there`, one symbol `A: Hello there` in `container`.
 */
export function matchingTurns(
  entries: readonly TurnEntry[],
  uri: string,
  container: string,
  query: string,
  limit = Infinity,
): SymbolInformation[] {
  const found: SymbolInformation[] = [];
  for (const entry of entries) {
    if (found.length >= limit) break;
    if (matchesQuery(entry.name, query))
      found.push({
        name: entry.name,
        kind: SymbolKind.String,
        location: { uri, range: entry.range },
        containerName: container,
      });
  }
  return found;
}
