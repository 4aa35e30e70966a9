import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { inlineImages, readmeOmissions, type Manifest } from '../../scripts/user-readme.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = <T,>(file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;
const manifest = readJson<Manifest & { scripts: Record<string, string> }>('package.json');
const nls = readJson<Record<string, string>>('package.nls.json');
const readme = readFileSync(path.join(root, 'README.extension.md'), 'utf8');

describe('the user README and the manifest', () => {
  it('names every command title, every setting with its default and every keybinding', () => {
    assert.deepEqual(readmeOmissions(readme, manifest, nls), []);
  });

  it('a README without a setting misses that setting', () => {
    const without = readme
      .split('\n')
      .filter((line) => !line.includes('`transcript.workspaceDiagnostics.maxFiles` |'))
      .join('\n');
    assert.deepEqual(readmeOmissions(without, manifest, nls), [
      'the setting transcript.workspaceDiagnostics.maxFiles with its default 5000',
    ]);
  });

  it('a setting listed with another default is missing', () => {
    const changed = readme.replace(
      '| `transcript.trace.server` | `off` |',
      '| `transcript.trace.server` | `verbose` |',
    );
    assert.deepEqual(readmeOmissions(changed, manifest, nls), [
      'the setting transcript.trace.server with its default off',
    ]);
  });

  it('a command named only outside a table is missing', () => {
    const changed = readme.replace('| Transcript: Show Statistics |', 'Transcript: Show Statistics');
    assert.deepEqual(readmeOmissions(changed, manifest, nls), ['the command "Transcript: Show Statistics"']);
  });

  it('a keybinding without its macOS key is missing', () => {
    const changed = readme.replace('`Cmd+Shift+Alt+O`', '—');
    assert.deepEqual(readmeOmissions(changed, manifest, nls), [
      'the keys `ctrl+shift+alt+o` / `cmd+shift+alt+o` of "Transcript: Go to Turn..."',
    ]);
  });
});

describe('inlineImages', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
  const readFile = (file: string) => {
    assert.equal(file, 'images/x.png');
    return png;
  };

  it('turns a local png into a data URI', () => {
    assert.equal(
      inlineImages('see ![A chart](images/x.png) here', readFile),
      `see ![A chart](data:image/png;base64,${png.toString('base64')}) here`,
    );
  });

  it('keeps an image title', () => {
    assert.equal(
      inlineImages('![A](images/x.png "The title")', readFile),
      `![A](data:image/png;base64,${png.toString('base64')} "The title")`,
    );
  });

  it('gives svg, jpeg and gif files their media types', () => {
    const media = (file: string) => /^!\[\]\(data:([^;]+);/.exec(inlineImages(`![](${file})`, () => png))?.[1];
    assert.deepEqual(['a.svg', 'a.JPG', 'a.jpeg', 'a.gif'].map(media), [
      'image/svg+xml',
      'image/jpeg',
      'image/jpeg',
      'image/gif',
    ]);
  });

  it('leaves https and data URLs alone', () => {
    const text = '![a](https://example.com/a.png) ![b](http://example.com/b.png) ![c](data:image/png;base64,AAAA)';
    assert.equal(
      inlineImages(text, () => assert.fail('read a file')),
      text,
    );
  });

  it('leaves links and text that are not images alone', () => {
    const text = 'see [the chart](images/x.png), an ![unclosed image(images/x.png and a ![](';
    assert.equal(
      inlineImages(text, () => assert.fail('read a file')),
      text,
    );
  });

  it('refuses an image it cannot give a media type', () => {
    assert.throws(() => inlineImages('![a](images/a.bmp)', () => png), /images\/a\.bmp/);
  });
});

describe('the package script', () => {
  const script = manifest.scripts['package'] ?? '';

  it('writes dist/README.md before vsce packs the extension', () => {
    assert.match(script, /scripts\/user-readme\.mts && .*vsce package/);
  });

  it('passes --readme-path dist/README.md to vsce', () => {
    assert.match(script, /vsce package .*--readme-path dist\/README\.md/);
  });

  it('tells vsce not to rewrite the inlined images', () => {
    assert.match(script, /vsce package .*--no-rewrite-relative-links/);
  });
});
