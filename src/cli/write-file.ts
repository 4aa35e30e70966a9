/**
 * Writing the files `export`, `import` and `fix` make, so that none is ever left half-written in place
 * of another and none is written through a symbolic link.
 */
import { closeSync, fchmodSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let temporaries = 0;

/**
 * Writes `data` to `path`. A new file is created with `O_EXCL`, so an existing file, or a symbolic link
 * at the name, is never opened (`exists` is returned instead). With `replace`, the data goes to a
 * temporary file in the same folder, which is renamed over `path` once complete: a reader sees the old
 * file or the new, and a link at the name is replaced, not followed. `mode` is given to the new file
 * (the process's umask does not apply to it then).
 */
export function writeFileSafely(
  path: string,
  data: string | Uint8Array,
  options: { readonly replace: boolean; readonly mode?: number | undefined },
): 'written' | 'exists' {
  if (!options.replace) {
    let file: number;
    try {
      file = openSync(path, 'wx', 0o666);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
    writeAll(file, data, path, options.mode);
    return 'written';
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${++temporaries}.tmp`);
  const file = openSync(temporary, 'wx', 0o666);
  try {
    writeAll(file, data, temporary, options.mode);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed, or never made: nothing is left to clean.
    }
    throw error;
  }
  return 'written';
}

function writeAll(file: number, data: string | Uint8Array, path: string, mode: number | undefined): void {
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.length;) at += writeSync(file, bytes, at, bytes.length - at);
    if (mode !== undefined) fchmodSync(file, mode);
  } catch (error) {
    closeSync(file);
    unlinkSync(path);
    throw error;
  }
  closeSync(file);
}
