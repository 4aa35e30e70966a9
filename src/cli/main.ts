/**
 * `transcript`: the command-line face of the core the language server uses. This file reads the
 * command line and hands over to one module per subcommand.
 */
import { isMainThread } from 'node:worker_threads';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CHECK_FORMATS, runCheck, type CheckFormat } from './check';
import { runExportHtml } from './export-html';
import { runExtract } from './extract';
import type { FileBlockMode } from '../core/conversation';
import { invalidLabelReason } from '../core/rename';
import { DATASET_FORMATS, DEFAULT_SPEAKERS, ROLES, type Role } from '../core/dataset';
import { runExport } from './export';
import { runFix } from './fix';
import { runImport } from './import';
import { readIgnoreFile, type Shard } from './files';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from '../core/content';
import { CLI_VERSION, complain, EXIT, processIo, STDIN_NAME, type Io } from './io';
import { runOutline } from './outline';
import { MAX_SIZE_LIMIT } from './read';
import { clearProgress } from './progress';
import { runStats, STATS_FORMATS } from './stats';
import { TOKEN_ENCODINGS } from '../core/tokens';

const USAGE = `Usage: transcript <command> [options]

Commands:
  check [paths…]             report the problems the editor reports; exit 1 on errors
  stats [paths…]             turns, words and tokens per speaker, per file and overall
  outline [paths…]           the turns with their line numbers, speakers and first words
  extract [paths…] -o <dir>  write the FILE blocks to disk, safely
  export [paths…]            transcripts as OpenAI or ShareGPT JSON lines, or one as a chat page
  import <file> --out <dir>  OpenAI or ShareGPT conversations as transcripts
  fix [paths…]               apply the editor's safe fixes (fix all) in place

Paths are files, folders (searched for *.transcript and *.txt) or - for standard input.
Run \`transcript <command> --help\` for a command's options.

Options:
  -h, --help                 show this help
  -v, --version              show the version
`;

const MAX_SIZE_HELP = `  --max-size <size>          skip files larger than this (default ${formatBytes(DEFAULT_MAX_FILE_BYTES)}; suffix K, M or G)
`;

const FILE_OPTIONS_HELP = `  --glob <pattern>           files to pick up in folders (repeatable; default *.transcript and *.txt);
                             a pattern without / matches the file name
  --ignore <pattern>         .gitignore-style pattern of paths to skip in folders (repeatable)
  --ignore-file <file>       read --ignore patterns from a file such as .gitignore (repeatable)
  -j, --jobs <n>             threads to read and analyse files in (default: by file count and cores)
${MAX_SIZE_HELP}  --stdin-filename <name>    what standard input is called in the output (default <stdin>)
  --shard <K/N>              only part K of N of the files, split by a hash of each path as given
`;

const HELP: Record<Command, string> = {
  check: `Usage: transcript check [options] <paths…>

Prints each problem as path:line:column: severity code message (1-based; columns count UTF-16
code units, as VS Code does), then a summary line.
Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable path.

Options:
  -f, --format <format>      text (default), json or sarif (SARIF 2.1.0)
  --max-warnings <n>         fail when there are more than n warnings
${FILE_OPTIONS_HELP}`,
  stats: `Usage: transcript stats [options] <paths…>

Turns and words (CJK characters and other words) per speaker, with each speaker's share of the words:
for one file, its speakers; for several, a row per file and the speakers over all of them. With
--tokens, the tokens of each turn's text as export writes it, too.

Options:
  -f, --format <format>      text (default), json (every file's speakers, and the files skipped and
                             why) or csv (a row per speaker of each file, then over all files)
  --json                     the same as --format json
  --tokens                   count tokens, in o200k_base (GPT-4o and later) unless told otherwise
  --token-encoding <name>    the tokenizer: o200k_base or cl100k_base (GPT-4); implies --tokens
  --speaker <name>           count only this speaker's turns (repeatable)
${FILE_OPTIONS_HELP}`,
  outline: `Usage: transcript outline [options] <paths…>

The turns with their line numbers, speakers, word counts and first words, and the FILE blocks and
code fences inside them. One file (or - for standard input) prints its table; several files or a
folder print a table per transcript under its path.

Options:
  --json                     print JSON: {path, turns}, or {files: [{path, turns}], skipped} for several
  --speaker <name>           only this speaker's turns (repeatable)
  --glob <pattern>           files to pick up in folders (repeatable; default *.transcript and *.txt)
  --ignore <pattern>         .gitignore-style pattern of paths to skip in folders (repeatable)
${MAX_SIZE_HELP}`,
  extract: `Usage: transcript extract [options] <paths…> --out <dir>

Writes each FILE block to <dir>/<path>. Refuses paths that could land outside <dir> (absolute, ..,
backslashes, drive letters, symbolic links leading out), never overwrites without --force, writes a
path given twice once (its last version) and reports the others. Several files or a folder extract
each transcript in turn under its path, into the one <dir>; a file an earlier one wrote is refused.
Exit status 1 when a block was refused.

Options:
  -o, --out <dir>            the folder to write to (created if missing)
  --force                    overwrite files that exist
  -n, --dry-run              list what would be written, write nothing
  --glob <pattern>           files to pick up in folders (repeatable; default *.transcript and *.txt)
  --ignore <pattern>         .gitignore-style pattern of paths to skip in folders (repeatable)
${MAX_SIZE_HELP}`,
  export: `Usage: transcript export [options] <paths…>

Writes one JSON line per transcript: OpenAI chat messages or ShareGPT conversations; with --format
html, one transcript as a self-contained, printable chat page instead. A message's
content is its turn's text exactly (line ends as \n). A transcript with errors, or with a speaker who
has no role, is refused with the reasons; the others are written. Exit status 1 when one was refused.

Options:
  -f, --format <format>      openai (default), sharegpt, or html (one <file>: a chat page)
  --expand-files             html: show the FILE blocks expanded, as a printed page wants them
  -o, --out <path>           a file for all lines, or a folder (one that exists, or a name ending in /)
                             for a <name>.jsonl per transcript; default standard output
  --role <speaker=role>      the role (user, assistant or system) of a speaker (repeatable); default:
                             the first of two speakers user, the second assistant
  --system <text>            a system message before each conversation
  --files <mode>             FILE blocks: keep (default) as written, fence as Markdown code, or drop
  --allow-errors             export transcripts that have errors too
  --strict                   also refuse roles that do not alternate, empty messages, an assistant first
  --speaker <name>           only this speaker's turns become messages (repeatable); the others are left out
  --force                    replace output files that exist
${FILE_OPTIONS_HELP}`,
  import: `Usage: transcript import [options] <file> --out <dir>

Writes a transcript per conversation of <file>: JSON lines (.jsonl), or a JSON array or object (.json,
or text starting with [), each an OpenAI {"messages": […]} or a ShareGPT {"conversations": […]}.
Files are named from each conversation's id (or line-N, item-N). A malformed line, a part that has no
transcript form (tool calls, images) and a conversation that would not read back exactly are reported,
and the rest imported; exit status 1 then. <file> may be - for standard input.

Options:
  -o, --out <dir>            the folder to write to (created if missing)
  -f, --format <format>      read every conversation as openai or sharegpt, whatever its shape
  --speaker <role=name>      the speaker of a role (repeatable); default user=User,
                             assistant=Assistant, system=System
  --normalize                write CR line ends as \n and drop blank lines ending a message, rather
                             than refusing such conversations
  --force                    overwrite transcripts that exist
  --stdin-filename <name>    what standard input is called in messages (default <stdin>)
${MAX_SIZE_HELP}`,
  fix: `Usage: transcript fix [options] <paths…>

Applies the fixes the editor's "Fix all" applies (stray closers deleted, unclosed blocks and fences
closed, look-alike markers and tags rewritten), writing each file whole by renaming a temporary file
over it, with its line ends, byte order mark and permissions. - fixes standard input onto standard output.
Exit status: 0 no errors left, 1 errors no safe fix removes, 2 usage error or unreadable path.

Options:
  -n, --dry-run              print the fixes as a unified diff, write nothing
${FILE_OPTIONS_HELP}`,
};

type Command = 'check' | 'stats' | 'outline' | 'extract' | 'export' | 'import' | 'fix';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
const MAX_SIZE_OPTION = { 'max-size': { type: 'string' } } as const;

const FILE_OPTIONS = {
  ...HELP_OPTION,
  ...MAX_SIZE_OPTION,
  glob: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  'ignore-file': { type: 'string', multiple: true },
  jobs: { type: 'string', short: 'j' },
  'stdin-filename': { type: 'string' },
  shard: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** The values of `FILE_OPTIONS` as `parseArgs` gives them. */
interface FileValues {
  readonly glob?: string[];
  readonly ignore?: string[];
  readonly 'ignore-file'?: string[];
  readonly jobs?: string;
  readonly 'stdin-filename'?: string;
  readonly 'max-size'?: string;
  readonly shard?: string;
}

/** A mistake on the command line: reported with a pointer to the help, exit status 2. */
class UsageError extends Error {}

/** Runs the command line `args` (without `node` and the script) and returns the exit status. */
export async function main(args: readonly string[], io: Io, cwd = process.cwd()): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) {
    io.stderr.write(USAGE);
    return EXIT.trouble;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, first)) {
    complain(io, `unknown command \`${first}\``, USAGE);
    return EXIT.trouble;
  }
  const command = first as Command;
  try {
    return await COMMANDS[command](rest, io, cwd);
  } catch (error) {
    if (!(error instanceof UsageError) && !isParseArgsError(error)) throw error;
    // Node's own messages for the command line break their lines; one line says it as well.
    complain(io, (error as Error).message.replace(/\n/g, ' '), `Run \`transcript ${command} --help\` for usage.\n`);
    return EXIT.trouble;
  }
}

const COMMANDS: Record<Command, (args: string[], io: Io, cwd: string) => Promise<number>> = {
  async check(args, io, cwd) {
    const options = {
      ...FILE_OPTIONS,
      format: { type: 'string', short: 'f' },
      'max-warnings': { type: 'string' },
    } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'check');
    const format = values.format ?? 'text';
    if (!(CHECK_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}, not \`${format}\``);
    const maxWarnings =
      values['max-warnings'] === undefined ? undefined : count('--max-warnings', values['max-warnings'], 0);
    return runCheck({ ...fileOptions(values, positionals), format: format as CheckFormat, maxWarnings, cwd }, io);
  },
  async stats(args, io) {
    const options = {
      ...FILE_OPTIONS,
      json: { type: 'boolean' },
      format: { type: 'string', short: 'f' },
      tokens: { type: 'boolean' },
      'token-encoding': { type: 'string' },
      speaker: { type: 'string', multiple: true },
    } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'stats');
    if (values.json && values.format !== undefined && values.format !== 'json')
      throw new UsageError(`--json and --format ${values.format} ask for two formats: give one`);
    const format = oneOf('--format', STATS_FORMATS, values.json ? 'json' : (values.format ?? 'text'));
    const encoding = values['token-encoding'];
    // Naming an encoding asks for tokens: there is nothing else it could mean.
    const tokens =
      values.tokens || encoding !== undefined
        ? oneOf('--token-encoding', TOKEN_ENCODINGS, encoding ?? 'o200k_base')
        : undefined;
    return runStats({ ...fileOptions(values, positionals), format, tokens, speakers: values.speaker }, io);
  },
  async outline(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { ...FILE_OPTIONS, json: { type: 'boolean' }, speaker: { type: 'string', multiple: true } },
      allowPositionals: true,
    });
    if (values.help) return help(io, 'outline');
    return runOutline(
      { ...fileOptions(values, positionals), json: values.json === true, speakers: values.speaker },
      io,
    );
  },
  async extract(args, io) {
    const options = {
      ...FILE_OPTIONS,
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      'dry-run': { type: 'boolean', short: 'n' },
    } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'extract');
    if (!values.out) throw new UsageError('--out <dir> is required: the folder to write the files to');
    return runExtract(
      {
        ...fileOptions(values, positionals),
        out: values.out,
        force: values.force === true,
        dryRun: values['dry-run'] === true,
      },
      io,
    );
  },
  async export(args, io) {
    const options = {
      ...FILE_OPTIONS,
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      role: { type: 'string', multiple: true },
      system: { type: 'string' },
      files: { type: 'string' },
      'allow-errors': { type: 'boolean' },
      strict: { type: 'boolean' },
      force: { type: 'boolean' },
      'expand-files': { type: 'boolean' },
      speaker: { type: 'string', multiple: true },
    } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'export');
    if (values.format === 'html' && values.speaker)
      throw new UsageError('--speaker picks the messages of JSON lines: a chat page shows every turn');
    if (values.format === 'html')
      return runExportHtml(
        {
          path: onePath(positionals),
          out: values.out,
          expandFiles: values['expand-files'] === true,
          stdinName: values['stdin-filename'] ?? STDIN_NAME,
          maxBytes: maxSize(values['max-size']),
        },
        io,
      );
    return runExport(
      {
        ...fileOptions(values, positionals),
        out: values.out,
        force: values.force === true,
        settings: {
          format: oneOf(
            '--format',
            [...DATASET_FORMATS, 'html'],
            values.format ?? 'openai',
          ) as (typeof DATASET_FORMATS)[number],
          files: oneOf('--files', FILE_BLOCK_MODES, values.files ?? 'keep'),
          roles: values.role === undefined ? undefined : roleMap(values.role),
          system: values.system,
          allowErrors: values['allow-errors'] === true,
          strict: values.strict === true,
          speakers: values.speaker && new Set(values.speaker),
        },
      },
      io,
    );
  },
  async import(args, io) {
    const options = {
      ...HELP_OPTION,
      ...MAX_SIZE_OPTION,
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      speaker: { type: 'string', multiple: true },
      normalize: { type: 'boolean' },
      force: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
    } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'import');
    if (!values.out) throw new UsageError('--out <dir> is required: the folder to write the transcripts to');
    return runImport(
      {
        input: onePath(positionals),
        out: values.out,
        format: values.format === undefined ? undefined : oneOf('--format', DATASET_FORMATS, values.format),
        speakers: speakerMap(values.speaker ?? []),
        normalize: values.normalize === true,
        force: values.force === true,
        stdinName: values['stdin-filename'] ?? STDIN_NAME,
        maxBytes: maxSize(values['max-size']),
      },
      io,
    );
  },
  async fix(args, io) {
    const options = { ...FILE_OPTIONS, 'dry-run': { type: 'boolean', short: 'n' } } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'fix');
    return runFix({ ...fileOptions(values, positionals), dryRun: values['dry-run'] === true }, io);
  },
};

/** `--speaker user=Dr. Chen`: split at the first `=`, since a role has none and a name may. */
function speakerMap(pairs: readonly string[]): Map<string, string> {
  const speakers = new Map<string, string>(Object.entries(DEFAULT_SPEAKERS));
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--speaker takes role=name, such as --speaker 'assistant=Dr. Chen', not \`${pair}\``);
    const name = pair.slice(at + 1);
    const invalid = invalidLabelReason(name);
    if (invalid) throw new UsageError(`--speaker ${pair}: ${invalid}`);
    speakers.set(pair.slice(0, at), name);
  }
  return speakers;
}

const FILE_BLOCK_MODES = ['keep', 'fence', 'drop'] as const satisfies readonly FileBlockMode[];

function oneOf<T extends string>(option: string, choices: readonly T[], value: string): T {
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${choices.join(', ')}, not \`${value}\``);
  return value as T;
}

/** `--role A=user`: split at the last `=`, since a speaker's name may hold one and a role never does. */
function roleMap(pairs: readonly string[]): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    if (at <= 0)
      throw new UsageError(`--role takes speaker=role, such as --role 'Dr. Chen=assistant', not \`${pair}\``);
    roles.set(pair.slice(0, at), oneOf('a role', ROLES, pair.slice(at + 1)));
  }
  return roles;
}

function help(io: Io, command: Command): number {
  io.stdout.write(HELP[command]);
  return EXIT.ok;
}

function fileOptions(values: FileValues, positionals: string[]) {
  if (positionals.length === 0) throw new UsageError('give the files or folders to read, or - for standard input');
  let ignoreFilePatterns: string[];
  try {
    ignoreFilePatterns = (values['ignore-file'] ?? []).flatMap((path) => readIgnoreFile(path));
  } catch (error) {
    throw new UsageError(`cannot read the ignore file: ${(error as Error).message}`);
  }
  return {
    paths: positionals,
    globs: values.glob,
    ignore: [...ignoreFilePatterns, ...(values.ignore ?? [])],
    jobs: values.jobs === undefined ? undefined : count('--jobs', values.jobs, 1),
    stdinName: values['stdin-filename'] ?? STDIN_NAME,
    maxBytes: maxSize(values['max-size']),
    shard: values.shard === undefined ? undefined : shardOf(values.shard),
  };
}

/** `--shard 2/8`: the second of eight parts. */
function shardOf(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(count >= 1 && index >= 1 && index <= count))
    throw new UsageError(`--shard takes K/N with 1 ≤ K ≤ N, such as 1/4, not \`${value}\``);
  return { index, count };
}

function onePath(positionals: string[]): string {
  if (positionals.length !== 1)
    throw new UsageError(`expected one file (or - for standard input), got ${positionals.length}`);
  return positionals[0]!;
}

function count(option: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UsageError(`${option} takes a whole number of at least ${min}, not \`${value}\``);
  return Number(value);
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `--max-size`: bytes, or a number with K, M or G (binary multiples, an optional `iB` or `B` after). */
function maxSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_FILE_BYTES;
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!) : NaN;
  if (!(bytes >= 1 && bytes <= MAX_SIZE_LIMIT)) {
    throw new UsageError(
      `--max-size takes a size from 1 byte to ${formatBytes(MAX_SIZE_LIMIT)} such as 64M, not \`${value}\``,
    );
  }
  return bytes;
}

function isParseArgsError(error: unknown): boolean {
  return (
    typeof (error as NodeJS.ErrnoException)?.code === 'string' &&
    (error as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS_')
  );
}

// In a worker thread this bundle only serves files (see worker.ts); the command line is the main thread's.
if (isMainThread && require.main === module) {
  process.once('SIGINT', () => {
    clearProgress();
    process.exit(EXIT.interrupted);
  });
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as a process killed by SIGPIPE would.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(128 + 13);
  });
  main(process.argv.slice(2), processIo).then(
    (status) => {
      process.exitCode = status;
    },
    (error: Error) => {
      complain(
        processIo,
        'internal error (please report it with the command that caused it):',
        `${error.stack ?? error.message}\n`,
      );
      process.exitCode = EXIT.trouble;
    },
  );
}
