/**
 * The FILE paths `extract` writes, once `refusalReasons` (`src/core/file-names.ts`) has none for them:
 * as written under the output folder, and as a case-insensitive file system tells them apart. The file
 * system is checked apart, in `extract.ts`.
 */
import { posix } from 'node:path';
import { nameKey } from '../core/file-names';

/**
 * The path as written under the output folder, `.` segments dropped; call only for a path without
 * refusal reasons.
 *
 * @example `normalisedPath('./src/./app.py')` is `src/app.py`.
 */
export function normalisedPath(path: string): string {
  return posix.normalize(path).replace(/^\.\//, '');
}

/**
 * The key under which two paths are the same file on a case-insensitive file system (macOS and
 * Windows by default), where writing the second would replace the first.
 */
export function collisionKey(path: string): string {
  return nameKey(normalisedPath(path));
}
