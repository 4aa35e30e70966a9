/**
 * `transcript extract`: writes transcripts' FILE blocks under an output folder, refusing every path
 * that could land outside it and never replacing a file unless told to.
 */
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  realpathSync,
  statSync,
  writeFileSync,
  type BigIntStats,
} from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { formatCount, plural } from '../core/format';
import type { TextSlices } from '../core/lines';
import type { FileBlock, Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { isTranscriptFile } from '../core/transcript-files';
import { refusalReasons } from '../core/file-names';
import { collisionKey, normalisedPath } from './extract-paths';
import type { DiscoveryOptions } from './files';
import { complain, EXIT, STDIN, type Io } from './io';
import { printable } from './printable';
import { describeFsError, readInput, readStandardInput, readTranscriptFile } from './read';
import { discoverInputs } from './run-files';

export interface ExtractOptions extends DiscoveryOptions {
  /** Transcripts, folders searched for them, or `-`. */
  readonly paths: readonly string[];
  readonly out: string;
  /** Replace files that already exist (never a symbolic link or a folder). */
  readonly force: boolean;
  /** List what would be written, write nothing. */
  readonly dryRun: boolean;
  readonly stdinName: string;
  /** The largest file read (`--max-size`). */
  readonly maxBytes: number;
  readonly interleave?: Interleave;
}

/**
 * The steps of a write at which another process could change the output folder under it. Tests take
 * that process's part here, so a race is played out step by step instead of by timing; the CLI passes none.
 */
export interface Interleave {
  /** After the folder `path`, on the way to a file, is made (or found) and checked. */
  afterFolder?(path: string): void;
  /** After every check before the file `path` is opened, right before the open. */
  beforeOpen?(path: string): void;
}

/** What becomes of one FILE block, in document order; `line` is the opener's, 1-based. */
export type Decision =
  | {
      readonly kind: 'write';
      readonly line: number;
      readonly path: string;
      readonly target: string;
      readonly content: string;
      readonly lines: number;
    }
  | { readonly kind: 'refuse'; readonly line: number; readonly path: string; readonly reason: string }
  | {
      readonly kind: 'duplicate';
      readonly line: number;
      readonly path: string;
      readonly writtenAt: number;
      readonly sameContent: boolean;
    };

/** What was done with one transcript's blocks, and which files it wrote (by `collisionKey`). */
interface Tally {
  blocks: number;
  written: number;
  refused: number;
  duplicates: number;
}

/**
 * One file (or standard input) is extracted as it always was; several files or a folder extract each
 * transcript in turn under its path, into the one output folder, where a path that an earlier
 * transcript of the run wrote is refused rather than replaced.
 */
export async function runExtract(options: ExtractOptions, io: Io): Promise<number> {
  const [only] = options.paths;
  if (options.paths.length === 1 && (only === STDIN || !isFolder(only!))) return extractOne(only!, options, io);
  const outProblem = outputFolderProblem(options.out);
  if (outProblem) {
    complain(io, `cannot write to ${options.out}: ${outProblem}`);
    return EXIT.trouble;
  }
  const discovery = discoverInputs(options, io);
  if (!discovery) return EXIT.trouble;
  let failed = discovery.failures.length > 0;
  const total: Tally = { blocks: 0, written: 0, refused: 0, duplicates: 0 };
  let transcripts = 0;
  const taken = new Map<string, string>();
  const inputs = discovery.stdin ? [...discovery.files, STDIN] : discovery.files;
  for (const path of inputs) {
    const read =
      path === STDIN ? await readStandardInput(io.stdin, options.maxBytes) : readTranscriptFile(path, options.maxBytes);
    const name = path === STDIN ? options.stdinName : path;
    if (read.ok && discovery.searched.has(path) && !isTranscriptFile(path, read.text)) continue;
    if (!read.ok) {
      complain(io, `${read.problem === 'skipped' ? 'skipped' : 'cannot read'} ${name}: ${read.reason}`);
      if (read.problem !== 'skipped') failed = true;
      continue;
    }
    io.stdout.write(`${transcripts ? '\n' : ''}${printable(name)}\n`);
    transcripts++;
    const tally = await extractText(name, read.text, options, io, taken);
    total.blocks += tally.blocks;
    total.written += tally.written;
    total.refused += tally.refused;
    total.duplicates += tally.duplicates;
  }
  io.stdout.write(`\n${plural(transcripts, 'transcript')}: ${summaryParts(total, options.dryRun)}.\n`);
  if (failed) return EXIT.trouble;
  return total.refused ? EXIT.problems : EXIT.ok;
}

async function extractOne(path: string, options: ExtractOptions, io: Io): Promise<number> {
  const name = path === STDIN ? options.stdinName : path;
  const read = await readInput(path, io.stdin, options.maxBytes);
  if (!read.ok) {
    complain(io, `${read.problem === 'skipped' ? 'not a transcript' : 'cannot read'}: ${name}: ${read.reason}`);
    return EXIT.trouble;
  }
  const outProblem = outputFolderProblem(options.out);
  if (outProblem) {
    complain(io, `cannot write to ${options.out}: ${outProblem}`);
    return EXIT.trouble;
  }
  const tally = await extractText(name, read.text, options, io, new Map());
  return tally.refused ? EXIT.problems : EXIT.ok;
}

/**
 * Writes the blocks of one transcript, a line each and then its summary; `taken` holds the files
 * earlier transcripts of the run wrote (or would write), by `collisionKey`, and gets this one's.
 */
async function extractText(
  name: string,
  text: string,
  options: ExtractOptions,
  io: Io,
  taken: Map<string, string>,
): Promise<Tally> {
  const decisions = planExtraction(parseTranscript(text), options.out, options.force).map((decision) =>
    decision.kind === 'write' ? claimed(decision, name, taken) : decision,
  );
  const tally: Tally = { blocks: decisions.length, written: 0, refused: 0, duplicates: 0 };
  // Made and held at the first write, so that a run that writes nothing does not make it.
  let output: Folder | string | undefined;
  try {
    for (let decision of decisions) {
      if (decision.kind === 'write' && !options.dryRun) {
        output ??= openOutput(options.out);
        decision = typeof output === 'string' ? refusal(decision, output) : writeBlock(decision, output, options);
        // Between files, so Ctrl-C stops a long extraction with every file written whole.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (decision.kind === 'write') tally.written++;
      if (decision.kind === 'refuse') tally.refused++;
      if (decision.kind === 'duplicate') tally.duplicates++;
      io.stdout.write(`${printable(decisionLine(decision, options.dryRun))}\n`);
    }
  } finally {
    if (typeof output === 'object' && output.fd !== undefined) closeSync(output.fd);
  }
  const summary =
    tally.blocks === 0
      ? `No FILE blocks in ${name}.`
      : `${options.dryRun ? 'Dry run: ' : ''}${summaryParts(tally, options.dryRun)}.`;
  io.stdout.write(`${printable(summary)}\n`);
  return tally;
}

/** The write, or its refusal when an earlier transcript of the run writes the same file; claims it if not. */
function claimed(decision: Extract<Decision, { kind: 'write' }>, name: string, taken: Map<string, string>): Decision {
  const key = collisionKey(decision.path);
  const earlier = taken.get(key);
  if (earlier !== undefined) return refusal(decision, `${decision.target} is written from ${earlier} already`);
  taken.set(key, name);
  return decision;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
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
  const blocks = [...(model.preamble?.fileBlocks ?? []), ...[...model.turns].flatMap((turn) => turn.fileBlocks)];
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
    if (last !== block)
      return {
        kind: 'duplicate',
        line,
        path,
        writtenAt: lineOf(last),
        sameContent: content === blockContent(model.text, last),
      };
    const parent = ancestorKeys(key).find((ancestor) => lastByKey.has(ancestor));
    if (parent !== undefined) {
      return {
        kind: 'refuse',
        line,
        path,
        reason: `\`${lastByKey.get(parent)!.path}\` (line ${lineOf(lastByKey.get(parent)!)}) is written as a file where this path needs a folder`,
      };
    }
    const normalised = normalisedPath(path);
    const problem = landingProblem(out, normalised, force);
    if (problem) return { kind: 'refuse', line, path, reason: problem };
    return {
      kind: 'write',
      line,
      path,
      target: join(out, ...normalised.split('/')),
      content,
      lines: block.contentLines,
    };
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
export function blockContent(text: TextSlices, block: FileBlock): string {
  if (block.contentLines === 0) return '';
  const end = block.content.end;
  const after = text.slice(end, end + 2);
  const ending = after === '\r\n' ? after : after[0] === '\n' || after[0] === '\r' ? after[0] : '';
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
    } else if (isLast && stats.nlink > 1) {
      return hardLinked(current, stats.nlink);
    }
  }
  return undefined;
}

function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return !isAbsolute(rest) && rest !== '..' && !rest.startsWith(`..${sep}`);
}

function hardLinked(path: string, names: number | bigint): string {
  return `${path} has ${names} names (hard links); writing it would change the others too`;
}

/**
 * A folder a write has checked and holds on to, so that what is made in it lands in it.
 *
 * Node has no `openat`, which names a file relative to a folder held open instead of by a path that
 * another process can change between two steps. On Linux `/proc/self/fd/N` stands in for it: the kernel
 * resolves that name to the very folder descriptor N holds, wherever it is now, so a folder on the way
 * that is swapped for a symbolic link after its check cannot send the next `mkdir` or `open` elsewhere;
 * the checks before and after each step then see the swap and refuse. Where there is no `/proc` (macOS,
 * Windows) `entries` is the folder's real path, and a swap in the instant between a check and the step
 * after it can make that step land outside: an empty folder or an empty file may be made there, but the
 * checks after the open refuse before anything is written into it, and an existing file is not even
 * emptied. Linux's `realpath` of the opened path was not enough on its own: it names where the path
 * leads now, not where the descriptor is.
 */
interface Folder {
  /** Its real path when it was checked. */
  readonly real: string;
  /** The path to name what is in it by. */
  readonly entries: string;
  /** The descriptor `entries` goes through, if it goes through one. */
  readonly fd: number | undefined;
}

/** A folder checked at `shown`, the path the user's output folder and FILE path make. */
interface Place {
  readonly folder: Folder;
  readonly shown: string;
}

/** The output folder, made if need be and held for the run, or why it cannot be. */
function openOutput(out: string): Folder | string {
  try {
    // The user names `out`, so its own path is trusted; everything made under it is checked.
    mkdirSync(out, { recursive: true });
    const real = realpathSync(out);
    return heldFolder(real) ?? { real, entries: real, fd: undefined };
  } catch (error) {
    return `could not make ${out}: ${describeFsError(error)}`;
  }
}

/** The folder at `real`, held open and named through `/proc/self/fd`, where this system has that. */
function heldFolder(real: string): Folder | undefined {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
  } catch {
    // Not a folder that can be opened here (Windows), or one that cannot be read (mode -wx): it is still
    // written to, by its real path.
    return undefined;
  }
  const entries = `/proc/self/fd/${fd}`;
  try {
    const held = readlinkSync(entries);
    if (sameFile(statSync(held, { bigint: true }), fstatSync(fd, { bigint: true }))) return { real: held, entries, fd };
  } catch {
    // No `/proc` here: names go by real paths.
  }
  closeSync(fd);
  return undefined;
}

/** The folder `name` in `place`, made if it is not there, or why it is not a folder. */
function folderIn(place: Place, name: string, shown: string): Folder | string {
  const path = join(place.folder.entries, name);
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A symbolic link is followed here; the caller refuses the folder if it is not inside the output folder.
  if (place.folder.fd === undefined) {
    const real = realpathSync(path);
    return statSync(real).isDirectory() ? { real, entries: real, fd: undefined } : `${shown} is not a folder`;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return `${shown} is not a folder`;
    throw error;
  }
  const entries = `/proc/self/fd/${fd}`;
  try {
    return { real: readlinkSync(entries), entries, fd };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function release(folder: Folder, root: Folder): void {
  if (folder !== root && folder.fd !== undefined) closeSync(folder.fd);
}

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * How `place.shown` no longer leads to the folder checked there, if it does not. A held folder is
 * compared by identity, since the kernel's name for it and `realpath`'s may be spelt differently (in
 * letter case, on a case-insensitive file system); an unheld one by its real path, which must still have
 * no link in it.
 */
function folderChange(place: Place, root: Folder, out: string): string | undefined {
  let now: string;
  try {
    now = realpathSync(place.shown);
    const { fd, real } = place.folder;
    if (fd === undefined ? now === real : sameFile(statSync(now, { bigint: true }), fstatSync(fd, { bigint: true })))
      return undefined;
  } catch (error) {
    return `${place.shown} changed while extracting: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is gone' : describeFsError(error)}`;
  }
  return changedTo(place.shown, now, root, out);
}

function changedTo(shown: string, now: string, root: Folder, out: string): string {
  return `${shown} changed while extracting: it now leads to ${now}${isInside(root.real, now) ? '' : `, outside ${out}`}`;
}

function refusal(decision: Extract<Decision, { kind: 'write' }>, reason: string): Decision {
  return { kind: 'refuse', line: decision.line, path: decision.path, reason };
}

/**
 * Writes one planned file under `root`, checking again everything planning checked, at each step, since
 * the output folder may have changed since: each folder on the way is made on its own and must be a
 * folder inside `root`; right before the open and again after it, the path must still lead to the folder
 * checked; and the file opened must be a plain file with one name, the one the path gives. Without
 * `--force` the file is created exclusively, with it opened with `O_NOFOLLOW`: either way a symbolic link
 * at the name is not followed. See `Folder` for what is left to chance where there is no `/proc`.
 */
function writeBlock(decision: Extract<Decision, { kind: 'write' }>, root: Folder, options: ExtractOptions): Decision {
  const segments = normalisedPath(decision.path).split('/');
  const name = segments.pop()!;
  let place: Place = { folder: root, shown: options.out };
  try {
    for (const segment of segments) {
      const moved = folderChange(place, root, options.out);
      if (moved) return refusal(decision, moved);
      const shown = join(place.shown, segment);
      const folder = folderIn(place, segment, shown);
      if (typeof folder === 'string') return refusal(decision, folder);
      release(place.folder, root);
      place = { folder, shown };
      if (!isInside(root.real, folder.real)) return refusal(decision, changedTo(shown, folder.real, root, options.out));
      options.interleave?.afterFolder?.(shown);
    }
    const moved = folderChange(place, root, options.out);
    if (moved) return refusal(decision, moved);
    options.interleave?.beforeOpen?.(decision.target);
    return writeFile(decision, join(place.folder.entries, name), place, root, options);
  } catch (error) {
    return refusal(
      decision,
      folderChange(place, root, options.out) ?? `could not write ${decision.target}: ${describeFsError(error)}`,
    );
  } finally {
    release(place.folder, root);
  }
}

/** Opens `entry`, the planned file named through its checked folder, checks what was opened, then writes. */
function writeFile(
  decision: Extract<Decision, { kind: 'write' }>,
  entry: string,
  place: Place,
  root: Folder,
  options: ExtractOptions,
): Decision {
  // No O_TRUNC: the file is emptied only once the checks after the open pass, so a file that a swap led
  // the open to keeps its content. Non-blocking, so that a named pipe at the name fails at once instead
  // of waiting for a reader.
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    (constants.O_NONBLOCK ?? 0) |
    (options.force ? (constants.O_NOFOLLOW ?? 0) : constants.O_EXCL);
  let file: number;
  try {
    file = openSync(entry, flags, 0o666);
  } catch (error) {
    return refusal(decision, folderChange(place, root, options.out) ?? nameProblem(entry, decision.target, error));
  }
  try {
    const problem = openedProblem(file, decision.target, place, root, options.out);
    if (problem) return refusal(decision, problem);
    if (options.force) ftruncateSync(file);
    writeFileSync(file, decision.content);
    return decision;
  } finally {
    closeSync(file);
  }
}

/** Why `entry`, the file's name seen through its checked folder, could not be opened, in the user's terms. */
function nameProblem(entry: string, target: string, error: unknown): string {
  const there = lstatSync(entry, { throwIfNoEntry: false });
  if (there?.isSymbolicLink()) return `${target} is a symbolic link; it is never written through`;
  if (there?.isDirectory()) return `${target} is a folder`;
  if (there && !there.isFile()) return `${target} is not a regular file`;
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') return `${target} exists (use --force to overwrite it)`;
  return `could not write ${target}: ${describeFsError(error)}`;
}

/** Why the file open as `file` must not be written: it is not a plain file with one name, the one `target` gives. */
function openedProblem(file: number, target: string, place: Place, root: Folder, out: string): string | undefined {
  const moved = folderChange(place, root, out);
  if (moved) return moved;
  const named = lstatSync(target, { bigint: true, throwIfNoEntry: false });
  // Read after the name, so that a hard link made to pass the comparison with it is still counted.
  const opened = fstatSync(file, { bigint: true });
  if (!opened.isFile()) return `${target} is not a regular file`;
  if (opened.nlink !== 1n) return hardLinked(target, opened.nlink);
  if (!named || !sameFile(named, opened)) return `${target} changed while extracting`;
  return undefined;
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

function summaryParts(tally: Tally, dryRun: boolean): string {
  const parts = [
    `${plural(tally.written, 'file')} ${dryRun ? 'would be written' : 'written'}`,
    `${formatCount(tally.refused)} refused`,
  ];
  if (tally.duplicates) parts.push(plural(tally.duplicates, 'duplicate'));
  return parts.join(', ');
}
