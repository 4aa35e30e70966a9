import { basename } from 'node:path';
import type * as ChatRenderer from './chat-renderer';
import { documentLinks } from './document-links';
import type { ServerHost } from './host';
import { tokenCounter } from './tokens';
import { WorkspaceIndex, filePath } from './workspace-index';

let chatRenderer: typeof ChatRenderer | undefined;

/** The server's host in Node: the event loop's timers, the file system, and the renderer's own bundle. */
export const nodeHost: ServerHost = {
  soon: (callback) => setImmediate(callback),
  later: (ms, callback) => setTimeout(callback, ms).unref(),
  now: () => performance.now(),
  // The build leaves this require to run on first use (see chat-renderer.ts), not at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
  renderer: () => (chatRenderer ??= require('./chat-renderer') as typeof ChatRenderer),
  tokenizer: tokenCounter,
  memoryUsage: (collect) => {
    // A full collection runs only when node was started with --expose-gc.
    if (collect) (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  },
  files: {
    filePath,
    baseName: basename,
    index: (changed, log, messages) => new WorkspaceIndex(changed, log, messages),
    documentLinks,
  },
};
