/** The length of a nonce in random bytes: 128 bits, as the webviews' CSP guidance asks for. */
const NONCE_BYTES = 16;

/**
 * A fresh nonce for a webview's content security policy, from Web Crypto (there in Node and in browsers).
 *
 * @example `nonce()` is 24 base64 characters, such as `q3l0s1mJ3x2nFJ0tYl8V6A==`.
 */
export function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes));
}
