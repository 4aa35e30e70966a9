/** `transcript export`: transcripts as dataset lines (OpenAI messages, ShareGPT conversations). */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatCount, plural } from '../core/format';
import { refusalReasons } from '../core/file-names';
import { collisionKey } from './extract-paths';
import { idOf, type ExportSettings } from './export-file';
import type { DiscoveryOptions } from './files';
import { diagnosticLine } from './format-text';
import { complain, EXIT, GatheredWriter, type Io } from './io';
import { describeFsError } from './read';
import { analyseInputs, discoverInputs } from './run-files';
import { writeFileSafely } from './write-file';

export interface ExportOptions extends DiscoveryOptions {
  readonly paths: readonly string[];
  readonly settings: ExportSettings;
  /** A file for every line, or a folder for a file per transcript; standard output when absent. */
  readonly out: string | undefined;
  readonly force: boolean;
  readonly jobs?: number | undefined;
  readonly stdinName: string;
  readonly maxBytes: number;
}

/**
 * Writes a line per transcript. Returns 0 when every transcript was exported, 1 when one was refused,
 * 2 when a path could not be read or the output could not be written.
 */
export async function runExport(options: ExportOptions, io: Io): Promise<number> {
  const target = outputOf(options.out);
  if (typeof target === 'string') {
    complain(io, target);
    return EXIT.trouble;
  }
  const discovery = discoverInputs(options, io);
  if (!discovery) return EXIT.trouble;
  let failed = discovery.failures.length;
  const stdoutIsTerminal = (io.stdout as NodeJS.WriteStream).isTTY === true;
  const lines: string[] = [];
  const toStdout =
    target.kind === 'stdout' ? (stdoutIsTerminal ? io.stdout : new GatheredWriter(io.stdout)) : undefined;
  const names = new Map<string, string>();
  let exported = 0;
  let messages = 0;
  let refused = 0;
  await analyseInputs(
    'export',
    discovery,
    io,
    {
      jobs: options.jobs,
      stdinName: options.stdinName,
      activity: 'exporting',
      maxBytes: options.maxBytes,
      settings: { export: options.settings },
    },
    (outcome) => {
      if (outcome.status === 'passed over') return;
      if (outcome.status !== 'done') {
        complain(io, `${outcome.status === 'skipped' ? 'skipped' : 'cannot read'} ${outcome.path}: ${outcome.reason}`);
        if (outcome.status === 'failed') failed++;
        return;
      }
      const result = outcome.result;
      if (!result.ok) {
        refused++;
        if (result.errors.length > 0) {
          complain(
            io,
            `refused ${outcome.path}: ${plural(result.errors.length, 'error')} (--allow-errors exports it as it is)`,
          );
          for (const error of result.errors) io.stderr.write(`  ${diagnosticLine(outcome.path, error)}\n`);
        }
        for (const reason of result.reasons) complain(io, `refused ${outcome.path}: ${reason}`);
        return;
      }
      if (target.kind === 'folder') {
        const written = writeOne(target.path, outcome.path, result.line, names, options.force);
        if (written !== undefined) {
          complain(io, `${written.failed ? 'cannot export' : 'refused'} ${outcome.path}: ${written.reason}`);
          if (written.failed) failed++;
          else refused++;
          return;
        }
      } else if (toStdout) toStdout.write(`${result.line}\n`);
      else lines.push(`${result.line}\n`);
      exported++;
      messages += result.messages;
    },
  );
  if (toStdout instanceof GatheredWriter) toStdout.flush();
  if (target.kind === 'file') {
    try {
      if (writeFileSafely(target.path, lines.join(''), { replace: options.force }) === 'exists') {
        complain(io, `${target.path} exists: --force replaces it`);
        return EXIT.trouble;
      }
    } catch (error) {
      complain(io, `cannot write ${target.path}: ${describeFsError(error)}`);
      return EXIT.trouble;
    }
  }
  const summary = `${plural(exported, 'transcript')} exported (${plural(messages, 'message')})${refused ? `, ${formatCount(refused)} refused` : ''}.`;
  if (target.kind === 'stdout') complain(io, summary);
  else io.stdout.write(`${summary}\n`);
  if (failed) return EXIT.trouble;
  return refused ? EXIT.problems : EXIT.ok;
}

type Output = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'folder'; path: string };

/** `--out`: a folder when it is one or ends with a separator (made if missing), a file otherwise. */
function outputOf(out: string | undefined): Output | string {
  if (out === undefined || out === '-') return { kind: 'stdout' };
  let isFolder = /[\\/]$/.test(out);
  try {
    isFolder = statSync(out).isDirectory();
  } catch {
    // Missing: what its spelling says.
  }
  if (!isFolder) return { kind: 'file', path: out };
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    return `cannot make the folder ${out}: ${describeFsError(error)}`;
  }
  return { kind: 'folder', path: out };
}

/**
 * Writes one transcript's line to `<folder>/<id>.jsonl`; says why not when it cannot: refused (`failed`
 * false) or the file system failed.
 */
function writeOne(
  folder: string,
  path: string,
  line: string,
  names: Map<string, string>,
  force: boolean,
): { readonly failed: boolean; readonly reason: string } | undefined {
  const name = `${idOf(path) ?? 'stdin'}.jsonl`;
  const unsafe = refusalReasons(name);
  if (unsafe.length > 0) return { failed: false, reason: `${name} is not a safe file name (${unsafe.join('; ')})` };
  const key = collisionKey(name);
  const taken = names.get(key);
  if (taken !== undefined) return { failed: false, reason: `${name} is the file of ${taken} already` };
  names.set(key, path);
  const file = join(folder, name);
  try {
    if (writeFileSafely(file, `${line}\n`, { replace: force }) === 'exists')
      return { failed: false, reason: `${file} exists: --force replaces it` };
  } catch (error) {
    return { failed: true, reason: `cannot write ${file}: ${describeFsError(error)}` };
  }
  return undefined;
}
