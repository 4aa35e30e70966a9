import type { MessageTable } from './messages';
import type { UnsafePathReason } from './model';
import { CLOSER, quotedCharacter } from './syntax';

/** Simplified Chinese for the messages of `messages-en.ts`, for clients whose locale starts with `zh`. */

function unsafePathReasonInChinese(reason: UnsafePathReason): string {
  switch (reason.kind) {
    case 'absolute':
      return '绝对路径';
    case 'drive-letter':
      return '盘符';
    case 'network-path':
      return '网络路径';
    case 'backslash-separators':
      return '反斜杠分隔符';
    case 'dot-dot-segment':
      return '`..` 路径段';
    case 'empty-segment':
      return '空路径段';
    case 'character':
      return `字符 ${quotedCharacter(reason.character)}`;
    case 'version-control-segment':
      return `\`${reason.folder}\` 路径段（版本控制把它当作自己的元数据读取，其中的文件可能让它运行命令）`;
  }
}

export const CHINESE: MessageTable = {
  problems: {
    'file-block/unterminated': ({ contentLines, nextTag, swallowed }) =>
      nextTag === undefined
        ? `此 FILE 块没有结束标记：它一直延续到文件末尾（${contentLines} 行内容）。请在最后一行之后添加 \`${CLOSER}\`。`
        : `此 FILE 块没有结束标记：恢复处理让它在 ${contentLines} 行内容之后、下一个发言行 \`${nextTag}\` 之前结束；` +
          `否则它会吞掉 ${swallowed} 个发言行。请在最后一行之后添加 \`${CLOSER}\`。`,
    'file-block/missing-path': () => '此 FILE 块没有路径：请写作 `<<<FILE 相对/路径.扩展名`。',
    'file-block/stray-closer': () => '`FILE>>>` 没有可结束的 FILE 块：此处没有打开的 `<<<FILE 路径` 行。',
    'file-block/nested-opener': ({ path }) =>
      `打开的块 \`${path || '<<<FILE'}\` 中的 \`<<<FILE\` 被当作内容：它前面是否缺少 \`${CLOSER}\`？`,
    'file-block/malformed-marker': ({ kind, replacement }) => {
      const correct = kind === 'closer' ? `单独一行的 \`${CLOSER}\`` : '从第 0 列开始的 `<<<FILE 路径`';
      return `这看起来像 FILE ${kind === 'closer' ? '结束' : '开始'}标记，但并不是：请写作 ${replacement ? `\`${replacement}\`` : correct}。`;
    },
    'file-block/unsafe-path': ({ path, reasons }) =>
      `路径 \`${path}\` 不是安全的相对路径：它含有${reasons.map(unsafePathReasonInChinese).join('、')}。`,
    'file-block/empty': ({ path }) => `FILE 块${path ? ` \`${path}\` ` : ''}没有内容行。`,
    'file-block/duplicate-path': ({ path }) => `\`${path}\` 之前已出现过且内容不同；提取时只会写入最后一个。`,
    'file-block/holds-speaker-lines': ({ count, firstTag }) =>
      `此 FILE 块含有${count === 1 ? '一个' : ` ${count} 个`}发言行，第一个是 \`${firstTag}\`：在块内它们是内容，不是发言。` +
      `如果块应在它之前结束，请把 \`${CLOSER}\` 移到那里。`,
    'turn/text-before-first-turn': () => '第一个发言之前的文字不属于任何发言人：发言以 `[A]: 文字` 这样的行开始。',
    'turn/malformed-speaker-tag': ({ replacement }) =>
      `这看起来像发言人标签，但并不是：请写作 \`${replacement}\`（使用 ASCII 方括号和冒号，冒号前不加空格）。`,
    'fence/unclosed': ({ length, char }) =>
      `此代码围栏在发言结束时仍未关闭：请用一行 ${length} 个${char === 'backtick' ? '反引号' : '波浪号'}关闭它。`,
  },
  related: {
    'file-block/open-block': () => '仍然打开的块',
    'file-block/holding-block': () => '含有它的块',
    'file-block/first-path': ({ path }) => `第一个 \`${path}\``,
  },
};
