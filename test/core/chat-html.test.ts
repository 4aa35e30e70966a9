import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from 'htmlparser2';
import { applyChange } from '../../src/core/reparse';
import {
  CHINESE_CHAT_LABELS,
  ENGLISH_CHAT_LABELS,
  chatLayout,
  renderPreamble,
  renderTurns,
  turnArticle,
  turnWindow,
  MAX_WINDOW_TURNS,
  type ChatOptions,
} from '../../src/core/chat-html';
import { CHINESE } from '../../src/core/messages-zh';
import { ENGLISH } from '../../src/core/messages-en';
import { parseTranscript } from '../../src/core/parse';
import { executableMarkup } from '../support/html-safety';
import { SEEDS } from './helpers';

const OPTIONS: ChatOptions = { labels: ENGLISH_CHAT_LABELS, messages: ENGLISH, remoteImages: false };

function render(text: string, options = OPTIONS): string {
  const model = parseTranscript(text);
  return renderPreamble(model, options) + renderTurns(model, 0, Infinity, options).map(turnArticle).join('\n');
}

/** The text content of the elements of `html` matching `tag` (and `className`, if given). */
function textsOf(html: string, tag: string, className?: string): string[] {
  const texts: string[] = [];
  let depth = 0;
  let current = '';
  const parser = new Parser({
    onopentag(name, attributes) {
      if (depth > 0) depth++;
      else if (name === tag && (!className || (attributes.class ?? '').split(' ').includes(className))) depth = 1;
    },
    ontext(text) {
      if (depth > 0) current += text;
    },
    onclosetag() {
      if (depth > 0 && --depth === 0) {
        texts.push(current);
        current = '';
      }
    },
  });
  parser.write(html);
  parser.end();
  return texts;
}

/** Each element's tag with its attributes, in document order. */
function elements(html: string): Array<{ name: string; attributes: Record<string, string> }> {
  const found: Array<{ name: string; attributes: Record<string, string> }> = [];
  const parser = new Parser({ onopentag: (name, attributes) => found.push({ name, attributes }) });
  parser.write(html);
  parser.end();
  return found;
}

const HOSTILE: Array<[string, string]> = [
  ['a script element in prose', '[A]: hi <script>alert(1)</script>'],
  ['a script element on a line of its own', '[A]: hi\n<script>\nalert(1)\n</script>'],
  ['a javascript: link', '[A]: [click](javascript:alert(1))'],
  ['a javascript: link with a tab and entities', '[A]: [x](<java\tscript:alert(1)>) [y](javascript&#58;alert(1))'],
  ['a javascript: autolink', '[A]: <javascript:alert(1)>'],
  ['a data: link', '[A]: [x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['a vbscript: and a command: link', '[A]: [x](vbscript:msgbox) [y](command:workbench.action.terminal.new)'],
  ['a reference link to javascript:', '[A]: [x][r]\n\n[r]: javascript:alert(1)'],
  ['an image with onerror', '[A]: <img src=x onerror=alert(1)>'],
  ['a markdown image with a javascript: source', '[A]: ![x](javascript:alert(1))'],
  ['an iframe', '[A]: <iframe src="https://evil.example"></iframe>'],
  ['an svg with onload', '[A]: <svg onload=alert(1)>'],
  ['a closing script tag inside FILE content', '[A]: see\n<<<FILE a.html\n</script><script>alert(1)</script>\nFILE>>>'],
  [
    'a closing script tag in an unknown language',
    '[A]: see\n<<<FILE a.unknown\n</script><script>alert(1)</script>\nFILE>>>',
  ],
  ['a closing pre tag inside a fence', '[A]: see\n```html\n</code></pre><script>alert(1)</script>\n```'],
  ['a hostile speaker name', '[<img src=x onerror=alert(1)>]: hi\n[" onmouseover="alert(1)]: yo'],
  ['a hostile FILE path', '[A]: x\n<<<FILE "><script>alert(1)</script>.py\nprint(1)\nFILE>>>'],
  ['a hostile fence info string', '[A]: x\n```"><script>alert(1)</script>\ncode\n```'],
  ['a hostile stage direction', '[A]: (<script>alert(1)</script>)'],
  ['hostile text before the first turn', '<script>alert(1)</script>\n[A]: hi'],
  ['a hostile problem message', '[A]: x\n<<<FILE <script>x</script>\nFILE>>>\n<<<file <img onerror=1>'],
  ['a style attribute', '[A]: <p style="background:url(javascript:alert(1))">x</p>'],
  ['a remote image', '[A]: ![pixel](https://tracker.example/p.png) ![p](//tracker.example/p.png)'],
];

describe('renderTurns on hostile documents', () => {
  for (const [name, text] of HOSTILE) {
    it(`makes no executable markup of ${name}`, () => {
      const html = render(text);
      assert.deepEqual(executableMarkup(html), [], html);
    });
  }

  it('makes no executable markup of hostile text with Windows and old Mac line ends', () => {
    for (const [, text] of HOSTILE) {
      assert.deepEqual(executableMarkup(render(text.replace(/\n/g, '\r\n'))), []);
      assert.deepEqual(executableMarkup(render(text.replace(/\n/g, '\r'))), []);
    }
  });

  it('shows raw HTML as the text it is', () => {
    assert.deepEqual(textsOf(render('[A]: hi <script>alert(1)</script>'), 'p'), ['hi <script>alert(1)</script>']);
  });

  it('keeps FILE content that closes a script element as text', () => {
    const html = render('[A]: see\n<<<FILE a.js\n</script><script>alert(1)</script>\nFILE>>>');
    assert.deepEqual(textsOf(html, 'code'), ['</script><script>alert(1)</script>']);
  });

  it('keeps a hostile speaker name as the text of the header', () => {
    assert.deepEqual(textsOf(render('[<b onclick=x>]: hi'), 'header'), ['<b onclick=x>']);
  });

  it('the safety check finds a script element, an event handler and a javascript: address', () => {
    assert.deepEqual(executableMarkup('<p onclick="x"><a href=" javascript:alert(1)">a</a></p><script></script>'), [
      'p onclick',
      'a href= javascript:alert(1)',
      '<script>',
    ]);
  });
});

describe('renderTurns links and pictures', () => {
  const linkTargets = (text: string, options = OPTIONS) =>
    elements(render(text, options))
      .filter((element) => element.name === 'a' || element.name === 'img')
      .map((element) => `${element.name} ${element.attributes.href ?? element.attributes.src ?? '(none)'}`);

  it('keeps web, mail and relative links', () => {
    assert.deepEqual(linkTargets('[A]: [a](https://example.com) [b](mailto:a@example.com) [c](docs/x.md) [d](#top)'), [
      'a https://example.com',
      'a mailto:a@example.com',
      'a docs/x.md',
      'a #top',
    ]);
  });

  it('drops the target of links to any other scheme, keeping their text', () => {
    assert.deepEqual(textsOf(render('[A]: [click me](javascript:alert(1))'), 'p'), ['[click me](javascript:alert(1))']);
    assert.deepEqual(linkTargets('[A]: [x](file:///etc/passwd) [y](command:foo)'), []);
    assert.deepEqual(linkTargets('[A]: [x](data:image/png;base64,iVBORw0KGgo=)'), ['a (none)']);
  });

  it('shows pictures beside the transcript and written inline', () => {
    assert.deepEqual(linkTargets('[A]: ![a](img/a.png) ![b](data:image/png;base64,iVBORw0KGgo=)'), [
      'img img/a.png',
      'img data:image/png;base64,iVBORw0KGgo=',
    ]);
  });

  it('shows a remote picture as a link to it unless remote pictures are allowed', () => {
    const text = '[A]: ![a cat](https://example.com/cat.png)';
    assert.deepEqual(linkTargets(text), ['a https://example.com/cat.png']);
    assert.deepEqual(textsOf(render(text), 'a'), ['Image: a cat']);
    assert.deepEqual(linkTargets(text, { ...OPTIONS, remoteImages: true }), ['img https://example.com/cat.png']);
  });
});

describe('renderTurns', () => {
  it('renders each turn as an article with its speaker, colour and first line', () => {
    const turns = renderTurns(parseTranscript('[A]: *hi*\n\n[B]: yo\nthere\n[C]: ok'), 0, 3, OPTIONS);
    assert.deepEqual(
      turns.map(({ index, line, endLine }) => [index, line, endLine]),
      [
        [0, 0, 1],
        [1, 2, 3],
        [2, 4, 4],
      ],
    );
    const first = elements(turnArticle(turns[1]!))[0]!;
    assert.equal(first.name, 'article');
    assert.deepEqual(first.attributes, {
      class: 'turn speaker-1',
      'data-line': '2',
      'data-end-line': '3',
      'data-turn': '1',
    });
    assert.match(turns[0]!.html, /<em>hi<\/em>/);
    assert.equal(elements(turns[2]!.html)[0]!.attributes.class, 'turn speaker-2');
  });

  it('renders only the turns of the range asked for', () => {
    const turns = renderTurns(parseTranscript('[A]: 1\n[B]: 2\n[A]: 3\n[B]: 4'), 1, 3, OPTIONS);
    assert.deepEqual(
      turns.map((turn) => turn.index),
      [1, 2],
    );
  });

  it('puts the two speakers of a two-party chat on either side', () => {
    const html = render('[User]: hi\n[Bot]: hello\n[User]: bye');
    assert.deepEqual(
      elements(html)
        .filter((element) => element.name === 'article')
        .map((element) => element.attributes.class),
      ['turn speaker-0 side-left', 'turn speaker-1 side-right', 'turn speaker-0 side-left'],
    );
  });

  it('keeps every speaker on one side when there are more than two', () => {
    assert.doesNotMatch(render('[A]: 1\n[B]: 2\n[C]: 3'), /side-/);
  });

  it('gives colours by first appearance, repeating after ten speakers as the editor does', () => {
    const text = Array.from({ length: 11 }, (_, i) => `[S${i}]: x`).join('\n');
    const layout = chatLayout(parseTranscript(text));
    assert.equal(layout.colors.get('S0'), 0);
    assert.equal(layout.colors.get('S9'), 9);
    assert.equal(layout.colors.get('S10'), 0);
  });

  it('renders markdown as CommonMark, keeping line breaks', () => {
    const html = render('[A]: **bold** and `code`\nnext line\n\n- one\n- two');
    assert.match(html, /<strong>bold<\/strong> and <code>code<\/code><br \/>\nnext line/);
    assert.match(html, /<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>/);
  });

  it('shows a stage direction as a note, on a line of its own or after the tag', () => {
    const html = render('[A]: (清嗓子)\nHello\n（笑）\n[B]: not (a) direction');
    assert.deepEqual(textsOf(html, 'p', 'stage'), ['(清嗓子)', '（笑）']);
  });

  it('does not take a parenthetical inside code for a stage direction', () => {
    assert.deepEqual(textsOf(render('[A]: x\n```\n(f x)\n```'), 'p', 'stage'), []);
  });

  it('highlights fenced code in the language of its info string', () => {
    const html = render('[A]: x\n```python title="a.py"\ndef f(): return 1\n```');
    assert.match(html, /<pre class="fence" data-offset="1"><code class="hljs language-python">/);
    assert.match(html, /<span class="hljs-keyword">def<\/span>/);
  });

  it('shows fenced code in an unknown language as plain text', () => {
    const html = render('[A]: x\n```klingon\nqapla <b>\n```');
    assert.match(html, /<code class="hljs">qapla &lt;b&gt;<\/code>/);
  });

  it('shows an unclosed fence as code up to the end of its turn', () => {
    const html = render('[A]: x\n```js\nlet a = 1\n[B]: next');
    assert.deepEqual(textsOf(html, 'pre'), ['let a = 1']);
    assert.deepEqual(textsOf(html, 'header'), ['A', 'B']);
  });

  it('shows a FILE block as a collapsed card with its path, language, line count and highlighted content', () => {
    const html = render('[A]: here\n<<<FILE src/app.py\nimport os\nprint(os.name)\nFILE>>>\nafter');
    const card = elements(html).find((element) => element.name === 'details')!;
    assert.deepEqual(card.attributes, { class: 'file', 'data-offset': '1' });
    assert.deepEqual(textsOf(html, 'summary'), ['src/app.pyPython2 lines']);
    assert.match(
      html,
      /<code class="hljs language-python"><span class="hljs-keyword">import<\/span> os\n<span class="hljs-built_in">print/,
    );
    assert.deepEqual(textsOf(html, 'p'), ['here', 'after']);
  });

  it('expands FILE blocks when asked to', () => {
    const html = render('[A]: x\n<<<FILE a.txt\nb\nFILE>>>', { ...OPTIONS, expandFiles: true });
    assert.equal(elements(html).find((element) => element.name === 'details')!.attributes.open, '');
  });

  it('highlights every FILE-block language of the grammar', () => {
    const paths = ['a.py', 'a.js', 'a.ts', 'a.tsx', 'a.json', 'a.md', 'a.sh', 'a.yaml', 'a.html', 'a.css'];
    paths.push('a.rs', 'a.go', 'a.java', 'a.c', 'a.cpp', 'a.h');
    for (const path of paths) {
      const html = render(`[A]: x\n<<<FILE ${path}\nx\nFILE>>>`);
      assert.match(html, /<code class="hljs language-[a-z]+">/, path);
    }
  });

  it('marks a FILE block never closed, and one without a path', () => {
    const html = render('[A]: x\n<<<FILE\nb\n[B]: y');
    assert.deepEqual(textsOf(html, 'summary'), ['(no path)1 linenot closed']);
  });

  it('shows code longer than the highlight limit as plain text', () => {
    const html = render('[A]: x\n```py\nx = 1\n```', { ...OPTIONS, highlightLimit: 3 });
    assert.match(html, /<code class="hljs language-python">x = 1<\/code>/);
  });

  it('shows each problem on the turn that holds it, in the messages given', () => {
    const text = '[A]: x\nFILE>>>\n[B]: y\n<<<FILE a.py\nFILE>>>';
    const english = renderTurns(parseTranscript(text), 0, 2, OPTIONS);
    assert.deepEqual(textsOf(english[0]!.html, 'li'), [
      'Error `FILE>>>` closes no FILE block: no `<<<FILE path` line is open here. file-block/stray-closer',
    ]);
    assert.match(textsOf(english[1]!.html, 'li')[0]!, /^Info .*file-block\/empty$/);
    const chinese = renderTurns(parseTranscript(text), 0, 1, {
      labels: CHINESE_CHAT_LABELS,
      messages: CHINESE,
      remoteImages: false,
    });
    assert.match(textsOf(chinese[0]!.html, 'li')[0]!, /^错误 /);
  });

  it('shows no problem list on a turn without problems', () => {
    assert.doesNotMatch(render('[A]: fine'), /problems/);
  });

  it('shows the text before the first turn with its problem', () => {
    const model = parseTranscript('Meeting notes\n[A]: hi');
    const html = renderPreamble(model, OPTIONS);
    assert.deepEqual(textsOf(html, 'p'), ['Meeting notes']);
    assert.match(html, /turn\/text-before-first-turn/);
    assert.equal(renderPreamble(parseTranscript('\n[A]: hi'), OPTIONS), '');
  });

  it('renders a turn once: an edit elsewhere reuses its body', () => {
    const text = '[A]: first\n[B]: second\n[A]: third';
    const before = parseTranscript(text);
    const first = renderTurns(before, 0, 3, OPTIONS);
    const after = applyChange(before, {
      range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } },
      text: 'very ',
    });
    const again = renderTurns(after, 0, 3, OPTIONS);
    assert.match(again[0]!.html, /very first/);
    assert.equal(again[2]!.html, first[2]!.html);
    assert.equal(again[1]!.html, first[1]!.html);
  });

  it('moves the line numbers of the turns after an edit that adds lines', () => {
    const before = parseTranscript('[A]: first\n[B]: second');
    renderTurns(before, 0, 2, OPTIONS);
    const after = applyChange(before, {
      range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } },
      text: '\nmore',
    });
    const [, second] = renderTurns(after, 0, 2, OPTIONS);
    assert.equal(second!.line, 2);
    assert.match(turnArticle(second!), /data-line="2"/);
  });

  it('keeps no line of the document in a turn, so that a turn moved by an edit above it is the same HTML', () => {
    const before = parseTranscript('[A]: first\n[B]: second\n(aside)\n```js\nx\n```');
    const [, moved] = renderTurns(before, 0, 2, OPTIONS);
    const after = applyChange(before, {
      range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } },
      text: '\nmore',
    });
    const [, again] = renderTurns(after, 0, 2, OPTIONS);
    assert.equal(again!.html, moved!.html);
    assert.doesNotMatch(again!.html, /data-line/);
    assert.match(again!.html, /<p class="stage" data-offset="1">\(aside\)<\/p><pre class="fence" data-offset="2">/);
    assert.match(
      turnArticle(again!),
      /^<article class="turn speaker-1 side-right" data-line="2" data-end-line="6" data-turn="1">/,
    );
  });

  it('renders every seed without executable markup', () => {
    for (const [name, text] of SEEDS) assert.deepEqual(executableMarkup(render(text)), [], name);
  });
});

describe('turnWindow', () => {
  const model = parseTranscript('Title\n[A]: 0\n[B]: 1\nmore\n[A]: 2\n[B]: 3\n[A]: 4');

  it('renders the turns around the one holding a line, and names it', () => {
    const window = turnWindow(model, { line: 3, before: 1, after: 2 }, OPTIONS);
    assert.equal(window.anchor, 1);
    assert.equal(window.from, 0);
    assert.deepEqual(
      window.turns.map((turn) => turn.index),
      [0, 1, 2],
    );
    assert.deepEqual([window.turnCount, window.twoParty], [5, true]);
  });

  it('anchors the text before the first turn on the first turn, and lines past the end on the last', () => {
    assert.equal(turnWindow(model, { line: 0, before: 0, after: 1 }, OPTIONS).anchor, 0);
    assert.equal(turnWindow(model, { line: 99, before: 0, after: 1 }, OPTIONS).anchor, 4);
  });

  it('clamps a range to the turns there are', () => {
    const window = turnWindow(model, { from: -5, to: 99 }, OPTIONS);
    assert.equal(window.from, 0);
    assert.equal(window.turns.length, 5);
    assert.equal(window.anchor, undefined);
    assert.deepEqual(turnWindow(model, { from: 7, to: 3 }, OPTIONS).turns, []);
  });

  it('renders at most MAX_WINDOW_TURNS turns at a time', () => {
    const many = parseTranscript(Array.from({ length: MAX_WINDOW_TURNS + 10 }, (_, i) => `[S]: ${i}`).join('\n'));
    assert.equal(turnWindow(many, { from: 0, to: Infinity }, OPTIONS).turns.length, MAX_WINDOW_TURNS);
  });

  it('has nothing to render in a document without turns', () => {
    const window = turnWindow(parseTranscript(''), { line: 0, before: 5, after: 5 }, OPTIONS);
    assert.deepEqual([window.turnCount, window.turns.length, window.anchor], [0, 0, 0]);
  });
});

describe('chatLayout across edits', () => {
  const text = Array.from({ length: 2000 }, (_, i) => `[${i % 2 ? 'B' : 'A'}]: turn ${i}\n`).join('');

  it('colours speakers by first appearance, and again when an edit brings in a new first speaker', () => {
    const model = parseTranscript(text);
    assert.deepEqual(
      [...chatLayout(model).colors],
      [
        ['A', 0],
        ['B', 1],
      ],
    );
    assert.equal(chatLayout(model).twoParty, true);
    const start = { line: 0, character: 0 };
    const edited = applyChange(model, { range: { start, end: start }, text: '[C]: first\n' });
    assert.deepEqual(
      [...chatLayout(edited).colors],
      [
        ['C', 0],
        ['A', 1],
        ['B', 2],
      ],
    );
    assert.equal(chatLayout(edited).twoParty, false);
    assert.equal(chatLayout(edited).turnCount, 2001);
  });

  it('keeps the colours when an edit in the middle changes no speaker', () => {
    const model = parseTranscript(text);
    const at = model.lines.positionAt(text.length >> 1);
    const edited = applyChange(model, { range: { start: at, end: at }, text: ' typed' });
    assert.deepEqual([...chatLayout(edited).colors], [...chatLayout(model).colors]);
  });
});
