/**
 * Polls `probe` until `accept` holds, for results announced with no event (a language server's answer
 * arrives some time after a document opens, a folder is indexed or a file changes). Fails with the last value.
 */
export async function eventually<T>(
  what: string,
  probe: () => PromiseLike<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
