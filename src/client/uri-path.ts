/**
 * The parts of a URI's path (always `/`-separated, whatever the platform), which `node:path`'s posix
 * functions gave before the extension also ran in the browser, where there is no `node:path`.
 */

/**
 * The last segment of `path`.
 *
 * @example `baseName('/notes/chat.transcript')` is `chat.transcript`.
 */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Everything before the last segment of `path`, `/` for a segment at the root.
 *
 * @example `dirName('/notes/chat.transcript')` is `/notes`.
 */
export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  if (slash === -1) return path.startsWith('/') ? '/' : '.';
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}

/**
 * The extension of the last segment of `path`, with its dot; empty for none or a name that starts with its only dot.
 *
 * @example `extName('/notes/chat.transcript')` is `.transcript`; `extName('/notes/.env')` is empty.
 */
export function extName(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 || name === '..' ? '' : name.slice(dot);
}
