import { type CompletionItem, CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import type { Position } from './lines';
import type { Transcript } from './model';
import { blockWithContentLine, sectionOnLine, speakersByFrequency } from './sections';
import { MAX_LABEL_LENGTH } from './syntax';

/** Typing these at column 0 asks for completions: `[` starts a speaker tag, `<` a FILE block. */
export const COMPLETION_TRIGGERS = ['[', '<'];

const TAG_PREFIX = new RegExp(`^\\[[^[\\]\\r\\n]{0,${MAX_LABEL_LENGTH}}$`);
/** The rest of a tag after the cursor (`A]: ` when the cursor is right after `[`), or an editor's auto-closed `]`. */
const TAG_REST = new RegExp(`^[^[\\]\\r\\n]{0,${MAX_LABEL_LENGTH}}\\](?::(?: )?)?`);
const OPENER_PREFIX = /^<{1,3}(?:F|FI|FIL|FILE)?$/i;

/** The FILE block snippet: path first, then the content line. */
export const FILE_BLOCK_SNIPPET = '<<<FILE ${1:path}\n$0\nFILE>>>';

/**
 * Completions at the start of a line: the document's speaker tags after `[` (most frequent first), and
 * a FILE block after `<`. Nothing inside FILE block content, where such lines would be content.
 *
 * @example In `[A]: hi\n[B]: yo\n[A]: ok\n[`, at the end: `[A]: ` then `[B]: `.
 */
export function completions(model: Transcript, position: Position, snippets: boolean): CompletionItem[] {
  const { text, lines } = model;
  if (position.line < 0 || position.line >= lines.lineCount) return [];
  const section = sectionOnLine(model, position.line);
  if (section && blockWithContentLine(section, position.line)) return [];
  const lineStart = lines.lineStart(position.line);
  const offset = lines.offsetAt(position);
  const prefix = text.slice(lineStart, offset);
  const start = { line: position.line, character: 0 };
  if (TAG_PREFIX.test(prefix)) {
    const rest = TAG_REST.exec(text.slice(offset, lines.lineEnd(position.line)))?.[0] ?? '';
    const range = { start, end: { line: position.line, character: offset - lineStart + rest.length } };
    return speakersByFrequency(model).map((speaker, rank) => ({
      label: `[${speaker}]:`,
      kind: CompletionItemKind.Value,
      sortText: String(rank).padStart(6, '0'),
      filterText: `[${speaker}`,
      textEdit: { range, newText: `[${speaker}]: ` },
    }));
  }
  if (OPENER_PREFIX.test(prefix)) {
    const range = { start, end: { line: position.line, character: offset - lineStart } };
    return [
      {
        label: '<<<FILE',
        kind: CompletionItemKind.Snippet,
        detail: 'FILE block',
        filterText: '<<<FILE',
        insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range, newText: snippets ? FILE_BLOCK_SNIPPET : '<<<FILE ' },
      },
    ];
  }
  return [];
}
