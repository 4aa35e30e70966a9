/**
 * `transcript extract`: writes a transcript's FILE blocks under an output folder, refusing every path
 * that could land outside it and never replacing a file unless told to.
 */
import { closeSync, constants, lstatSync, mkdirSync, openSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { formatCount, plural } from '../core/format';
import type { FileBlock, Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { collisionKey, normalisedPath, refusalReasons } from './extract-paths';
import { complain, EXIT, STDIN, type Io } from './io';
import { describeFsError, readInput } from './read';

export interface ExtractOptions {
  readonly path: string;
  readonly out: string;
  /** Replace files that already exist (never a symbolic link or a folder). */
  readonly force: boolean;
  /** List what would be written, write nothing. */
  readonly dryRun: boolean;
  readonly stdinName: string;
}

/** What becomes of one FILE block, in document order; `line` is the opener's, 1-based. */
export type Decision =
  | { readonly kind: 'write'; readonly line: number; readonly path: string; readonly target: string; readonly content: string; readonly lines: number }
  | { readonly kind: 'refuse'; readonly line: number; readonly path: string; readonly reason: string }
  | { readonly kind: 'duplicate'; readonly line: number; readonly path: string; readonly writtenAt: number; readonly sameContent: boolean };

export async function runExtract(options: ExtractOptions, io: Io): Promise<number> {
  const name = options.path === STDIN ? options.stdinName : options.path;
  const read = await readInput(options.path, io.stdin);
  if (!read.ok) {
    complain(io, `${read.problem === 'skipped' ? 'not a transcript' : 'cannot read'}: ${name}: ${read.reason}`);
    return EXIT.trouble;
  }
  const outProblem = outputFolderProblem(options.out);
  if (outProblem) {
    complain(io, `cannot write to ${options.out}: ${outProblem}`);
    return EXIT.trouble;
  }
  const decisions = planExtraction(parseTranscript(read.text), options.out, options.force);
  let written = 0;
  let refused = 0;
  for (let decision of decisions) {
    if (decision.kind === 'write' && !options.dryRun) {
      decision = writeBlock(decision, options.force);
      // Between files, so Ctrl-C stops a long extraction with every file written whole.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (decision.kind === 'write') written++;
    if (decision.kind === 'refuse') refused++;
    io.stdout.write(`${decisionLine(decision, options.dryRun)}\n`);
  }
  const duplicates = decisions.filter((decision) => decision.kind === 'duplicate').length;
  io.stdout.write(`${extractSummary(name, decisions.length, written, refused, duplicates, options.dryRun)}\n`);
  return refused ? EXIT.problems : EXIT.ok;
}

/** Why `out` cannot be the output folder, if it cannot: it exists and is not a folder. */
function outputFolderProblem(out: string): string | undefined {
  try {
    return statSync(out).isDirectory() ? undefined : 'it is not a folder';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : describeFsError(error);
  }
}

/**
 * What to do with each FILE block of `model` when extracting to `out`. A path given more than once is
 * written once, with its last content (in a chat the later version is usually the revision); the
 * earlier ones are reported as duplicates. Nothing is written here.
 */
export function planExtraction(model: Transcript, out: string, force: boolean): Decision[] {
  const blocks = [...(model.preamble?.fileBlocks ?? []), ...model.turns.flatMap((turn) => turn.fileBlocks)];
  const lineOf = (block: FileBlock): number => block.startLine + 1;
  const refusal = (block: FileBlock): string | undefined => {
    if (!block.closer) return 'the block is never closed, so where its content ends is a guess';
    const reasons = refusalReasons(block.path);
    return reasons.length ? reasons.join('; ') : undefined;
  };
  // The last acceptable block for each file, by the name a case-insensitive file system would see.
  const lastByKey = new Map<string, FileBlock>();
  for (const block of blocks) if (!refusal(block)) lastByKey.set(collisionKey(block.path), block);

  return blocks.map((block): Decision => {
    const line = lineOf(block);
    const path = block.path;
    const refused = refusal(block);
    if (refused) return { kind: 'refuse', line, path, reason: refused };
    const key = collisionKey(path);
    const last = lastByKey.get(key)!;
    const content = blockContent(model.text, block);
    if (last !== block) return { kind: 'duplicate', line, path, writtenAt: lineOf(last), sameContent: content === blockContent(model.text, last) };
    const parent = ancestorKeys(key).find((ancestor) => lastByKey.has(ancestor));
    if (parent !== undefined) {
      return { kind: 'refuse', line, path, reason: `\`${lastByKey.get(parent)!.path}\` (line ${lineOf(lastByKey.get(parent)!)}) is written as a file where this path needs a folder` };
    }
    const normalised = normalisedPath(path);
    const problem = landingProblem(out, normalised, force);
    if (problem) return { kind: 'refuse', line, path, reason: problem };
    return { kind: 'write', line, path, target: join(out, ...normalised.split('/')), content, lines: block.contentLines };
  });
}

/** `a/b/c` → `['a', 'a/b']`. */
function ancestorKeys(key: string): string[] {
  const segments = key.split('/');
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join('/'));
}

/**
 * The content as a file: its lines with the line ending that followed the last one in the transcript,
 * so a block copied from a file that ended in a newline gives that file back.
 */
export function blockContent(text: string, block: FileBlock): string {
  if (block.contentLines === 0) return '';
  const end = block.content.end;
  const ending = text.startsWith('\r\n', end) ? '\r\n' : text[end] === '\n' || text[end] === '\r' ? text[end]! : '';
  return text.slice(block.content.start, end) + ending;
}

/**
 * Why writing `path` (normalised, relative) under `out` would go wrong on this file system: through a
 * symbolic link that leads outside `out`, onto a symbolic link or a folder, under a file, or onto an
 * existing file without `force`.
 */
export function landingProblem(out: string, path: string, force: boolean): string | undefined {
  let realOut: string;
  try {
    realOut = realpathSync(out);
  } catch {
    return undefined; // The folder does not exist yet, so nothing in it can be in the way.
  }
  const segments = path.split('/');
  let current = out;
  for (let index = 0; index < segments.length; index++) {
    current = join(current, segments[index]!);
    const isLast = index === segments.length - 1;
    let stats;
    try {
      stats = lstatSync(current);
    } catch {
      return undefined; // From here down nothing exists: the write creates it inside `out`.
    }
    if (stats.isSymbolicLink()) {
      if (isLast) return `${current} is a symbolic link; it is never written through`;
      let target: string;
      try {
        target = realpathSync(current);
      } catch {
        return `${current} is a symbolic link that leads nowhere`;
      }
      if (!isInside(realOut, target)) return `${current} is a symbolic link to ${target}, outside ${out}`;
    } else if (!isLast && !stats.isDirectory()) {
      return `${current} is a file, not a folder`;
    } else if (isLast && stats.isDirectory()) {
      return `${current} is a folder`;
    } else if (isLast && !force) {
      return `${current} exists (use --force to overwrite it)`;
    }
  }
  return undefined;
}

function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return !isAbsolute(rest) && rest !== '..' && !rest.startsWith(`..${sep}`);
}

/**
 * Writes one planned file. Without `--force` the file is created exclusively; with it, opened with
 * `O_NOFOLLOW`: either way a symbolic link put there since planning is not followed.
 */
function writeBlock(decision: Extract<Decision, { kind: 'write' }>, force: boolean): Decision {
  const flags = constants.O_WRONLY | constants.O_CREAT | (force ? constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0) : constants.O_EXCL);
  try {
    mkdirSync(dirname(decision.target), { recursive: true });
    const file = openSync(decision.target, flags, 0o666);
    try {
      writeFileSync(file, decision.content);
    } finally {
      closeSync(file);
    }
    return decision;
  } catch (error) {
    return { kind: 'refuse', line: decision.line, path: decision.path, reason: `could not write ${decision.target}: ${describeFsError(error)}` };
  }
}

function decisionLine(decision: Decision, dryRun: boolean): string {
  switch (decision.kind) {
    case 'write':
      return `${dryRun ? 'would write' : 'wrote'} ${decision.target} (${plural(decision.lines, 'line')}) from line ${decision.line}`;
    case 'refuse':
      return `refused line ${decision.line} ${decision.path ? `\`${decision.path}\`` : '(no path)'}: ${decision.reason}`;
    case 'duplicate':
      return `duplicate line ${decision.line} \`${decision.path}\`: superseded by the block at line ${decision.writtenAt} (${decision.sameContent ? 'same' : 'different'} content)`;
  }
}

function extractSummary(name: string, blocks: number, written: number, refused: number, duplicates: number, dryRun: boolean): string {
  if (blocks === 0) return `No FILE blocks in ${name}.`;
  const parts = [`${plural(written, 'file')} ${dryRun ? 'would be written' : 'written'}`, `${formatCount(refused)} refused`];
  if (duplicates) parts.push(plural(duplicates, 'duplicate'));
  return `${dryRun ? 'Dry run: ' : ''}${parts.join(', ')}.`;
}
