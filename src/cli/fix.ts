/**
 * `transcript fix`: the editor's "fix all" (`source.fixAll.transcript`) over files and folders, written
 * in place, or shown as a unified diff; files are fixed in worker threads as `check` reads them (`-j`).
 */
import { formatCount, plural } from '../core/format';
import type { DiscoveryOptions } from './files';
import { fixText, unifiedDiff } from './fix-file';
import { complain, EXIT, STDIN, type Io } from './io';
import { printable } from './printable';
import { readStandardInput } from './read';
import { analyseInputs, discoverInputs } from './run-files';

export interface FixOptions extends DiscoveryOptions {
  readonly paths: readonly string[];
  /** Print a unified diff of the fixes instead of writing them. */
  readonly dryRun: boolean;
  readonly jobs?: number | undefined;
  readonly stdinName: string;
  readonly maxBytes: number;
}

/**
 * Fixes every file. Returns what `check` of the fixed files would: 0 when none has an error left, 1
 * when one has, 2 when a path could not be read or a file written.
 */
export async function runFix(options: FixOptions, io: Io): Promise<number> {
  if (options.paths.includes(STDIN) && options.paths.length > 1) {
    complain(io, 'fix - writes the fixed text to standard output: give it alone, without other paths');
    return EXIT.trouble;
  }
  const discovery = discoverInputs(options, io);
  if (!discovery) return EXIT.trouble;
  let failed = discovery.failures.length;
  const terminal = (io.stdout as NodeJS.WriteStream).isTTY === true;
  let fixedFiles = 0;
  let fixes = 0;
  let withErrors = 0;
  // Standard input is fixed here, onto standard output; the files where they are, by the workers.
  await analyseInputs(
    'fix',
    { ...discovery, stdin: false },
    io,
    {
      jobs: options.jobs,
      stdinName: options.stdinName,
      activity: 'fixing',
      maxBytes: options.maxBytes,
      settings: { fix: { dryRun: options.dryRun } },
    },
    (outcome) => {
      if (outcome.status === 'passed over') return;
      if (outcome.status !== 'done') {
        complain(io, `${outcome.status === 'skipped' ? 'skipped' : 'cannot read'} ${outcome.path}: ${outcome.reason}`);
        if (outcome.status === 'failed') failed++;
        return;
      }
      const result = outcome.result;
      if (result.withErrors) withErrors++;
      if (result.fixes === 0) return;
      fixedFiles++;
      fixes += result.fixes;
      if (result.diff !== undefined)
        io.stdout.write(terminal ? result.diff.split('\n').map(printable).join('\n') : result.diff);
      else if (result.writeError !== undefined) {
        complain(io, `cannot write ${outcome.path}: ${result.writeError}`);
        failed++;
      } else io.stdout.write(`${printable(`fixed ${outcome.path}`)} (${fixCount(result.fixes)})\n`);
    },
  );
  if (discovery.stdin) {
    const read = await readStandardInput(io.stdin, options.maxBytes);
    if (!read.ok) {
      complain(io, `${read.problem === 'skipped' ? 'skipped' : 'cannot read'} ${options.stdinName}: ${read.reason}`);
      if (read.problem === 'failed') failed++;
    } else {
      const fixed = fixText(read.text);
      if (fixed.withErrors) withErrors++;
      if (fixed.edits.length) {
        fixedFiles++;
        fixes += fixed.edits.length;
      }
      // Standard input is fixed onto standard output, whole, so an editor can pipe a buffer through.
      if (!options.dryRun) io.stdout.write(fixed.fixed);
      else if (fixed.edits.length) {
        const diff = unifiedDiff(options.stdinName, fixed.model, fixed.edits);
        io.stdout.write(terminal ? diff.split('\n').map(printable).join('\n') : diff);
      }
    }
    if (!options.dryRun) return failed ? EXIT.trouble : withErrors ? EXIT.problems : EXIT.ok;
  }
  const verb = options.dryRun ? 'would be fixed' : 'fixed';
  let summary = `${plural(fixedFiles, 'file')} ${verb} (${fixCount(fixes)})`;
  if (withErrors) summary += `; ${formatCount(withErrors)} with errors no safe fix removes (see transcript check)`;
  // With --dry-run standard output is the diff, for `patch` or `git apply`.
  if (options.dryRun) complain(io, `${summary}.`);
  else io.stdout.write(`${summary}.\n`);
  if (failed) return EXIT.trouble;
  return withErrors ? EXIT.problems : EXIT.ok;
}

function fixCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'fix' : 'fixes'}`;
}
