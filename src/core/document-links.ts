import type { Range } from 'vscode-languageserver-types';
import type { Transcript } from './model';
import { fileBlocksOf } from './sections';
import { unsafePathReasons } from './syntax';

/** A FILE path that may name a file of the workspace; the server decides whether one exists. */
export interface PathReference {
  readonly path: string;
  readonly range: Range;
}

/**
 * The paths of the FILE blocks that are safe relative paths, each with its range on the opener line.
 * Unsafe paths are left out: a link should not lead outside the workspace.
 *
 * @example `[A]: x\n<<<FILE src/a.py\n1\nFILE>>>` gives `src/a.py` on line 1, characters 8 to 16.
 */
export function fileBlockPaths(model: Transcript): PathReference[] {
  const found: PathReference[] = [];
  for (const block of fileBlocksOf(model)) {
    if (!block.path || unsafePathReasons(block.path).length > 0) continue;
    found.push({ path: block.path, range: model.lines.rangeOf(block.pathSpan.start, block.pathSpan.end) });
  }
  return found;
}
