import type { ProblemCode, ProblemValues, RelatedCode, RelatedValues } from './model';
import { ENGLISH } from './messages-en';
import { CHINESE } from './messages-zh';

/**
 * The messages of one language: a function per problem code and per related place, from the values the
 * core records (`ProblemValues`, `RelatedValues`). The type makes a table name every code, so a new code
 * does not compile until each language has its message.
 */
export interface MessageTable {
  readonly problems: { readonly [C in ProblemCode]: (values: ProblemValues[C]) => string };
  readonly related: { readonly [C in RelatedCode]: (values: RelatedValues[C]) => string };
}

/**
 * The message of a problem in the language of `table`.
 *
 * @example `problemMessage(ENGLISH, { code: 'file-block/empty', values: { path: 'a.py' } })` is
 * "The FILE block `a.py` has no content lines."
 */
export function problemMessage<C extends ProblemCode>(
  table: MessageTable,
  problem: { readonly code: C; readonly values: ProblemValues[C] },
): string {
  return table.problems[problem.code](problem.values);
}

/** The message of a related place in the language of `table`. */
export function relatedMessage<C extends RelatedCode>(
  table: MessageTable,
  place: { readonly code: C; readonly values: RelatedValues[C] },
): string {
  return table.related[place.code](place.values);
}

/** True for the locales that get Chinese messages: those starting with `zh` (`zh-cn`, `zh-CN`, `zh-Hans`, …). */
export function wantsChinese(locale: string | undefined): boolean {
  return locale !== undefined && /^zh(?:$|[-_])/i.test(locale);
}

/** The messages for a client's locale (LSP `initialize`'s `locale`): Simplified Chinese for `zh*`, else English. */
export function messagesFor(locale: string | undefined): MessageTable {
  return wantsChinese(locale) ? CHINESE : ENGLISH;
}
