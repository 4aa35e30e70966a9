/**
 * Which names and relative paths may be written under an output folder, judged on the text alone:
 * what `extract` writes from FILE paths and the names `export` and `import` give their files. Stricter
 * than the `file-block/unsafe-path` warning: anything that could land outside the output folder, or
 * mean something else on another system, is refused.
 */
import { unsafePathReasonInEnglish } from './messages-en';
import { unsafePathReasons } from './syntax';

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
 * The key under which two names are one file on a case-insensitive file system (macOS and Windows by
 * default), where writing the second would replace the first.
 *
 * @example `nameKey('Chat.transcript')` and `nameKey('chat.transcript')` are the same.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
