/**
 * Which files a command reads: the files named, the transcripts found in the folders named, and
 * standard input for `-`.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { STDIN } from './io';
import { describeFsError } from './read';

/** What a folder scan picks up unless `--glob` says otherwise. */
export const DEFAULT_GLOBS: readonly string[] = ['*.transcript', '*.txt'];
/** Never scanned: version control internals and installed packages hold no one's transcripts. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

export interface DiscoveryOptions {
  /** Patterns a file found in a folder must match; a pattern without `/` matches the file name. */
  readonly globs?: readonly string[] | undefined;
  /** `.gitignore`-style patterns, matched against paths relative to the folder scanned. */
  readonly ignore?: readonly string[] | undefined;
  /** `--shard K/N`: only the files of shard `index` (1-based) of `count` (see `inShard`). */
  readonly shard?: Shard | undefined;
}

/** One of `count` parts of a file list, `index` from 1. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface Discovery {
  /** Paths to read, in a stable order: arguments as given, each folder's files sorted by name. */
  readonly files: string[];
  /**
   * The files among `files` found by searching a folder with the default globs: each is a transcript
   * only if `isTranscriptFile` says so (a `*.txt` must start with a speaker line), as in the editor.
   */
  readonly searched: ReadonlySet<string>;
  /** Whether `-` was among the arguments (read once, after the files); with `--shard`, only in shard 1. */
  readonly stdin: boolean;
  /** How many inputs (standard input counts) there were before `--shard` kept its part: none means a wrong path or glob. */
  readonly found: number;
  /** Arguments and folders that could not be read, each with the reason. */
  readonly failures: { readonly path: string; readonly reason: string }[];
}

/**
 * The files behind the command line's paths. A file named explicitly is always read, whatever its
 * name; folders are searched recursively for files matching the globs and not ignored. Without
 * `--glob`, a `*.txt` found in a folder is read as a transcript only if it starts with a speaker line.
 *
 * @example `discover(['notes'], {})` finds `notes/a.txt` and `notes/deep/b.transcript`, not `notes/c.md`.
 */
export function discover(args: readonly string[], options: DiscoveryOptions = {}): Discovery {
  const included = globMatcher(options.globs?.length ? options.globs : DEFAULT_GLOBS);
  const ignored = options.ignore?.length ? ignore().add([...options.ignore]) : undefined;
  const searched = new Set<string>();
  const discovery: Discovery = { files: [], searched, stdin: false, found: 0, failures: [] };
  const seen = new Set<string>();
  const bySearch = !options.globs?.length;
  /** Adds `path` unless the file, known by its absolute path `key`, is in already. */
  const add = (path: string, key: string, found: boolean): void => {
    if (seen.has(key)) return;
    seen.add(key);
    discovery.files.push(path);
    if (found && bySearch) searched.add(path);
  };
  for (const arg of args) {
    if (arg === STDIN) {
      (discovery as { stdin: boolean }).stdin = true;
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(arg).isDirectory();
    } catch (error) {
      discovery.failures.push({ path: arg, reason: describeFsError(error) });
      continue;
    }
    if (!isFolder) add(arg, resolve(arg), false);
    else {
      // Paths below are built by concatenation: `path.join` for each of thousands of files shows up in the time of a run.
      const base = join(arg);
      walk('', {
        shown: base === '.' ? '' : base + sep,
        absolute: resolve(arg) + sep,
        included,
        ignored,
        add,
        failures: discovery.failures,
      });
    }
  }
  const shard = options.shard;
  (discovery as { found: number }).found = discovery.files.length + (discovery.stdin ? 1 : 0);
  if (!shard) return discovery;
  return {
    ...discovery,
    files: discovery.files.filter((path) => inShard(path, shard)),
    stdin: discovery.stdin && shard.index === 1,
  };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/**
 * Whether `path` falls in `shard`: the FNV-1a 32-bit hash of its UTF-8 bytes, with `\` written as `/`,
 * modulo the shard count, is `index - 1`. The path is the one printed (the argument as given, joined with
 * what a folder scan found), so every machine given the same command line makes the same split.
 *
 * @example `inShard('data/a.txt', { index: 1, count: 1 })` is true for every path.
 */
export function inShard(path: string, shard: Shard): boolean {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(path.replace(/\\/g, '/'))) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash % shard.count === shard.index - 1;
}

/** Matches a relative path (with `/`) against the globs: those without `/` against its last segment. */
function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const byName = globs.filter((glob) => !glob.includes('/'));
  const byPath = globs.filter((glob) => glob.includes('/'));
  const nameMatches = byName.length ? picomatch(byName, { dot: true }) : () => false;
  const pathMatches = byPath.length ? picomatch(byPath, { dot: true }) : () => false;
  return (path) => pathMatches(path) || nameMatches(path.slice(path.lastIndexOf('/') + 1));
}

interface Walk {
  /** The folder argument as printed, with a trailing separator (empty for `.`). */
  readonly shown: string;
  /** The folder argument as an absolute path, with a trailing separator. */
  readonly absolute: string;
  readonly included: (path: string) => boolean;
  readonly ignored: Ignore | undefined;
  readonly add: (path: string, key: string, found: boolean) => void;
  readonly failures: Discovery['failures'];
}

/** Adds the matching files under `folder` (relative to the folder argument, with `/`), depth first, entries sorted by name. */
function walk(folder: string, scan: Walk): void {
  const here = folder ? scan.shown + folder.split('/').join(sep) + sep : scan.shown;
  let entries: Dirent[];
  try {
    entries = readdirSync(here || '.', { withFileTypes: true });
  } catch (error) {
    scan.failures.push({ path: here || '.', reason: describeFsError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    // The ignore library wants relative POSIX paths, and a trailing `/` to apply `dir/` patterns.
    const relativePath = folder ? `${folder}/${entry.name}` : entry.name;
    // A symbolic link counts as what it points to, except that linked folders are not entered: a link
    // back up the tree would otherwise never end.
    const kind = entry.isSymbolicLink()
      ? linkedKind(here + entry.name)
      : entry.isDirectory()
        ? 'folder'
        : entry.isFile()
          ? 'file'
          : 'other';
    if (kind === 'folder' && !entry.isSymbolicLink()) {
      if (!scan.ignored?.ignores(`${relativePath}/`)) walk(relativePath, scan);
    } else if (kind === 'file' && scan.included(relativePath) && !scan.ignored?.ignores(relativePath)) {
      const inFolder = here.slice(scan.shown.length);
      scan.add(here + entry.name, scan.absolute + inFolder + entry.name, true);
    }
  }
}

function linkedKind(path: string): 'file' | 'folder' | 'other' {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

/** The lines of a `.gitignore`-style file; the ignore library skips blank lines and `#` comments itself. */
export function readIgnoreFile(path: string): string[] {
  // A named pipe would block the read forever, and a device never end it.
  if (!statSync(path).isFile()) throw new Error(`${path} is not a regular file`);
  return readFileSync(path, 'utf8').split(/\r?\n/);
}
