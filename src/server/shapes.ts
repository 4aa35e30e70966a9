/**
 * What the parameters of a message must look like for its handler to read them, checked before the
 * handler runs (see ProtocolGate), so that a client's mistake is answered as one instead of surfacing as
 * an internal error or, for a notification, as a document the client never had.
 *
 * A shape checks only what the handlers read; other fields may be anything.
 */

import { DATASET_FORMATS, ROLES } from '../core/dataset';
import { TURN_STEPS } from '../core/turn-navigation';

/** The first thing wrong with `value`, named from `at` (`position.character must be an integer`), or undefined. */
export type Shape = (value: unknown, at: string) => string | undefined;

/** The name of the parameters themselves, as a problem with them is worded. */
const PARAMETERS = 'the parameters';

const named = (at: string): string => at || PARAMETERS;

export const string: Shape = (value, at) => (typeof value === 'string' ? undefined : `${named(at)} must be a string`);
export const boolean: Shape = (value, at) =>
  typeof value === 'boolean' ? undefined : `${named(at)} must be a boolean`;
/** Any integer: LSP positions are unsigned, but negative ones are clamped to the start, as vscode-languageserver-textdocument does. */
export const integer: Shape = (value, at) => (Number.isInteger(value) ? undefined : `${named(at)} must be an integer`);
export const anything: Shape = () => undefined;

export function optional(shape: Shape): Shape {
  return (value, at) => (value === undefined ? undefined : shape(value, at));
}

/** One of the strings of `values`. */
export function oneOf(values: readonly string[]): Shape {
  return (value, at) =>
    typeof value === 'string' && values.includes(value)
      ? undefined
      : `${named(at)} must be one of ${values.join(', ')}`;
}

export function nullable(shape: Shape): Shape {
  return (value, at) => (value === null ? undefined : shape(value, at));
}

/** An object (not an array) whose `fields` have their shapes. */
export function object(fields: Readonly<Record<string, Shape>>): Shape {
  const entries = Object.entries(fields);
  return (value, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${named(at)} must be an object`;
    for (const [key, shape] of entries) {
      const problem = shape((value as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  };
}

export function array(item: Shape): Shape {
  return (value, at) => {
    if (!Array.isArray(value)) return `${named(at)} must be an array`;
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${named(at)}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

export const position = object({ line: integer, character: integer });
export const range = object({ start: position, end: position });
const textDocument = object({ uri: string });

/** `{ textDocument }`: documentSymbol, foldingRange, documentLink, diagnostic, didClose. */
export const documentParams = object({ textDocument });
/** `{ textDocument, position }`: hover, completion, documentHighlight, prepareRename. */
export const positionParams = object({ textDocument, position });

export const initializeParams = object({
  capabilities: object({}),
  locale: optional(nullable(string)),
  rootUri: optional(nullable(string)),
  workspaceFolders: optional(nullable(array(object({ uri: string })))),
});
export const didOpenParams = object({ textDocument: object({ uri: string, version: integer, text: string }) });
/** A change with a range, or one without (the whole new text); positions past a line's end are clamped. */
export const didChangeParams = object({
  textDocument: object({ uri: string, version: integer }),
  contentChanges: array(object({ range: optional(range), text: string })),
});
export const codeActionParams = object({ textDocument, range, context: object({ only: optional(array(string)) }) });
export const selectionRangeParams = object({ textDocument, positions: array(position) });
export const renameParams = object({ textDocument, position, newName: string });
export const workspaceSymbolParams = object({ query: string });
export const workspaceDiagnosticParams = object({ previousResultIds: array(object({ uri: string, value: string })) });
export const didChangeWatchedFilesParams = object({ changes: array(object({ uri: string, type: integer })) });
export const didChangeConfigurationParams = object({ settings: anything });
export const didChangeWorkspaceFoldersParams = object({
  event: object({ added: array(object({ uri: string })), removed: array(object({ uri: string })) }),
});
export const statisticsParams = object({ uri: string });
export const wordsInRangeParams = object({ uri: string, range });
export const turnStepParams = object({
  uri: string,
  position,
  step: oneOf(TURN_STEPS),
});
export const speakerLabelsParams = object({ uri: string, lines: optional(object({ start: integer, end: integer })) });
export const searchTurnsParams = object({ uri: string, query: string, speaker: optional(string) });
/** `transcript/renderTurns`: a range of turns by index, or the turns around a line. */
export type RenderTurnsParams = { uri: string; remoteImages?: boolean } & (
  { from: number; to: number } | { line: number; before: number; after: number }
);
const turnRange = object({ from: integer, to: integer });
const turnsAroundLine = object({ line: integer, before: integer, after: integer });
export const renderTurnsParams: Shape = (value, at) =>
  object({ uri: string, remoteImages: optional(boolean) })(value, at) ??
  (typeof value === 'object' && value !== null && 'line' in value ? turnsAroundLine : turnRange)(value, at);
export const exportHtmlParams = object({ uri: string, title: string });
export const exportDatasetParams = object({
  uri: string,
  format: oneOf(DATASET_FORMATS),
  roles: optional(array(object({ speaker: string, role: oneOf(ROLES) }))),
  allowErrors: boolean,
});
export const importConversationsParams = object({ name: string, text: string });
export const memoryUsageParams = object({ collect: optional(boolean) });
