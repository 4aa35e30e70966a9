import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagesFor, problemMessage, relatedMessage, wantsChinese } from '../../src/core/messages';
import { ENGLISH } from '../../src/core/messages-en';
import { CHINESE } from '../../src/core/messages-zh';
import type {
  Problem,
  ProblemCode,
  ProblemValues,
  RelatedCode,
  RelatedPlace,
  RelatedValues,
} from '../../src/core/model';

/** Values of every code, each with its English and its Simplified Chinese message, word for word. */
const PROBLEMS: { readonly [C in ProblemCode]: ReadonlyArray<readonly [ProblemValues[C], string, string]> } = {
  'file-block/unterminated': [
    [
      { contentLines: 1, nextTag: undefined, swallowed: 0 },
      'This FILE block is never closed: it runs to the end of the file (1 content line). Add `FILE>>>` after its last line.',
      '此 FILE 块没有结束标记：它一直延续到文件末尾（1 行内容）。请在最后一行之后添加 `FILE>>>`。',
    ],
    [
      { contentLines: 2, nextTag: '[B]:', swallowed: 1 },
      'This FILE block is never closed: recovery ends it after 2 content lines, before the next speaker line `[B]:`; otherwise it would swallow 1 speaker line. Add `FILE>>>` after its last line.',
      '此 FILE 块没有结束标记：恢复处理让它在 2 行内容之后、下一个发言行 `[B]:` 之前结束；否则它会吞掉 1 个发言行。请在最后一行之后添加 `FILE>>>`。',
    ],
    [
      { contentLines: 1, nextTag: '[\u7528\u6237]:', swallowed: 12 },
      'This FILE block is never closed: recovery ends it after 1 content line, before the next speaker line `[用户]:`; otherwise it would swallow 12 speaker lines. Add `FILE>>>` after its last line.',
      '此 FILE 块没有结束标记：恢复处理让它在 1 行内容之后、下一个发言行 `[用户]:` 之前结束；否则它会吞掉 12 个发言行。请在最后一行之后添加 `FILE>>>`。',
    ],
  ],
  'file-block/missing-path': [
    [
      {},
      'This FILE block has no path: write `<<<FILE relative/path.ext`.',
      '此 FILE 块没有路径：请写作 `<<<FILE 相对/路径.扩展名`。',
    ],
  ],
  'file-block/stray-closer': [
    [
      {},
      '`FILE>>>` closes no FILE block: no `<<<FILE path` line is open here.',
      '`FILE>>>` 没有可结束的 FILE 块：此处没有打开的 `<<<FILE 路径` 行。',
    ],
  ],
  'file-block/nested-opener': [
    [
      { path: 'a.py' },
      '`<<<FILE` inside the open block `a.py` is kept as content: is a `FILE>>>` missing before it?',
      '打开的块 `a.py` 中的 `<<<FILE` 被当作内容：它前面是否缺少 `FILE>>>`？',
    ],
    [
      { path: '' },
      '`<<<FILE` inside the open block `<<<FILE` is kept as content: is a `FILE>>>` missing before it?',
      '打开的块 `<<<FILE` 中的 `<<<FILE` 被当作内容：它前面是否缺少 `FILE>>>`？',
    ],
  ],
  'file-block/malformed-marker': [
    [
      { kind: 'closer', replacement: 'FILE>>>' },
      'This looks like a FILE closer but is not one: write `FILE>>>`.',
      '这看起来像 FILE 结束标记，但并不是：请写作 `FILE>>>`。',
    ],
    [
      { kind: 'closer', replacement: undefined },
      'This looks like a FILE closer but is not one: write `FILE>>>` alone on its line.',
      '这看起来像 FILE 结束标记，但并不是：请写作 单独一行的 `FILE>>>`。',
    ],
    [
      { kind: 'opener', replacement: '<<<FILE a.py' },
      'This looks like a FILE opener but is not one: write `<<<FILE a.py`.',
      '这看起来像 FILE 开始标记，但并不是：请写作 `<<<FILE a.py`。',
    ],
    [
      { kind: 'opener', replacement: undefined },
      'This looks like a FILE opener but is not one: write `<<<FILE path` at column 0.',
      '这看起来像 FILE 开始标记，但并不是：请写作 从第 0 列开始的 `<<<FILE 路径`。',
    ],
  ],
  'file-block/unsafe-path': [
    [
      { path: '/etc/x', reasons: [{ kind: 'absolute' }, { kind: 'character', character: '*' }] },
      'The path `/etc/x` is not a safe relative path: it has an absolute path, the character "*".',
      '路径 `/etc/x` 不是安全的相对路径：它含有绝对路径、字符 "*"。',
    ],
    [
      {
        path: 'C:\\a//b',
        reasons: [{ kind: 'drive-letter' }, { kind: 'backslash-separators' }, { kind: 'empty-segment' }],
      },
      'The path `C:\\a//b` is not a safe relative path: it has a drive letter, backslash separators, an empty segment.',
      '路径 `C:\\a//b` 不是安全的相对路径：它含有盘符、反斜杠分隔符、空路径段。',
    ],
    [
      { path: '\\\\s\\x', reasons: [{ kind: 'network-path' }, { kind: 'backslash-separators' }] },
      'The path `\\\\s\\x` is not a safe relative path: it has a network path, backslash separators.',
      '路径 `\\\\s\\x` 不是安全的相对路径：它含有网络路径、反斜杠分隔符。',
    ],
    [
      {
        path: '../.git/x\u202e',
        reasons: [
          { kind: 'dot-dot-segment' },
          { kind: 'character', character: '\u202e' },
          { kind: 'version-control-segment', folder: '.git' },
        ],
      },
      'The path `../.git/x\u202e` is not a safe relative path: it has a `..` segment, the character "\\u202e", a `.git` segment, which version control reads as its own metadata (a file there can make it run commands).',
      '路径 `../.git/x\u202e` 不是安全的相对路径：它含有`..` 路径段、字符 "\\u202e"、`.git` 路径段（版本控制把它当作自己的元数据读取，其中的文件可能让它运行命令）。',
    ],
  ],
  'file-block/empty': [
    [{ path: 'a.py' }, 'The FILE block `a.py` has no content lines.', 'FILE 块 `a.py` 没有内容行。'],
    [{ path: '' }, 'The FILE block has no content lines.', 'FILE 块没有内容行。'],
  ],
  'file-block/duplicate-path': [
    [
      { path: 'a.py' },
      '`a.py` was given before with different content; extracting writes only the last one.',
      '`a.py` 之前已出现过且内容不同；提取时只会写入最后一个。',
    ],
  ],
  'file-block/holds-speaker-lines': [
    [
      { count: 1, firstTag: '[B]:' },
      'This FILE block holds a speaker line, the first `[B]:`: inside a block they are content, not turns. If the block should end before it, move its `FILE>>>` there.',
      '此 FILE 块含有一个发言行，第一个是 `[B]:`：在块内它们是内容，不是发言。如果块应在它之前结束，请把 `FILE>>>` 移到那里。',
    ],
    [
      { count: 3, firstTag: '[B]:' },
      'This FILE block holds 3 speaker lines, the first `[B]:`: inside a block they are content, not turns. If the block should end before it, move its `FILE>>>` there.',
      '此 FILE 块含有 3 个发言行，第一个是 `[B]:`：在块内它们是内容，不是发言。如果块应在它之前结束，请把 `FILE>>>` 移到那里。',
    ],
  ],
  'turn/text-before-first-turn': [
    [
      {},
      'Text before the first turn belongs to no speaker: a turn starts with a line such as `[A]: text`.',
      '第一个发言之前的文字不属于任何发言人：发言以 `[A]: 文字` 这样的行开始。',
    ],
  ],
  'turn/malformed-speaker-tag': [
    [
      { replacement: '[A]:' },
      'This looks like a speaker tag but is not one: write `[A]:` (ASCII brackets and colon, no space before the colon).',
      '这看起来像发言人标签，但并不是：请写作 `[A]:`（使用 ASCII 方括号和冒号，冒号前不加空格）。',
    ],
  ],
  'fence/unclosed': [
    [
      { length: 3, char: 'backtick' },
      'This code fence is still open when its turn ends: close it with a line of 3 backticks.',
      '此代码围栏在发言结束时仍未关闭：请用一行 3 个反引号关闭它。',
    ],
    [
      { length: 4, char: 'tilde' },
      'This code fence is still open when its turn ends: close it with a line of 4 tildes.',
      '此代码围栏在发言结束时仍未关闭：请用一行 4 个波浪号关闭它。',
    ],
  ],
};

const RELATED: { readonly [C in RelatedCode]: ReadonlyArray<readonly [RelatedValues[C], string, string]> } = {
  'file-block/open-block': [[{}, 'The block that is still open', '仍然打开的块']],
  'file-block/holding-block': [[{}, 'The block that holds it', '含有它的块']],
  'file-block/first-path': [[{ path: 'a.py' }, 'The first `a.py`', '第一个 `a.py`']],
};

describe('diagnostic messages', () => {
  it('gives every problem code its English and Simplified Chinese message, built from its values', () => {
    assert.deepEqual(Object.keys(PROBLEMS).sort(), Object.keys(ENGLISH.problems).sort());
    assert.deepEqual(Object.keys(CHINESE.problems).sort(), Object.keys(ENGLISH.problems).sort());
    for (const code of Object.keys(PROBLEMS) as ProblemCode[]) {
      for (const [values, english, chinese] of PROBLEMS[code]) {
        const problem = { code, values } as Problem;
        assert.equal(problemMessage(ENGLISH, problem), english, code);
        assert.equal(problemMessage(CHINESE, problem), chinese, code);
      }
    }
  });

  it('gives every related place its English and Simplified Chinese message', () => {
    assert.deepEqual(Object.keys(RELATED).sort(), Object.keys(ENGLISH.related).sort());
    for (const code of Object.keys(RELATED) as RelatedCode[]) {
      for (const [values, english, chinese] of RELATED[code]) {
        const place = { code, values } as RelatedPlace;
        assert.equal(relatedMessage(ENGLISH, place), english, code);
        assert.equal(relatedMessage(CHINESE, place), chinese, code);
      }
    }
  });

  it('chooses Chinese for zh locales only', () => {
    const locales = ['zh', 'zh-cn', 'zh-CN', 'zh_TW', 'zh-Hans', 'en', 'en-US', 'zhx', undefined];
    assert.deepEqual(locales.map(wantsChinese), [true, true, true, true, true, false, false, false, false]);
    assert.deepEqual(
      locales.map((locale) => messagesFor(locale) === CHINESE),
      [true, true, true, true, true, false, false, false, false],
    );
    assert.equal(messagesFor('en'), ENGLISH);
  });
});
