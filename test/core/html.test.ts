import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, isRemote, isSafeImage, isSafeLink } from '../../src/core/html';

describe('escapeHtml', () => {
  it('escapes the five characters that end text or an attribute', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves other text as it is', () => {
    assert.equal(escapeHtml('你好 😀 plain'), '你好 😀 plain');
  });
});

describe('isSafeLink', () => {
  it('allows web pages, mail addresses and relative addresses', () => {
    for (const url of ['https://a.example', 'HTTP://a.example', 'mailto:a@b.example', 'docs/a.md', '#top', '/x', '?q'])
      assert.equal(isSafeLink(url), true, url);
  });

  it('refuses every other scheme, however it is spelled', () => {
    for (const url of ['javascript:alert(1)', 'JavaScript:x', ' javascript:x', 'java\tscript:x', '\u0001javascript:x'])
      assert.equal(isSafeLink(url), false, url);
    for (const url of ['vbscript:x', 'data:text/html,x', 'file:///etc/passwd', 'command:foo', 'vscode:x'])
      assert.equal(isSafeLink(url), false, url);
  });
});

describe('isSafeImage', () => {
  it('allows inline pictures in the common formats, and what a link may point at', () => {
    assert.equal(isSafeImage('data:image/png;base64,AAAA'), true);
    assert.equal(isSafeImage('img/a.png'), true);
  });

  it('refuses inline SVG and other inline data', () => {
    assert.equal(isSafeImage('data:image/svg+xml;base64,AAAA'), false);
    assert.equal(isSafeImage('data:text/html,<script>'), false);
  });
});

describe('isRemote', () => {
  it('tells addresses on another machine from those beside the page', () => {
    assert.equal(isRemote('https://a.example/x.png'), true);
    assert.equal(isRemote('//a.example/x.png'), true);
    assert.equal(isRemote('x.png'), false);
    assert.equal(isRemote('data:image/png;base64,AAAA'), false);
  });
});
