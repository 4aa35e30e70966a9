/**
 * Runs `check` or `stats` over many files: in worker threads when there are enough files to pay for
 * starting them, in this thread otherwise. Outcomes are handed on in the order of `paths`, whatever
 * order the threads finish in, so output is the same on every run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyseFile, analyseText, type FileOutcome, type TaskKind, type TaskSettings } from './analysis';
import { DEFAULT_GLOBS, discover, type Discovery, type DiscoveryOptions } from './files';
import { complain, type Io } from './io';
import { Progress } from './progress';
import { readStandardInput } from './read';
import { WORKER_MARK, WORKER_SCRIPT, WORKERS_AVAILABLE, type ResultMessage, type TaskMessage } from './worker';

/** Below this many files a thread costs more to start (tens of ms) than it saves. */
const FILES_PER_WORKER = 16;
const MAX_WORKERS = 8;
/** At most this many files go to a worker in one message; fewer when there are few files, to share them evenly. */
const MAX_BATCH_SIZE = 32;
/** Batches queued at each worker, so it never waits for the main thread between two. */
const BATCHES_PER_WORKER = 2;
/**
 * How far dispatching may run ahead of the oldest unfinished file. It bounds the finished outcomes
 * waiting for their turn to be printed when one file is slow; each worker holds one text at a time.
 */
const REORDER_WINDOW = 512;

/** Worker threads for `count` files: none for a few, then up to one per core. */
export function defaultJobs(count: number): number {
  if (count < FILES_PER_WORKER) return 1;
  return Math.min(availableParallelism(), MAX_WORKERS, Math.ceil(count / FILES_PER_WORKER));
}

/** What a command over files was given: the paths and how to search folders. */
export type InputPaths = DiscoveryOptions & { readonly paths: readonly string[] };

/**
 * The files behind the paths, each path that could not be read said on standard error; `undefined`,
 * with a message saying what was looked for, when nothing was found at all (exit 2 then).
 */
export function discoverInputs(options: InputPaths, io: Io): Discovery | undefined {
  const discovery = discover(options.paths, options);
  for (const failure of discovery.failures) complain(io, `cannot read ${failure.path}: ${failure.reason}`);
  if (discovery.found === 0 && !discovery.stdin && discovery.failures.length === 0) {
    complain(io, nothingFoundMessage(options));
    return undefined;
  }
  return discovery;
}

export function nothingFoundMessage(options: InputPaths): string {
  const globs = options.globs?.length ? options.globs : DEFAULT_GLOBS;
  return `no transcripts found in ${options.paths.join(', ')} (looked for ${globs.join(', ')}; see --glob)`;
}

export interface InputOptions {
  /** Threads to use; `defaultJobs` when absent. */
  readonly jobs?: number | undefined;
  /** The name standard input goes by in output. */
  readonly stdinName: string;
  /** What the progress bar says is going on: `checking`. */
  readonly activity: string;
  /** The largest file read (`--max-size`). */
  readonly maxBytes: number;
  readonly settings?: TaskSettings | undefined;
}

/**
 * Analyses the files found, then standard input if `-` was given, calling `onOutcome` for each in that
 * order, with a progress bar on a terminal.
 */
export async function analyseInputs<K extends TaskKind>(
  kind: K,
  discovery: Discovery,
  io: Io,
  options: InputOptions,
  onOutcome: (outcome: FileOutcome<K>) => void,
): Promise<void> {
  const { files } = discovery;
  const progress = Progress.wanted(io.stderr) ? new Progress(io.stderr, options.activity, files.length) : undefined;
  // The caller may print an outcome: on standard error when a file is skipped, on standard output
  // otherwise. Wipe the bar first when that is its terminal, and only then, so it does not flicker.
  const stdoutIsTerminal = (io.stdout as NodeJS.WriteStream).isTTY === true;
  const handOn = (outcome: FileOutcome<K>): void => {
    if (stdoutIsTerminal || outcome.status !== 'done') progress?.clear();
    onOutcome(outcome);
  };
  const runOptions = {
    jobs: options.jobs ?? defaultJobs(files.length),
    progress,
    maxBytes: options.maxBytes,
    searched: discovery.searched,
    settings: options.settings,
  };
  await analyseAll(kind, files, runOptions, handOn);
  if (!discovery.stdin) return;
  const read = await readStandardInput(io.stdin, options.maxBytes);
  const path = options.stdinName;
  onOutcome(
    read.ok
      ? analyseText(kind, path, read.text, options.settings)
      : { status: read.problem, path, reason: read.reason },
  );
}

export interface RunFilesOptions {
  /** Threads to use; 1 runs in this thread. */
  readonly jobs: number;
  readonly progress?: Progress | undefined;
  /** The largest file read (`--max-size`). */
  readonly maxBytes: number;
  /** Files found by a folder search, read only if they are transcripts (`Discovery.searched`). */
  readonly searched?: ReadonlySet<string> | undefined;
  readonly settings?: TaskSettings | undefined;
}

/** Analyses every file, calling `onOutcome` once per file in the order of `paths`. */
export async function analyseAll<K extends TaskKind>(
  kind: K,
  paths: readonly string[],
  options: RunFilesOptions,
  onOutcome: (outcome: FileOutcome<K>) => void,
): Promise<void> {
  options.progress?.start();
  try {
    if (options.jobs <= 1 || paths.length <= 1 || !WORKERS_AVAILABLE)
      await analyseHere(kind, paths, options, onOutcome);
    else await analyseInWorkers(kind, paths, Math.min(options.jobs, paths.length), options, onOutcome);
  } finally {
    options.progress?.stop();
  }
}

async function analyseHere<K extends TaskKind>(
  kind: K,
  paths: readonly string[],
  { progress, maxBytes, searched, settings }: RunFilesOptions,
  onOutcome: (outcome: FileOutcome<K>) => void,
): Promise<void> {
  for (const path of paths) {
    onOutcome(analyseFile(kind, path, maxBytes, searched?.has(path), settings));
    progress?.advance();
    // Back to the event loop between files, so the progress bar redraws and Ctrl-C is heard.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function analyseInWorkers<K extends TaskKind>(
  kind: K,
  paths: readonly string[],
  workerCount: number,
  { progress, maxBytes, searched, settings = {} }: RunFilesOptions,
  onOutcome: (outcome: FileOutcome<K>) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const finished = new Map<number, FileOutcome<K>>();
    const queued = new Map<Worker, number>();
    let nextToDispatch = 0;
    let nextToHandOn = 0;
    let settled = false;
    // About eight batches per worker: few messages, yet the threads still finish close together.
    const batchSize = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.ceil(paths.length / (workerCount * 8))));

    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      void Promise.all(workers.map((worker) => worker.terminate())).then(() => (error ? reject(error) : resolve()));
    };

    const dispatch = (): void => {
      for (const worker of workers) {
        while (
          queued.get(worker)! < BATCHES_PER_WORKER &&
          nextToDispatch < Math.min(paths.length, nextToHandOn + REORDER_WINDOW)
        ) {
          const batch = paths.slice(nextToDispatch, Math.min(nextToDispatch + batchSize, paths.length));
          const found = batch.map((path) => searched?.has(path) === true);
          worker.postMessage({
            kind,
            first: nextToDispatch,
            paths: batch,
            searched: found,
            maxBytes,
            settings,
          } satisfies TaskMessage);
          queued.set(worker, queued.get(worker)! + 1);
          nextToDispatch += batch.length;
        }
      }
    };

    const receive = (worker: Worker, message: ResultMessage): void => {
      queued.set(worker, queued.get(worker)! - 1);
      message.outcomes.forEach((outcome, offset) => {
        finished.set(message.first + offset, outcome as FileOutcome<K>);
        progress?.advance();
      });
      while (finished.has(nextToHandOn)) {
        const outcome = finished.get(nextToHandOn)!;
        finished.delete(nextToHandOn);
        nextToHandOn++;
        onOutcome(outcome);
      }
      if (nextToHandOn === paths.length) settle();
      else dispatch();
    };

    const workers = Array.from({ length: workerCount }, () => {
      const worker = new Worker(WORKER_SCRIPT, { workerData: WORKER_MARK });
      queued.set(worker, 0);
      worker.on('message', (message: ResultMessage) => {
        try {
          receive(worker, message);
        } catch (error) {
          settle(error as Error);
        }
      });
      worker.on('error', (error) => settle(error));
      worker.on('exit', (code) => settle(new Error(`a worker thread stopped unexpectedly (exit code ${code})`)));
      return worker;
    });
    dispatch();
  });
}
