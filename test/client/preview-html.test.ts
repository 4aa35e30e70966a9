import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewContentSecurityPolicy, renderPreviewHtml, type PreviewPage } from '../../src/client/preview-html';

const PAGE: PreviewPage = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/preview-page.js',
  baseUri: 'https://file+.vscode-resource.vscode-cdn.net/work/chats/',
  nonce: 'bm9uY2U=',
  remoteImages: false,
  speakerColors: ['var(--vscode-charts-blue)', 'var(--vscode-charts-green)'],
};

describe('the preview page', () => {
  it('lets only its own script and style run, and pictures load from the workspace and data:', () => {
    assert.equal(
      previewContentSecurityPolicy(PAGE),
      "default-src 'none'; script-src 'nonce-bm9uY2U='; style-src 'nonce-bm9uY2U='; " +
        'img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net; ' +
        "form-action 'none'; frame-src 'none'; base-uri https://file+.vscode-resource.vscode-cdn.net",
    );
  });

  it('lets pictures load from the web only when allowed', () => {
    assert.doesNotMatch(previewContentSecurityPolicy(PAGE), /https:;|https: /);
    assert.match(previewContentSecurityPolicy({ ...PAGE, remoteImages: true }), /img-src \S+ data: https:;/);
  });

  it('has one script element, by nonce, and no inline handler', () => {
    const html = renderPreviewHtml(PAGE);
    assert.deepEqual(html.match(/<script[^>]*>/g), [`<script nonce="bm9uY2U=" src="${PAGE.scriptUri}">`]);
    assert.doesNotMatch(html, / on[a-z]+=/);
    assert.match(html, /<base href="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/work\/chats\/">/);
  });

  it('gives the speakers the colours it is given, in order', () => {
    assert.match(
      renderPreviewHtml(PAGE),
      /--speaker-0: var\(--vscode-charts-blue\); --speaker-1: var\(--vscode-charts-green\);/,
    );
  });

  it('escapes the addresses it is given', () => {
    const html = renderPreviewHtml({ ...PAGE, baseUri: 'https://x/"><script>alert(1)</script>/' });
    assert.doesNotMatch(html, /"><script>alert/);
  });
});
