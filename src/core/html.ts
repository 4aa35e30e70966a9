/**
 * What every page the product writes needs to put document text into HTML safely: escaping, and the
 * test a link's address must pass.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` as HTML text or as the value of a quoted attribute.
 *
 * @example `escapeHtml('<b a="1">')` is `&lt;b a=&quot;1&quot;&gt;`.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** A scheme at the start of an address, as a browser reads one after dropping tabs and line breaks. */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Pictures written inline (`data:image/png;base64,…`) in the formats every browser shows and none runs. */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);/i;

/**
 * Whether a link may point at `url`: web pages, mail addresses and relative addresses (`docs/a.md`,
 * `#top`). Every other scheme (`javascript:`, `vbscript:`, `file:`, `command:`, `data:`) is refused.
 * Browsers ignore tabs, line breaks and leading control characters in a scheme, so those are dropped
 * before the test, as they would be before the link is followed.
 *
 * @example `isSafeLink('https://example.com')` is true; `isSafeLink('java\tscript:alert(1)')` is false.
 */
export function isSafeLink(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- what browsers strip from an address before reading it
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const scheme = SCHEME.exec(cleaned);
  if (!scheme) return true;
  return ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase());
}

/**
 * Whether a picture may be shown from `url`: what `isSafeLink` allows, and inline pictures in the common formats.
 *
 * @example `isSafeImage('data:image/png;base64,iVBOR')` is true; `isSafeImage('data:text/html,<b>')` is false.
 */
export function isSafeImage(url: string): boolean {
  return DATA_IMAGE.test(url.trim()) || isSafeLink(url);
}

/**
 * Whether `url` names a resource on another machine (which a page that loads nothing from outside must not fetch).
 *
 * @example `isRemote('https://example.com/a.png')` and `isRemote('//cdn/a.png')` are true; `isRemote('a.png')` is not.
 */
export function isRemote(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url.trim());
}
