/**
 * Where the benchmark edits and hovers: a prose line in the middle of each document (an edit there
 * touches neither turn boundaries nor blocks) and speaker tags of turns around the middle.
 */
import type { Position } from '../src/core/lines.js';
import type { Transcript } from '../src/core/model.js';

/** The end of the first line of the middle turn: typing there changes one turn's prose only. */
export function transcriptEditSite(model: Transcript): Position {
  const turn = model.turns.at(model.turns.count >> 1)!;
  return model.lines.positionAt(turn.firstLine.end);
}

/** The end of the first line of the third turn: a turn the preview shows when it opens. */
export function previewEditSite(model: Transcript): Position {
  let site: Position = { line: 0, character: 0 };
  for (const turn of model.turns) {
    site = model.lines.positionAt(turn.firstLine.end);
    if (turn.index === 2) break;
  }
  return site;
}

/**
 * The ends of the first lines of `count` turns spread over the first half of the document, last first:
 * typing at each in turn leaves the others where they were, and the edit site (in the middle) too.
 */
export function spreadEditSites(model: Transcript, count: number): Position[] {
  const half = model.turns.count >> 1;
  const sites: Position[] = [];
  for (let k = count; k >= 1; k--)
    sites.push(model.lines.positionAt(model.turns.at(Math.floor((k * half) / (count + 1)))!.firstLine.end));
  return sites;
}

/** The middle of the speaker tags of `count` distinct turns, from the middle of the document on. */
export function speakerTagSites(model: Transcript, count: number): Position[] {
  const first = model.turns.count >> 1;
  const step = Math.max(1, Math.floor(model.turns.count / (4 * count)));
  const sites: Position[] = [];
  for (let index = first; sites.length < count && index < model.turns.count; index += step) {
    const tag = model.turns.at(index)!.tag;
    sites.push(model.lines.positionAt((tag.start + tag.end) >> 1));
  }
  return sites;
}

/** The end of the first prose line outside a code fence from the middle of the markdown on. */
export function markdownEditSite(markdown: string): Position {
  const lines = markdown.split('\n');
  let openFence = '';
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line]!;
    const [, fence, info] = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text) ?? [];
    if (fence && !openFence) openFence = fence;
    // A closing fence has no info string: ```ts inside a ``` fence is content.
    else if (fence && fence[0] === openFence[0] && fence.length >= openFence.length && !info!.trim()) openFence = '';
    else if (!openFence && line >= lines.length >> 1 && /^[\p{L}\p{Extended_Pictographic}]/u.test(text)) {
      return { line, character: text.length };
    }
  }
  throw new Error('no prose line in the second half of the markdown');
}
