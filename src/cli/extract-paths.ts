/**
 * Which FILE paths `extract` may write, judged on the text alone (the file system is checked apart, in
 * `extract.ts`). Stricter than the `file-block/unsafe-path` warning: anything that could land outside
 * the output folder, or mean something else on another system, is refused.
 */
import { posix } from 'node:path';
import { unsafePathReasonInEnglish } from '../core/messages-en';
import { unsafePathReasons } from '../core/syntax';

/** Names Windows reserves for devices, whatever the extension: writing `nul.txt` there writes nowhere. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;

/**
 * Why `path` may not be written under the output folder; empty when it may.
 *
 * @example `refusalReasons('a/../../x')` includes ``a `..` segment``; `refusalReasons('src/app.py')` is empty.
 */
export function refusalReasons(path: string): string[] {
  if (path === '') return ['no path'];
  const reasons = unsafePathReasons(path).map(unsafePathReasonInEnglish);
  const segments = path.split(/[\\/]/);
  if (segments.every((segment) => segment === '.' || segment === '')) reasons.push('it names the output folder itself');
  const device = segments.find((segment) => WINDOWS_DEVICE.test(segment));
  if (device) reasons.push(`the Windows device name \`${device}\``);
  // Windows drops a trailing dot or space, so `a.` and `a` would be one file there.
  const trailing = segments.find((segment) => segment !== '.' && segment !== '..' && /[. ]$/.test(segment));
  if (trailing) reasons.push(`the name \`${trailing}\` ends in a dot or space`);
  return reasons;
}

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
  return normalisedPath(path).normalize('NFC').toLowerCase();
}
