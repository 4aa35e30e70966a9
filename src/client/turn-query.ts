/**
 * What Go to Turn's input asks for: `@Name words` the words in the turns of speaker `Name` (`@Name` alone
 * all of them), `@"Dr. Chen" words` the same for a name with spaces, anything else the words in every turn.
 *
 * @example `@B see you` asks for `see you` in B's turns; `@"Dr. Chen" hi` for `hi` in Dr. Chen's; `see @B`
 * for `see @B` in every turn.
 */
export function turnQuery(value: string): { query: string; speaker: string | undefined } {
  const prefix = /^@(?:"([^"]+)"|([^\s"]\S*))(?: |$)/.exec(value);
  if (!prefix) return { query: value, speaker: undefined };
  return { query: value.slice(prefix[0].length), speaker: prefix[1] ?? prefix[2] };
}
