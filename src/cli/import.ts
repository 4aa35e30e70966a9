/** `transcript import`: OpenAI or ShareGPT conversations (JSON lines or a JSON array) as transcripts. */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { planImport, type ImportSettings, type ImportStep } from '../core/dataset-import';
import { formatCount, plural } from '../core/format';
import { complain, EXIT, STDIN, type Io } from './io';
import { describeFsError, readInput } from './read';
import { writeFileSafely } from './write-file';

export interface ImportOptions extends ImportSettings {
  /** A `.jsonl` or `.json` file, or `-`. */
  readonly input: string;
  readonly out: string;
  readonly force: boolean;
  readonly stdinName: string;
  readonly maxBytes: number;
}

interface Tally {
  written: number;
  refused: number;
  skippedParts: number;
  malformed: number;
}

/**
 * Writes a transcript per conversation into `out`. Returns 0 when everything was imported, 1 when a line
 * was malformed, a conversation refused or a part of one skipped, 2 when the input could not be read or
 * `out` is not a folder.
 */
export async function runImport(options: ImportOptions, io: Io): Promise<number> {
  const name = options.input === STDIN ? options.stdinName : options.input;
  const read = await readInput(options.input, io.stdin, options.maxBytes);
  if (!read.ok) {
    complain(io, `${read.problem === 'skipped' ? 'not a text file' : 'cannot read'}: ${name}: ${read.reason}`);
    return EXIT.trouble;
  }
  try {
    mkdirSync(options.out, { recursive: true });
    if (!statSync(options.out).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (error) {
    complain(io, `cannot write to ${options.out}: ${describeFsError(error)}`);
    return EXIT.trouble;
  }
  const plan = planImport(name, read.text, options);
  const tally: Tally = {
    written: 0,
    refused: plan.refused,
    skippedParts: plan.skippedParts,
    malformed: plan.malformed,
  };
  for (const step of plan.steps) {
    if (step.kind === 'note') complain(io, step.text);
    else writeTranscript(step, options, io, tally);
  }
  const parts = [`${plural(tally.written, 'transcript')} written`];
  if (tally.refused) parts.push(`${formatCount(tally.refused)} refused`);
  if (tally.malformed) parts.push(`${plural(tally.malformed, 'malformed line')}`);
  if (tally.skippedParts) parts.push(`${plural(tally.skippedParts, 'part')} skipped`);
  io.stdout.write(`${parts.join(', ')}.\n`);
  return tally.refused || tally.malformed || tally.skippedParts ? EXIT.problems : EXIT.ok;
}

function writeTranscript(
  step: Extract<ImportStep, { kind: 'write' }>,
  options: ImportOptions,
  io: Io,
  tally: Tally,
): void {
  const path = join(options.out, step.name);
  try {
    if (writeFileSafely(path, step.text, { replace: options.force }) === 'exists') {
      complain(io, `${step.where}: refused: ${path} exists (--force replaces it)`);
      tally.refused++;
      return;
    }
  } catch (error) {
    complain(io, `${step.where}: cannot write ${path}: ${describeFsError(error)}`);
    tally.refused++;
    return;
  }
  tally.written++;
}
