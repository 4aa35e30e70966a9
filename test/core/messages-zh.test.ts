import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnostics } from '../../src/core/diagnostics';
import { diagnosticsInChinese, messageInChinese, wantsChinese } from '../../src/core/messages-zh';
import { parseTranscript } from '../../src/core/parse';
import { fixture } from './helpers';

/** Texts that between them give every message form. */
const TEXTS = [
  fixture('malformed.transcript'),
  '[A]: x\n<<<FILE a.py\n1',
  '[A]: x\n<<<FILE a.py\n1\n2\n[B]: y',
  '[A]: x\n<<<FILE\nFILE>>>',
  '[A]: x\n<<<FILE a.txt\n[B]: y\nFILE>>>',
  '[A]: x\n<<<FILE a.txt\n[B]: y\n[C]: z\nFILE>>>',
  '[A]: x\nFILE>>> and more\n~~~~\n',
  '[A]: x\n<<<FILE C:\\a//b<c\n1\nFILE>>>\n<<<FILE \\\\server\\x\n1\nFILE>>>\n<<<FILE ~/x\n1\nFILE>>>',
];

describe('Simplified Chinese diagnostic messages', () => {
  it('translates every message and related message the core gives', () => {
    for (const text of TEXTS) {
      for (const diagnostic of diagnosticsInChinese(diagnostics(parseTranscript(text), 'u'))) {
        const messages = [
          diagnostic.message as string,
          ...(diagnostic.relatedInformation ?? []).map((related) => related.message),
        ];
        for (const message of messages) assert.match(message, /[\u4e00-\u9fff]/, message);
        assert.doesNotMatch(
          diagnostic.message as string,
          /\b(?:This|The|is|not|write)\b/,
          diagnostic.message as string,
        );
      }
    }
  });

  it('keeps the values of the message', () => {
    assert.equal(
      messageInChinese('The path `/etc/x` is not a safe relative path: it has an absolute path, the character "*".'),
      '路径 `/etc/x` 不是安全的相对路径：它含有绝对路径、字符 "*"。',
    );
    assert.match(
      messageInChinese(
        diagnostics(parseTranscript('[A]: x\n<<<FILE a.py\n1\n2\n[B]: y\n[C]: z'), 'u')[0]!.message as string,
      ),
      /在 2 行内容之后、下一个发言行 `\[B\]:` 之前结束；否则它会吞掉 2 个发言行/,
    );
  });

  it('leaves unknown messages in English and chooses Chinese for zh locales only', () => {
    assert.equal(messageInChinese('Something new.'), 'Something new.');
    assert.deepEqual(['zh', 'zh-cn', 'zh-CN', 'zh_TW', 'zh-Hans', 'en', 'en-US', 'zhx', undefined].map(wantsChinese), [
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
