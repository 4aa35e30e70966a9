import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import type { Fence, FileBlock, Transcript, Turn } from './model';
import { plural } from './format';
import { speakerTotals } from './speakers';
import { turnWords } from './words';

const NAME_LENGTH = 60;

/**
 * The outline: one symbol per turn, with its FILE blocks and fences as children.
 *
 * @example For `[A]: Hello there\n<<<FILE a.py\nx\nFILE>>>` the turn's symbol is named `A: Hello there`,
 * its range covers all four lines, its selection range covers `[A]:`, and it has a child `a.py`.
 */
export function documentSymbols(model: Transcript): DocumentSymbol[] {
  return [...documentSymbolPieces(model)].flat();
}

/**
 * The outline in pieces of `turnsPerPiece` turns, in order: what a server answers with between other
 * requests, since the outline of a 100 MiB transcript takes seconds to build.
 *
 * @example For a transcript of 5,000 turns, `[...documentSymbolPieces(model, 2000)]` has pieces of 2,000, 2,000 and 1,000 symbols.
 */
export function* documentSymbolPieces(
  model: Transcript,
  turnsPerPiece = 2000,
): Generator<DocumentSymbol[], void, undefined> {
  // Not kept: each turn remembers its name and word counts, so a second request for the same version
  // only rebuilds the objects (10–70 ms for 10 MiB), while a kept answer for 100 MiB holds about 50 MiB.
  let piece: DocumentSymbol[] = [];
  for (const turn of model.turns) {
    piece.push(turnSymbol(model, turn));
    if (piece.length < turnsPerPiece) continue;
    yield piece;
    piece = [];
  }
  if (piece.length > 0) yield piece;
  // Every turn's words are counted now: summing them for the hover's totals costs little here, and a
  // first hover would otherwise pay it.
  speakerTotals(model);
}

/** The range of `[start, end)` given the lines they lie on: no search of the line index needed. */
function rangeOnLines(model: Transcript, startLine: number, start: number, endLine: number, end: number): Range {
  return {
    start: { line: startLine, character: start - model.lines.lineStart(startLine) },
    end: { line: endLine, character: end - model.lines.lineStart(endLine) },
  };
}

/**
 * A turn's name in the outline and in Go to Turn: its speaker and first words.
 *
 * @example `[A]: Hello there` is named `A: Hello there`.
 */
export function turnName(model: Transcript, turn: Turn): string {
  // The name depends only on the turn's text, which an edit elsewhere leaves alone.
  return (turn.memo.name ??= `${turn.speaker}: ${firstWords(model, turn)}`);
}

function turnSymbol(model: Transcript, turn: Turn): DocumentSymbol {
  const name = turnName(model, turn);
  const words = turnWords(model.text, turn).words;
  const children: DocumentSymbol[] = [];
  for (const block of turn.fileBlocks) children.push(fileBlockSymbol(model, block));
  for (const fence of turn.fences) children.push(fenceSymbol(model, fence));
  if (turn.fileBlocks.length && turn.fences.length) children.sort((a, b) => a.range.start.line - b.range.start.line);
  const symbol: DocumentSymbol = {
    name,
    detail: `#${turn.index + 1} · ${plural(words, 'word')}`,
    kind: SymbolKind.String,
    range: rangeOnLines(model, turn.startLine, turn.span.start, turn.endLine, turn.span.end),
    selectionRange: rangeOnLines(model, turn.startLine, turn.tag.start, turn.startLine, turn.tag.end),
  };
  // Most turns have no children: leaving the empty list out trims the answer for a large document.
  if (children.length > 0) symbol.children = children;
  return symbol;
}

function fileBlockSymbol(model: Transcript, block: FileBlock): DocumentSymbol {
  const selection = block.path ? block.pathSpan : block.opener;
  return {
    name: block.path || '(no path)',
    detail: `${plural(block.contentLines, 'line')}${block.closer ? '' : ' · unclosed'}`,
    kind: SymbolKind.File,
    range: rangeOnLines(model, block.startLine, block.span.start, block.endLine, block.span.end),
    selectionRange: rangeOnLines(model, block.startLine, selection.start, block.startLine, selection.end),
  };
}

function fenceSymbol(model: Transcript, fence: Fence): DocumentSymbol {
  return {
    name: fence.info || 'code',
    detail: `${plural(fence.codeLines, 'line')} of code${fence.closer ? '' : ' · unclosed'}`,
    kind: SymbolKind.Module,
    range: rangeOnLines(model, fence.startLine, fence.span.start, fence.endLine, fence.span.end),
    selectionRange: rangeOnLines(model, fence.startLine, fence.opener.start, fence.startLine, fence.opener.end),
  };
}

/** The first words of a turn, white space collapsed, cut with `…` near 60 characters. */
function firstWords(model: Transcript, turn: Turn): string {
  const { text, lines } = model;
  let words = collapsedPrefix(text.slice(turn.firstLine.start, turn.firstLine.end));
  // A tag alone on its line: the turn's words start on a later prose line.
  for (
    let line = turn.startLine + 1;
    words.text === '' && line <= Math.min(turn.endLine, turn.startLine + 20);
    line++
  ) {
    if (
      turn.fileBlocks.some((block) => block.startLine === line) ||
      turn.fences.some((fence) => fence.startLine === line)
    )
      break;
    words = collapsedPrefix(text.slice(lines.lineStart(line), lines.lineEnd(line)));
  }
  if (!words.cut) return words.text;
  const lastSpace = words.text.lastIndexOf(' ');
  const cut = lastSpace > words.text.length - 15 ? words.text.slice(0, lastSpace) : words.text;
  return `${cut.trimEnd()}…`;
}

/**
 * The first `NAME_LENGTH - 1` code points of `[start, end)` with runs of white space collapsed to one
 * space and trimmed, and whether more text followed. Built from character codes, so the name (kept
 * in the turn's memo across edits) is a string of its own, not a view into the document (see detach.ts).
 */
function collapsedPrefix(text: string): { text: string; cut: boolean } {
  const end = text.length;
  const codes: number[] = [];
  let codePoints = 0;
  let pendingSpace = false;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0) {
      pendingSpace = codes.length > 0;
      continue;
    }
    if (codePoints === NAME_LENGTH - 1) return { text: String.fromCharCode(...codes), cut: true };
    if (pendingSpace) {
      codes.push(0x20);
      codePoints++;
      pendingSpace = false;
      if (codePoints === NAME_LENGTH - 1) return { text: String.fromCharCode(...codes).trimEnd(), cut: true };
    }
    codes.push(code);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) codes.push(text.charCodeAt(++i));
    codePoints++;
  }
  return { text: String.fromCharCode(...codes), cut: false };
}
