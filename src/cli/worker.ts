/**
 * The worker-thread side of `run-files.ts`. A worker is started on this module's own file, which in the
 * bundle is `dist/cli.js` itself (whose `main` does nothing off the main thread); loaded in a thread
 * marked with `WORKER_MARK`, it serves files.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { analyseFile, type FileOutcome, type TaskKind, type TaskSettings } from './analysis';

export const WORKER_SCRIPT = __filename;
/**
 * Whether threads can be started: only from the bundle. Node starts a worker on a `.ts` file without
 * the TypeScript loader of the main thread, so source run through tsx (unit tests) analyses in process.
 */
export const WORKERS_AVAILABLE = WORKER_SCRIPT.endsWith('.js');
export const WORKER_MARK = 'transcript-cli-worker';

/** A batch of files: one message per file would cost more than checking a small one. */
export interface TaskMessage {
  readonly kind: TaskKind;
  /** The index of `paths[0]` in the run. */
  readonly first: number;
  readonly paths: readonly string[];
  /** For each of `paths`, whether it was found by a folder search (`Discovery.searched`). */
  readonly searched: readonly boolean[];
  /** The largest file read (`--max-size`). */
  readonly maxBytes: number;
  readonly settings: TaskSettings;
}

export interface ResultMessage {
  readonly first: number;
  readonly outcomes: readonly FileOutcome<TaskKind>[];
}

function serve(port: MessagePort): void {
  port.on('message', (task: TaskMessage) => {
    const outcomes = task.paths.map((path, index): FileOutcome<TaskKind> => {
      try {
        return analyseFile(task.kind, path, task.maxBytes, task.searched[index], task.settings);
      } catch (error) {
        // A bug in the checker on one file is reported for that file instead of ending the whole run.
        return { status: 'failed', path, reason: `internal error: ${(error as Error).message}` };
      }
    });
    port.postMessage({ first: task.first, outcomes } satisfies ResultMessage);
  });
}

if (!isMainThread && workerData === WORKER_MARK && parentPort) serve(parentPort);
