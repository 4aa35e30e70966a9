import type { Hover } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { formatCount, plural } from './format';
import { languageOfPath } from './languages';
import type { Position } from './lines';
import type { FileBlock, Transcript, Turn } from './model';
import { sectionOnLine, turnWithTagAt } from './sections';
import { speakerTotals } from './speakers';
import { type TokenCounter, type TokenTotals, turnTokens } from './tokens';
import { turnWords } from './words';

/**
 * Word counts (and token counts, given a tokenizer) on a speaker tag, size and language on a FILE
 * opener; nothing elsewhere.
 *
 * @example Over `[A]:` of the 3rd of 20 turns:
 * `A · turn 3 of 20 — 152 words (98 CJK characters, 54 other words) · 5 lines`, then the speaker's totals;
 * with o200k_base, the first line ends `· 210 tokens (o200k_base)` and the totals `, 2,345 tokens`.
 * The speaker's tokens are shown once the document's `totals` are counted; the turn's always are.
 */
export function hover(
  model: Transcript,
  position: Position,
  tokens?: { readonly counter: TokenCounter; readonly totals: TokenTotals | undefined },
): Hover | null {
  if (position.line < 0 || position.line >= model.lines.lineCount) return null;
  const turn = turnWithTagAt(model, position);
  if (turn) return turnHover(model, turn, tokens);
  const block = sectionOnLine(model, position.line)?.fileBlocks.find(
    (candidate) => candidate.startLine === position.line,
  );
  if (block && model.lines.offsetAt(position) <= block.opener.end) return fileBlockHover(model, block);
  return null;
}

function turnHover(
  model: Transcript,
  turn: Turn,
  tokens: { readonly counter: TokenCounter; readonly totals: TokenTotals | undefined } | undefined,
): Hover {
  const counts = turnWords(model.text, turn);
  const lineCount = turn.lastTextLine - turn.startLine + 1;
  let first =
    `**${turn.speaker}** · turn ${formatCount(turn.index + 1)} of ${formatCount(model.turns.count)} — ${plural(counts.words, 'word')} ` +
    `(${plural(counts.cjk, 'CJK character')}, ${plural(counts.other, 'other word')}) · ${plural(lineCount, 'line')}`;
  const fileLines = turn.fileBlocks.reduce((sum, block) => sum + block.contentLines, 0);
  const codeLines = turn.fences.reduce((sum, fence) => sum + fence.codeLines, 0);
  if (turn.fileBlocks.length)
    first += ` · ${plural(turn.fileBlocks.length, 'FILE block')} (${plural(fileLines, 'line')}, not counted)`;
  if (turn.fences.length)
    first += ` · ${plural(turn.fences.length, 'code fence')} (${plural(codeLines, 'line')} of code, not counted)`;
  const totals = speakerTotals(model);
  const mine = totals.speakers.get(turn.speaker)!;
  const share = totals.words === 0 ? 0 : Math.round((mine.words / totals.words) * 100);
  let second = `**${turn.speaker}** in total: ${plural(mine.turns, 'turn')}, ${plural(mine.words, 'word')} (${share}%)`;
  if (tokens) {
    // Tokens count the turn's whole content, FILE blocks and code too: what an export of it holds.
    first += ` · ${plural(turnTokens(model, turn, tokens.counter), 'token')} (${tokens.counter.encoding})`;
    if (tokens.totals) second += `, ${plural(tokens.totals.speakers.get(turn.speaker)!, 'token')}`;
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: `${first}\n\n${second}` },
    range: model.lines.rangeOf(turn.tag.start, turn.tag.end),
  };
}

function fileBlockHover(model: Transcript, block: FileBlock): Hover {
  const language = languageOfPath(block.path) ?? 'unknown language';
  const bytes = utf8Length(model.text.slice(block.content.start, block.content.end)) + (block.contentLines > 0 ? 1 : 0);
  const path = block.path ? `\`${block.path}\`` : '(no path)';
  const state = block.closer ? '' : ' · never closed';
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: `**FILE** ${path} · ${plural(block.contentLines, 'line')} · ${plural(bytes, 'byte')} · ${language}${state}`,
    },
    range: model.lines.rangeOf(block.opener.start, block.opener.end),
  };
}

/** UTF-8 bytes of `text`, line terminators as written. */
function utf8Length(text: string): number {
  const end = text.length;
  let bytes = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
