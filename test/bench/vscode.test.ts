import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationToken } from 'vscode-languageserver-protocol';
import MarkdownIt from 'markdown-it';
import { ENGLISH_CHAT_LABELS, renderTurns } from '../../src/core/chat-html';
import { diagnostics } from '../../src/core/diagnostics';
import { ENGLISH } from '../../src/core/messages-en';
import { parseTranscript } from '../../src/core/parse';
import { generateTranscript } from '../support/generate';

// bench/ is an ES module package and this test is compiled as CommonJS: load it dynamically.
const figures = () => import('../../bench/figures/vscode.js');
const sites = () => import('../../bench/sites.js');
const peer = () => import('../../bench/peers/markdown-service.js');

interface Toggle {
  readonly line: number;
  readonly character: number;
  readonly text: string;
}

/** The text with the toggle's character typed, as the keystroke in VS Code types it. */
function typed(text: string, toggle: Toggle): string {
  const lines = text.split('\n');
  const line = lines[toggle.line]!;
  lines[toggle.line] = line.slice(0, toggle.character) + toggle.text + line.slice(toggle.character);
  return lines.join('\n');
}

function transcriptProblemLines(text: string): Set<number> {
  return new Set(diagnostics(parseTranscript(text), 'file:///t.transcript').map((d) => d.range.start.line));
}

async function markdownProblemLines(markdown: string): Promise<Set<number>> {
  const { freshMarkdownService, VSCODE_DIAGNOSTIC_OPTIONS } = await peer();
  const { service, document } = freshMarkdownService(markdown);
  const found = await service.computeDiagnostics(document, VSCODE_DIAGNOSTIC_OPTIONS, CancellationToken.None);
  service.dispose();
  return new Set(found.map((d) => d.range.start.line));
}

test('the prepared transcript has a problem from the start, and typing the toggle adds one on its line', async () => {
  const { prepareTranscript } = await figures();
  const { transcriptEditSite } = await sites();
  const text = generateTranscript({ seed: 1, bytes: 64 * 1024 });
  const prepared = prepareTranscript(text, transcriptEditSite(parseTranscript(text)));
  const before = transcriptProblemLines(prepared.text);
  assert.ok(before.has(prepared.problemLine), 'no problem on the problem line');
  assert.ok(!before.has(prepared.toggle.line), 'a problem on the toggle line before the keystroke');
  assert.ok(transcriptProblemLines(typed(prepared.text, prepared.toggle)).has(prepared.toggle.line));
});

test('the prepared markdown has a broken link from the start, and typing the toggle adds one on its line', async () => {
  const { prepareMarkdown } = await figures();
  const { markdownEditSite } = await sites();
  const { transcriptToMarkdown } = await import('../../bench/markdown.js');
  const markdown = transcriptToMarkdown(generateTranscript({ seed: 1, bytes: 64 * 1024 }));
  const prepared = prepareMarkdown(markdown, markdownEditSite(markdown));
  const before = await markdownProblemLines(prepared.text);
  assert.ok(before.has(prepared.problemLine), 'no problem on the problem line');
  assert.ok(!before.has(prepared.toggle.line), 'a problem on the toggle line before the keystroke');
  assert.ok((await markdownProblemLines(typed(prepared.text, prepared.toggle))).has(prepared.toggle.line));
});

test('the markdown edit site is outside a fence that holds a fence line with an info string', async () => {
  const { markdownEditSite } = await sites();
  const markdown = ['# Title', '', '```', 'code', '```ts', 'Inside the fence', '```', '', 'After the fence'].join('\n');
  assert.deepEqual(markdownEditSite(markdown), { line: 8, character: 'After the fence'.length });
});

test('the markdown edit site is a prose line when the fences close plainly', async () => {
  const { markdownEditSite } = await sites();
  const markdown = ['# Title', '', '```ts', 'code', '```', 'Prose after', '', 'More prose'].join('\n');
  assert.deepEqual(markdownEditSite(markdown), { line: 5, character: 'Prose after'.length });
});

test('the preview transcript has the marker in the turn of its marker line, and the toggle types after it', async () => {
  const { previewTranscript } = await figures();
  const options = { labels: ENGLISH_CHAT_LABELS, messages: ENGLISH, remoteImages: false };
  const text = generateTranscript({ seed: 1, bytes: 64 * 1024 });
  const prepared = previewTranscript(text);
  const turnAt = (source: string) => {
    const model = parseTranscript(source);
    const turn = model.turns.atLine(prepared.markerLine)!;
    assert.equal(turn.startLine, prepared.markerLine, 'the marker line is a speaker line');
    return renderTurns(model, turn.index, turn.index + 1, options)[0]!.html;
  };
  assert.match(turnAt(prepared.text), /zqxmarker/);
  assert.doesNotMatch(turnAt(prepared.text), /zqxmarker1/);
  assert.match(turnAt(typed(prepared.text, prepared.toggle)), /zqxmarker1/);
  assert.doesNotMatch(turnAt(text), /zqxmarker/);
});

test('the preview markdown has the marker as the paragraph of line 0, and the toggle types after it', async () => {
  const { previewMarkdown } = await figures();
  const { transcriptToMarkdown } = await import('../../bench/markdown.js');
  const prepared = previewMarkdown(transcriptToMarkdown(generateTranscript({ seed: 1, bytes: 64 * 1024 })));
  const paragraphAt = (source: string, line: number) => {
    const tokens = new MarkdownIt().parse(source, {});
    const open = tokens.findIndex((token) => token.type === 'paragraph_open' && token.map?.[0] === line);
    return open < 0 ? undefined : tokens[open + 1]!.content;
  };
  assert.equal(prepared.markerLine, 0);
  assert.equal(paragraphAt(prepared.text, 0), 'zqxmarker');
  assert.equal(paragraphAt(typed(prepared.text, prepared.toggle), 0), 'zqxmarker1');
});
