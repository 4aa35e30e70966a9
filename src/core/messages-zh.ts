import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * Simplified Chinese for the diagnostic messages, for clients whose locale starts with `zh`. Each English
 * message (see `parse.ts` and `diagnostics.ts`) is matched whole and rebuilt with its values (paths,
 * counts, tags); a message no rule knows stays English, so a reworded message is never mistranslated.
 */

type Rule = readonly [RegExp, (...values: string[]) => string];

const REASONS: Record<string, string> = {
  'an absolute path': '绝对路径',
  'a drive letter': '盘符',
  'a network path': '网络路径',
  'backslash separators': '反斜杠分隔符',
  'a `..` segment': '`..` 路径段',
  'an empty segment': '空路径段',
};

function reasonsInChinese(reasons: string): string {
  return reasons
    .split(', ')
    .map((reason) => REASONS[reason] ?? reason.replace(/^the character (.*)$/, '字符 $1'))
    .join('、');
}

const RULES: readonly Rule[] = [
  [
    /^This FILE block is never closed: it runs to the end of the file \((\d+) content lines?\)\. Add `FILE>>>` after its last line\.$/s,
    (lines) => `此 FILE 块没有结束标记：它一直延续到文件末尾（${lines} 行内容）。请在最后一行之后添加 \`FILE>>>\`。`,
  ],
  [
    /^This FILE block is never closed: recovery ends it after (\d+) content lines?, before the next speaker line `(.*)`; otherwise it would swallow (\d+) speaker lines?\. Add `FILE>>>` after its last line\.$/s,
    (lines, tag, swallowed) =>
      `此 FILE 块没有结束标记：恢复处理让它在 ${lines} 行内容之后、下一个发言行 \`${tag}\` 之前结束；否则它会吞掉 ${swallowed} 个发言行。请在最后一行之后添加 \`FILE>>>\`。`,
  ],
  [
    /^This FILE block has no path: write `<<<FILE relative\/path\.ext`\.$/s,
    () => '此 FILE 块没有路径：请写作 `<<<FILE 相对/路径.扩展名`。',
  ],
  [
    /^`FILE>>>` closes no FILE block: no `<<<FILE path` line is open here\.$/s,
    () => '`FILE>>>` 没有可结束的 FILE 块：此处没有打开的 `<<<FILE 路径` 行。',
  ],
  [
    /^`<<<FILE` inside the open block `(.*)` is kept as content: is a `FILE>>>` missing before it\?$/s,
    (path) => `打开的块 \`${path}\` 中的 \`<<<FILE\` 被当作内容：它前面是否缺少 \`FILE>>>\`？`,
  ],
  [
    /^This looks like a FILE (closer|opener) but is not one: write (.*)\.$/s,
    (kind, correct) => {
      const form =
        correct === '`FILE>>>` alone on its line'
          ? '单独一行的 `FILE>>>`'
          : correct === '`<<<FILE path` at column 0'
            ? '从第 0 列开始的 `<<<FILE 路径`'
            : correct;
      return `这看起来像 FILE ${kind === 'closer' ? '结束' : '开始'}标记，但并不是：请写作 ${form}。`;
    },
  ],
  [
    /^The path `(.*)` is not a safe relative path: it has (.*)\.$/s,
    (path, reasons) => `路径 \`${path}\` 不是安全的相对路径：它含有${reasonsInChinese(reasons)}。`,
  ],
  [
    /^This FILE block holds (?:a speaker line|(\d+) speaker lines), the first `(.*)`: inside a block they are content, not turns\. If the block should end before it, move its `FILE>>>` there\.$/s,
    (count, tag) =>
      `此 FILE 块含有${count ? ` ${count} 个` : '一个'}发言行，第一个是 \`${tag}\`：在块内它们是内容，不是发言。如果块应在它之前结束，请把 \`FILE>>>\` 移到那里。`,
  ],
  [
    /^The FILE block (?:`(.*)` )?has no content lines\.$/s,
    (path) => `FILE 块${path ? ` \`${path}\` ` : ''}没有内容行。`,
  ],
  [
    /^`(.*)` was given before with different content; extracting writes only the last one\.$/s,
    (path) => `\`${path}\` 之前已出现过且内容不同；提取时只会写入最后一个。`,
  ],
  [
    /^Text before the first turn belongs to no speaker: a turn starts with a line such as `\[A\]: text`\.$/s,
    () => '第一个发言之前的文字不属于任何发言人：发言以 `[A]: 文字` 这样的行开始。',
  ],
  [
    /^This looks like a speaker tag but is not one: write `(.*)` \(ASCII brackets and colon, no space before the colon\)\.$/s,
    (tag) => `这看起来像发言人标签，但并不是：请写作 \`${tag}\`（使用 ASCII 方括号和冒号，冒号前不加空格）。`,
  ],
  [
    /^This code fence is still open when its turn ends: close it with a line of (\d+) (backticks|tildes)\.$/s,
    (count, kind) =>
      `此代码围栏在发言结束时仍未关闭：请用一行 ${count} 个${kind === 'backticks' ? '反引号' : '波浪号'}关闭它。`,
  ],
  [/^The block that is still open$/s, () => '仍然打开的块'],
  [/^The block that holds it$/s, () => '含有它的块'],
  [/^The first `(.*)`$/s, (path) => `第一个 \`${path}\``],
];

/**
 * A diagnostic message in Simplified Chinese, or the English one when no rule knows it.
 *
 * @example "`FILE>>>` closes no FILE block: no `<<<FILE path` line is open here." gives
 * "`FILE>>>` 没有可结束的 FILE 块：此处没有打开的 `<<<FILE 路径` 行。"
 */
export function messageInChinese(message: string): string {
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(message);
    if (match) return build(...match.slice(1).map((value) => value ?? ''));
  }
  return message;
}

/** The diagnostics with their messages and related messages in Simplified Chinese. */
export function diagnosticsInChinese(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((diagnostic) => ({
    ...diagnostic,
    message: typeof diagnostic.message === 'string' ? messageInChinese(diagnostic.message) : diagnostic.message,
    ...(diagnostic.relatedInformation
      ? {
          relatedInformation: diagnostic.relatedInformation.map((related) => ({
            ...related,
            message: messageInChinese(related.message),
          })),
        }
      : {}),
  }));
}

/** True for the locales that get Chinese messages: those starting with `zh` (`zh-cn`, `zh-CN`, `zh-Hans`, …). */
export function wantsChinese(locale: string | undefined): boolean {
  return locale !== undefined && /^zh(?:$|[-_])/i.test(locale);
}
