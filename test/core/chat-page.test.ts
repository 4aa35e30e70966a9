import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENGLISH_CHAT_LABELS, type ChatOptions } from '../../src/core/chat-html';
import { renderChatPage } from '../../src/core/chat-page';
import { ENGLISH } from '../../src/core/messages-en';
import { parseTranscript } from '../../src/core/parse';
import { executableMarkup } from '../support/html-safety';

const OPTIONS: ChatOptions = { labels: ENGLISH_CHAT_LABELS, messages: ENGLISH, remoteImages: false };

describe('renderChatPage', () => {
  const page = (text: string, title = 'chat.txt') =>
    renderChatPage(parseTranscript(text), { title, options: OPTIONS, language: 'en' });

  it('is one page with its style inline, every turn, and no script', () => {
    const html = page('Notes\n[A]: 你好\n[B]: hi\n<<<FILE a.py\nx = 1\nFILE>>>');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<style>[^]*\.turn \{/);
    assert.equal(html.match(/<article /g)!.length, 2);
    assert.match(html, /<section class="preamble"/);
    assert.doesNotMatch(html, /<script|<link /);
    assert.deepEqual(executableMarkup(html), []);
  });

  it('forbids scripts and remote loads in its policy', () => {
    assert.match(page('[A]: hi'), /content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;/);
  });

  it('loads no picture from another machine', () => {
    assert.deepEqual(executableMarkup(page('[A]: ![x](https://a.example/x.png) ![y](//a.example/y.png)')), []);
  });

  it('prints on light paper with a font stack that has Chinese glyphs', () => {
    const html = page('[A]: 你好');
    assert.match(html, /@media print \{/);
    assert.match(html, /"Noto Sans CJK SC"/);
    assert.match(html, /"Microsoft YaHei"/);
  });

  it('escapes the title', () => {
    const html = page('[A]: hi', '<script>x</script>.txt');
    assert.match(html, /<title>&lt;script&gt;x&lt;\/script&gt;\.txt<\/title>/);
    assert.deepEqual(executableMarkup(html), []);
  });
});
