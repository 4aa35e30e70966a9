/**
 * `transcript`: the command-line face of the core the language server uses. This file reads the
 * command line and hands over to one module per subcommand.
 */
import { isMainThread } from 'node:worker_threads';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CHECK_FORMATS, runCheck, type CheckFormat } from './check';
import { runExportHtml } from './export-html';
import { runExtract } from './extract';
import { readIgnoreFile } from './files';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from '../core/content';
import { CLI_VERSION, complain, EXIT, processIo, type Io } from './io';
import { runOutline } from './outline';
import { MAX_SIZE_LIMIT } from './read';
import { clearProgress } from './progress';
import { runStats } from './stats';

const USAGE = `Usage: transcript <command> [options]

Commands:
  check [paths…]             report the problems the editor reports; exit 1 on errors
  stats [paths…]             turns and words per speaker, per file and overall
  outline <file>             the turns with their line numbers, speakers and first words
  extract <file> --out <dir> write the FILE blocks to disk, safely
  export <file> -f html      the transcript as a chat page, self-contained and printable

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
for one file, its speakers; for several, a row per file and the speakers over all of them.

Options:
  --json                     print JSON, with every file's speakers
${FILE_OPTIONS_HELP}`,
  outline: `Usage: transcript outline [options] <file>

The turns with their line numbers, speakers, word counts and first words, and the FILE blocks and
code fences inside them. <file> may be - for standard input.

Options:
  --json                     print JSON
${MAX_SIZE_HELP}`,
  extract: `Usage: transcript extract [options] <file> --out <dir>

Writes each FILE block to <dir>/<path>. Refuses paths that could land outside <dir> (absolute, ..,
backslashes, drive letters, symbolic links leading out), never overwrites without --force, writes a
path given twice once (its last version) and reports the others. Exit status 1 when a block was refused.

Options:
  -o, --out <dir>            the folder to write to (created if missing)
  --force                    overwrite files that exist
  -n, --dry-run              list what would be written, write nothing
${MAX_SIZE_HELP}`,
  export: `Usage: transcript export [options] <file> --format html

Writes the transcript as one HTML page: the turns as chat messages, markdown rendered, code and FILE
blocks highlighted, problems shown on their turns. The page holds its style, runs no script and loads
nothing from the network; print it to PDF from a browser. <file> may be - for standard input.

Options:
  -f, --format <format>      html
  -o, --out <file>           write the page to this file (default: standard output, unless a terminal)
  --expand-files             show the FILE blocks expanded, as a printed page wants them
${MAX_SIZE_HELP}  --stdin-filename <name>    the page's title for standard input (default <stdin>)
`,
};

type Command = 'check' | 'stats' | 'outline' | 'extract' | 'export';

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
} as const satisfies ParseArgsConfig['options'];

/** The values of `FILE_OPTIONS` as `parseArgs` gives them. */
interface FileValues {
  readonly glob?: string[];
  readonly ignore?: string[];
  readonly 'ignore-file'?: string[];
  readonly jobs?: string;
  readonly 'stdin-filename'?: string;
  readonly 'max-size'?: string;
}

/** A mistake on the command line: reported with a pointer to the help, exit status 2. */
class UsageError extends Error {}

const STDIN_NAME = '<stdin>';

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
    const { values, positionals } = parseArgs({
      args,
      options: { ...FILE_OPTIONS, json: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (values.help) return help(io, 'stats');
    return runStats({ ...fileOptions(values, positionals), json: values.json === true }, io);
  },
  async outline(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { ...HELP_OPTION, ...MAX_SIZE_OPTION, json: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (values.help) return help(io, 'outline');
    return runOutline(
      {
        path: onePath(positionals),
        json: values.json === true,
        stdinName: STDIN_NAME,
        maxBytes: maxSize(values['max-size']),
      },
      io,
    );
  },
  async extract(args, io) {
    const options = {
      ...HELP_OPTION,
      ...MAX_SIZE_OPTION,
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      'dry-run': { type: 'boolean', short: 'n' },
    } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'extract');
    if (!values.out) throw new UsageError('--out <dir> is required: the folder to write the files to');
    const path = onePath(positionals);
    const maxBytes = maxSize(values['max-size']);
    return runExtract(
      {
        path,
        out: values.out,
        force: values.force === true,
        dryRun: values['dry-run'] === true,
        stdinName: STDIN_NAME,
        maxBytes,
      },
      io,
    );
  },
  async export(args, io) {
    const options = {
      ...HELP_OPTION,
      ...MAX_SIZE_OPTION,
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      'expand-files': { type: 'boolean' },
      'stdin-filename': { type: 'string' },
    } as const;
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    if (values.help) return help(io, 'export');
    if (values.format !== 'html')
      throw new UsageError(
        `--format html is required${values.format === undefined ? '' : `, not \`${values.format}\``}`,
      );
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
  },
};

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
  };
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
