import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Fence, FileBlock, Transcript, Turn } from './model';
import { turnWords } from './words';

const NAME_LENGTH = 60;

/**
 * The outline: one symbol per turn, with its FILE blocks and fences as children.
 *
 * @example For `[A]: Hello there\n<<<FILE a.py\nx\nFILE>>>` the turn's symbol is named `A: Hello there`,
 * its range covers all four lines, its selection range covers `[A]:`, and it has a child `a.py`.
 */
export function documentSymbols(model: Transcript): DocumentSymbol[] {
  return model.turns.map((turn) => turnSymbol(model, turn));
}

function turnSymbol(model: Transcript, turn: Turn): DocumentSymbol {
  const { lines, text } = model;
  const words = turnWords(text, turn).words;
  const children = [
    ...turn.fileBlocks.map((block) => fileBlockSymbol(model, block)),
    ...turn.fences.map((fence) => fenceSymbol(model, fence)),
  ];
  if (turn.fileBlocks.length && turn.fences.length) children.sort((a, b) => a.range.start.line - b.range.start.line);
  return {
    name: `${turn.speaker}: ${firstWords(model, turn)}`,
    detail: `#${turn.index + 1} · ${words.toLocaleString('en-US')} word${words === 1 ? '' : 's'}`,
    kind: SymbolKind.String,
    range: lines.rangeOf(turn.span.start, turn.span.end),
    selectionRange: lines.rangeOf(turn.tag.start, turn.tag.end),
    children,
  };
}

function fileBlockSymbol(model: Transcript, block: FileBlock): DocumentSymbol {
  const selection = block.path ? block.pathSpan : block.opener;
  return {
    name: block.path || '(no path)',
    detail: `${block.contentLines} line${block.contentLines === 1 ? '' : 's'}${block.closer ? '' : ' · unclosed'}`,
    kind: SymbolKind.File,
    range: model.lines.rangeOf(block.span.start, block.span.end),
    selectionRange: model.lines.rangeOf(selection.start, selection.end),
  };
}

function fenceSymbol(model: Transcript, fence: Fence): DocumentSymbol {
  return {
    name: fence.info || 'code',
    detail: `${fence.codeLines} line${fence.codeLines === 1 ? '' : 's'} of code${fence.closer ? '' : ' · unclosed'}`,
    kind: SymbolKind.Module,
    range: model.lines.rangeOf(fence.span.start, fence.span.end),
    selectionRange: model.lines.rangeOf(fence.opener.start, fence.opener.end),
  };
}

/** The first words of a turn, white space collapsed, cut with `…` near 60 characters. */
function firstWords(model: Transcript, turn: Turn): string {
  const { text, lines } = model;
  let source = text.slice(turn.firstLine.start, Math.min(turn.firstLine.end, turn.firstLine.start + NAME_LENGTH * 4));
  // A tag alone on its line: the turn's words start on a later prose line.
  for (let line = turn.startLine + 1; source.trim() === '' && line <= Math.min(turn.endLine, turn.startLine + 20); line++) {
    const start = lines.lineStart(line);
    if (turn.fileBlocks.some((block) => block.startLine === line) || turn.fences.some((fence) => fence.startLine === line)) break;
    source = text.slice(start, Math.min(lines.lineEnd(line, text), start + NAME_LENGTH * 4));
  }
  const collapsed = source.replace(/\s+/g, ' ').trim();
  const characters = Array.from(collapsed);
  if (characters.length <= NAME_LENGTH) return collapsed;
  let cut = NAME_LENGTH - 1;
  const lastSpace = characters.lastIndexOf(' ', cut);
  if (lastSpace > NAME_LENGTH - 15) cut = lastSpace;
  return `${characters.slice(0, cut).join('').trimEnd()}…`;
}
