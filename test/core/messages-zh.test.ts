import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnostics } from '../../src/core/diagnostics';
import { CHINESE } from '../../src/core/messages-zh';
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
  '[A]: x\n<<<FILE ../.git/hooks/x\n1\nFILE>>>',
];

describe('Simplified Chinese diagnostic messages', () => {
  it('translates every message and related message the core gives', () => {
    for (const text of TEXTS) {
      for (const diagnostic of diagnostics(parseTranscript(text), 'u', CHINESE)) {
        const messages = [
          diagnostic.message as string,
          ...(diagnostic.relatedInformation ?? []).map((related) => related.message),
        ];
        for (const message of messages) assert.match(message, /[\u4e00-\u9fff]/, message);
        // What is left of the message once its values (quoted) and the format's own words are taken out.
        const words = (diagnostic.message as string).replace(/`[^`]*`|"[^"]*"|\bFILE\b|\bASCII\b/g, '');
        assert.doesNotMatch(words, /[A-Za-z]{2,}/, diagnostic.message as string);
      }
    }
  });

  it('keeps the values of the message', () => {
    assert.match(
      diagnostics(parseTranscript('[A]: x\n<<<FILE /etc/x*\n1\nFILE>>>'), 'u', CHINESE)[0]!.message as string,
      /^路径 `\/etc\/x\*` 不是安全的相对路径：它含有绝对路径、字符 "\*"。$/,
    );
    assert.match(
      diagnostics(parseTranscript('[A]: x\n<<<FILE a.py\n1\n2\n[B]: y\n[C]: z'), 'u', CHINESE)[0]!.message as string,
      /在 2 行内容之后、下一个发言行 `\[B\]:` 之前结束；否则它会吞掉 2 个发言行/,
    );
  });
});
