/// <reference types="mocha" />
/**
 * The client's own features in a real VS Code: turn navigation, speaker colours, the statistics
 * page, the status bar item, localization and the editor's sticky scroll. Runs after
 * transcript.test.ts (see index.ts), with the extension already active.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TranscriptTestApi } from '../../src/client/extension';
import { SPEAKER_PALETTE, speakerColor } from '../../src/client/speaker-colors';
import { escapeHtml, renderStatisticsHtml, type StatisticsLabels } from '../../src/client/statistics-html';
import { eventually } from '../support/eventually';
import { revertAndClose } from './revert';
import { speakerLines } from './speaker-lines';
import { turnsOf } from './turns';

const EXTENSION_ID = 'transcript-tools.transcript';
const HOSTILE_SCRIPT = '<script>alert(1)</script>';
const HOSTILE_IMAGE = '"><img src=x onerror=alert(1)>';

function extension(): vscode.Extension<TranscriptTestApi> {
  const found = vscode.extensions.getExtension<TranscriptTestApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

async function api(): Promise<TranscriptTestApi> {
  return extension().activate();
}

function seed(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the seeds folder open as the workspace');
  const file = readdirSync(folder.uri.fsPath).find((entry) => entry.startsWith(name));
  assert.ok(file, `no seed ${name}`);
  return vscode.Uri.joinPath(folder.uri, file);
}

/**
 * A copy of a seed in a folder of its own named seeds, which the seeds' files.associations pattern
 * still makes a transcript, for a test that edits a file: an edit saved by mistake stays out of the
 * seeds the other tests open.
 */
function scratchCopy(name: string): vscode.Uri {
  const original = seed(name);
  const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'transcript-test-')), 'seeds');
  mkdirSync(folder);
  const copy = path.join(folder, path.basename(original.fsPath));
  copyFileSync(original.fsPath, copy);
  return vscode.Uri.file(copy);
}

/** Shows `uri` in an editor once the server has outlined it with `turns` turns. */
async function showTranscript(uri: vscode.Uri, turns: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  await eventually(
    'the outline',
    () => turnsOf(editor.document),
    (found) => found.length === turns,
  );
  return editor;
}

async function showUntitled(content: string, turns: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'transcript', content });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await eventually(
    'the outline',
    () => turnsOf(document),
    (found) => found.length === turns,
  );
  return editor;
}

/**
 * Runs Go to Turn and resolves, once its list is shown, with the list and the command's end, which
 * comes after the list is accepted (and the editor moved) or hidden.
 */
async function openGoToTurn(): Promise<{ pick: vscode.QuickPick<vscode.QuickPickItem>; closed: Thenable<unknown> }> {
  const closed = vscode.commands.executeCommand('transcript.goToTurn');
  const testApi = await api();
  const pick = await eventually('Go to Turn to open', () => testApi.goToTurnPick(), Boolean);
  return { pick: pick!, closed };
}

/** Typed in lower case: seed 000 has it once, capitalised, below the first line of its turn. */
const WORD_BELOW_FIRST_LINE = 'wittgenstein';
/** Seed 000 has it once, 155 characters along a line below the first line of its turn. */
const WORD_FAR_ALONG = 'adaptive';

/** The one line of `document` that holds `word` (ignoring case) and the turn it is in, not on that turn's first line. */
function turnHolding(
  document: vscode.TextDocument,
  word: string,
): { turn: { line: number; speaker: string }; line: number } {
  const lines: number[] = [];
  for (let line = 0; line < document.lineCount; line++)
    if (document.lineAt(line).text.toLowerCase().includes(word)) lines.push(line);
  assert.equal(lines.length, 1, `${word} is on one line`);
  const line = lines[0]!;
  const turn = speakerLines(document)
    .filter((tag) => tag.line <= line)
    .at(-1)!;
  assert.notEqual(turn.line, line, `${word} is not on its turn's first line`);
  return { turn, line };
}

/** The selection of the speaker tag, `[A]:`, that starts `line`. */
function tagSelection(document: vscode.TextDocument, line: number): vscode.Selection {
  return new vscode.Selection(line, 0, line, document.lineAt(line).text.indexOf(']:') + 2);
}

function placeCursor(editor: vscode.TextEditor, line: number, character = 0): void {
  const position = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(position, position);
}

/** Opens a copy of the seed named `seed` (20 turns) and its statistics page; answers once the page has its table. */
async function showStatisticsOf(seed: string): Promise<{ editor: vscode.TextEditor; html: string | undefined }> {
  const { statisticsHtml } = await api();
  const editor = await showTranscript(scratchCopy(seed), 20);
  await vscode.commands.executeCommand('transcript.showStatistics');
  const html = await eventually('the statistics page', statisticsHtml, (found) => found?.includes('<table>') === true);
  return { editor, html };
}

const ENGLISH_LABELS: StatisticsLabels = {
  heading: 'Transcript Statistics',
  summary: (turns, words) => `${turns} turns, ${words} words`,
  speaker: 'Speaker',
  turns: 'Turns',
  words: 'Words',
  cjk: 'CJK characters',
  other: 'Other words',
  share: 'Share',
  averageWordsPerTurn: 'Words per turn',
  fileBlocks: 'FILE blocks',
  codeLines: 'Code lines',
  tokens: 'Tokens',
  tokenSummary: (tokens, encoding) => `${tokens} tokens (${encoding})`,
  chart: 'Share of words',
  empty: 'No turns.',
  copyCsv: 'Copy as CSV',
  copyJson: 'Copy as JSON',
};

suite('Transcript client features', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suite('turn navigation', () => {
    test('Next Turn and Previous Turn move the cursor to the neighbouring speaker tags', async () => {
      const editor = await showTranscript(seed('000'), 20);
      const lines = speakerLines(editor.document).map((turn) => turn.line);
      placeCursor(editor, lines[2]! + 1, 3); // inside the third turn
      await vscode.commands.executeCommand('transcript.nextTurn');
      assert.deepEqual(editor.selection.active, new vscode.Position(lines[3]!, 0));
      await vscode.commands.executeCommand('transcript.nextTurn');
      assert.equal(editor.selection.active.line, lines[4]);
      await vscode.commands.executeCommand('transcript.previousTurn');
      assert.equal(editor.selection.active.line, lines[3]);
      placeCursor(editor, lines[3]! + 1, 2);
      // From inside a turn, Previous Turn goes to that turn's own tag first.
      await vscode.commands.executeCommand('transcript.previousTurn');
      assert.equal(editor.selection.active.line, lines[3]);
      placeCursor(editor, lines.at(-1)!, 1);
      await vscode.commands.executeCommand('transcript.nextTurn');
      assert.equal(editor.selection.active.line, lines.at(-1), 'the cursor stays put after the last turn');
    });

    test("Next Turn by This Speaker skips the other speakers' turns", async () => {
      const content = '[A]: one\n[B]: two\n[C]: three\n[A]: four\nmore of four\n[B]: five\n[A]: six\n';
      const editor = await showUntitled(content, 6);
      placeCursor(editor, 0, 2);
      await vscode.commands.executeCommand('transcript.nextTurnBySameSpeaker');
      assert.equal(editor.selection.active.line, 3);
      placeCursor(editor, 4, 3); // the second line of A's second turn
      await vscode.commands.executeCommand('transcript.nextTurnBySameSpeaker');
      assert.equal(editor.selection.active.line, 6);
      placeCursor(editor, 1, 0);
      await vscode.commands.executeCommand('transcript.nextTurnBySameSpeaker');
      assert.equal(editor.selection.active.line, 5);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('Go to Turn opens on every turn, named by speaker and first words, at the turn under the cursor', async () => {
      const editor = await showTranscript(seed('000'), 20);
      const lines = speakerLines(editor.document);
      placeCursor(editor, lines[5]!.line + 1, 0);
      const { pick, closed } = await openGoToTurn();
      const items = await eventually(
        'every turn to be listed',
        () => pick.items,
        (listed) => listed.length === lines.length,
      );
      items.forEach((item, index) => {
        assert.ok(item.label.startsWith(`${lines[index]!.speaker}: `), item.label);
        assert.equal(item.description, `line ${lines[index]!.line + 1}`);
        assert.equal(item.detail, undefined);
      });
      await eventually(
        'the turn under the cursor to be active',
        () => pick.activeItems,
        (active) => active[0] === items[5],
      );
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await closed;
      assert.deepEqual(editor.selection, tagSelection(editor.document, lines[5]!.line));
    });

    test('Go to Turn finds a turn by a word on one of its later lines, and accepting it selects its tag', async () => {
      const editor = await showTranscript(seed('000'), 20);
      const { turn, line } = turnHolding(editor.document, WORD_BELOW_FIRST_LINE);
      const { pick, closed } = await openGoToTurn();
      pick.value = WORD_BELOW_FIRST_LINE;
      const [offered] = await eventually(
        `the turn with ${WORD_BELOW_FIRST_LINE} to be the one offered`,
        () => pick.activeItems.map(({ label, description, detail }) => ({ label, description, detail })),
        (active) => active.length === 1 && active[0]!.description === `line ${turn.line + 1}`,
      );
      assert.equal(pick.items.length, 1, 'no other turn has the word');
      assert.ok(offered!.label.startsWith(`${turn.speaker}: `), offered!.label);
      assert.equal(offered!.detail, editor.document.lineAt(line).text.trim());
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await closed;
      assert.deepEqual(editor.selection, tagSelection(editor.document, turn.line));
    });

    test('Go to Turn shows a matched line from shortly before the word when the word is far along it', async () => {
      const editor = await showTranscript(seed('000'), 20);
      const { line } = turnHolding(editor.document, WORD_FAR_ALONG);
      const text = editor.document.lineAt(line).text;
      assert.ok(text.toLowerCase().indexOf(WORD_FAR_ALONG) > 100, 'the word is far along its line');
      const { pick, closed } = await openGoToTurn();
      pick.value = WORD_FAR_ALONG;
      const [detail = ''] = await eventually(
        `the turn with ${WORD_FAR_ALONG}`,
        () => pick.items.map((item) => item.detail),
        (details) => details.length === 1,
      );
      assert.ok(detail.startsWith('…') && text.endsWith(detail.slice(1)), detail);
      const at = detail.toLowerCase().indexOf(WORD_FAR_ALONG);
      assert.ok(at > 0 && at < 40, `${WORD_FAR_ALONG} at ${at} in ${detail}`);
      pick.hide();
      await closed;
    });

    test("Go to Turn with @Speaker searches only that speaker's turns", async () => {
      const editor = await showTranscript(seed('000'), 20);
      const lines = speakerLines(editor.document);
      const { turn } = turnHolding(editor.document, WORD_BELOW_FIRST_LINE);
      const other = lines.find(({ speaker }) => speaker !== turn.speaker)!.speaker;
      const { pick, closed } = await openGoToTurn();
      const listed = (value: string, accept: (labels: string[]) => boolean) => {
        pick.value = value;
        return eventually(`the turns for ${value}`, () => pick.items.map((item) => item.label), accept);
      };
      const turnsByOther = lines.filter(({ speaker }) => speaker === other).length;
      const labels = await listed(`@${other}`, (found) => found.length === turnsByOther);
      assert.ok(
        labels.every((label) => label.startsWith(`${other}: `)),
        labels.join('\n'),
      );
      await listed(`@${turn.speaker} ${WORD_BELOW_FIRST_LINE}`, (found) => found.length === 1);
      await listed(`@${other} ${WORD_BELOW_FIRST_LINE}`, (found) => found.length === 0);
      pick.hide();
      await closed;
    });

    test('Go to Turn takes a quoted speaker name with spaces, and says when it lists only the first matches', async () => {
      const content = Array.from({ length: 1200 }, (_, i) => `[Dr. Chen]: needle ${i}\n[B]: needle too ${i}`).join(
        '\n',
      );
      await showUntitled(content, 2400);
      const { pick, closed } = await openGoToTurn();
      const listed = (value: string, accept: (labels: string[]) => boolean) => {
        pick.value = value;
        return eventually(`the turns for ${value}`, () => pick.items.map((item) => item.label), accept);
      };
      // `needle 11` is in turns 11, 110–119 and 1100–1199.
      const chen = await listed('@"Dr. Chen" needle 11', (found) => found.length === 111);
      assert.ok(
        chen.every((label) => label.startsWith('Dr. Chen: ')),
        chen.join('\n'),
      );
      assert.equal(pick.title, undefined);
      await listed('@"Dr. Chen" needle', (found) => found.length === 1000);
      assert.equal(pick.title, 'The first 1,000 matching turns; type more to narrow the list');
      pick.hide();
      await closed;
    });

    test("the keybindings are free in the text editor among VS Code's defaults for this platform", async () => {
      const manifest = extension().packageJSON as { contributes: { keybindings: { command: string; key: string }[] } };
      await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
      const document = await eventually(
        'the default keybindings',
        () => vscode.window.activeTextEditor?.document,
        (found) => found?.getText().includes('"key"') === true,
      );
      const defaults = [
        ...document!.getText().matchAll(/\{ "key": "([^"]+)",\s*"command": "([^"]+)"(?:,\s*"when": "([^"]*)")?/g),
      ];
      assert.ok(defaults.length > 500, `read ${defaults.length} default keybindings`);
      for (const { command, key } of manifest.contributes.keybindings) {
        const others = defaults.filter((binding) => binding[1] === key && !binding[2]!.startsWith('transcript.'));
        // Bindings of the same key are fine where a text editor cannot have focus (`!inputFocus`: a notebook's
        // cell list), and in another language's editor (the markdown preview's keys are the preview's keys here).
        const clashing = others.filter(
          (binding) =>
            !/inQuickInput|inChat|accessibleView|terminalFocus|!inputFocus|editorLangId == '?(?!transcript\b)\w/.test(
              binding[3] ?? '',
            ),
        );
        assert.deepEqual(
          clashing.map((binding) => binding[2]),
          [],
          `${key} (${command})`,
        );
      }
    });
  });

  suite('speaker colours', () => {
    test('colours go by order of first appearance and repeat beyond the palette', () => {
      assert.equal(speakerColor(0), 'charts.blue');
      assert.equal(speakerColor(1), 'charts.green');
      assert.equal(speakerColor(SPEAKER_PALETTE.length - 1), SPEAKER_PALETTE.at(-1));
      assert.equal(speakerColor(SPEAKER_PALETTE.length), 'charts.blue');
    });

    test('decorates the speakers of a visible transcript, follows edits and switches off with the setting', async () => {
      const { speakerColors } = await api();
      const editor = await showUntitled('[Bob]: hi\n[Alice]: hello\n[Bob]: bye\n', 3);
      const uri = editor.document.uri;
      const colors = await eventually(
        'speaker colours',
        () => speakerColors(uri),
        (found) => found?.size === 2,
      );
      assert.deepEqual(
        [...colors!],
        [
          ['Bob', 'charts.blue'],
          ['Alice', 'charts.green'],
        ],
      );

      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(3, 0), '[Carol]: late\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await eventually(
        'a third colour after the edit',
        () => speakerColors(uri),
        (found) => found?.get('Carol') === 'charts.orange',
      );

      await vscode.commands.executeCommand('transcript.toggleSpeakerColors');
      try {
        assert.equal(vscode.workspace.getConfiguration('transcript').get('speakerColors'), false);
        await eventually(
          'the colours to go',
          () => speakerColors(uri),
          (found) => found === undefined,
        );
      } finally {
        await vscode.commands.executeCommand('transcript.toggleSpeakerColors');
      }
      assert.equal(vscode.workspace.getConfiguration('transcript').get('speakerColors'), true);
      await eventually(
        'the colours to come back',
        () => speakerColors(uri),
        (found) => found?.size === 3,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('colours a label far down once scrolled to, in the colour of its first appearance', async () => {
      const { speakerColors } = await api();
      const pairs = '[A]: a\n[B]: b\n'.repeat(1000);
      const editor = await showUntitled(`[Early]: hi\n${pairs}[Far]: x\n${pairs}`, 4002);
      const uri = editor.document.uri;
      const atTop = await eventually(
        'the colours at the top',
        () => speakerColors(uri),
        (found) => found?.size === 3,
      );
      assert.deepEqual(
        [...atTop!],
        [
          ['Early', 'charts.blue'],
          ['A', 'charts.green'],
          ['B', 'charts.orange'],
        ],
      );

      const far = new vscode.Range(2001, 0, 2001, 0);
      editor.revealRange(far, vscode.TextEditorRevealType.AtTop);
      const scrolled = await eventually(
        'the colours after scrolling',
        () => speakerColors(uri),
        (found) => found?.has('Far') === true,
      );
      assert.deepEqual(
        [...scrolled!],
        [
          ['A', 'charts.green'],
          ['B', 'charts.orange'],
          ['Far', 'charts.purple'],
        ],
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  suite('statistics', () => {
    test('Show Statistics opens a page with a row per speaker that follows edits', async () => {
      const { statisticsHtml, statusBarText } = await api();
      const { editor, html } = await showStatisticsOf('000');
      const statisticsTab = () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((tab) => tab.label.startsWith('Statistics: 000_'));
      const tab = await eventually('the statistics tab', statisticsTab, Boolean);
      assert.ok(tab!.input instanceof vscode.TabInputWebview, 'the statistics are a webview');
      assert.notEqual(tab!.group.viewColumn, vscode.ViewColumn.One, 'the statistics are beside the transcript');
      const status = await eventually(
        'the status bar',
        statusBarText,
        (found) => found?.startsWith('20 turns') === true,
      );
      const words = Number(/· ([\d,]+) words/.exec(status!)?.[1]?.replaceAll(',', ''));
      const tokens = Number(/· ([\d,]+) tokens/.exec(status!)?.[1]?.replaceAll(',', ''));
      assert.match(
        html!,
        new RegExp(
          `<p>20 turns, ${words.toLocaleString('en')} words · ${tokens.toLocaleString('en')} tokens \\(o200k_base\\)</p>`,
        ),
      );
      const turnsBySpeaker = new Map<string, number>();
      for (const { speaker } of speakerLines(editor.document))
        turnsBySpeaker.set(speaker, (turnsBySpeaker.get(speaker) ?? 0) + 1);
      for (const [speaker, turns] of turnsBySpeaker)
        assert.match(html!, new RegExp(`<th scope="row">${speaker}</th><td>${turns}</td>`));
      assert.match(html!, /default-src 'none'/);
      assert.doesNotMatch(html!, /<script/i);

      const edit = new vscode.WorkspaceEdit();
      edit.insert(editor.document.uri, new vscode.Position(0, 0), '[Zed]: a newcomer speaks\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const updated = await eventually(
        'the page after an edit',
        statisticsHtml,
        (found) => found?.includes('<th scope="row">Zed</th>') === true,
      );
      assert.match(updated!, /<p>21 turns, /);
      await revertAndClose(editor.document);
    });

    test('Copy Statistics as CSV and as JSON put the numbers of the page on the clipboard', async () => {
      const { editor, html } = await showStatisticsOf('000');
      assert.match(html!, /<a href="command:transcript\.copyStatisticsAsCsv">Copy as CSV<\/a>/);
      const speakers = new Set(speakerLines(editor.document).map(({ speaker }) => speaker));
      assert.equal(await vscode.commands.executeCommand('transcript.copyStatisticsAsCsv'), true);
      const csv = (await vscode.env.clipboard.readText()).trimEnd().split('\r\n');
      // Token counts are on by default, so the last column holds each speaker's tokens.
      assert.equal(csv[0], 'speaker,turns,words,cjk,other,share,averageWordsPerTurn,fileBlocks,codeLines,tokens');
      assert.deepEqual(new Set(csv.slice(1).map((row) => row.split(',')[0])), speakers);
      for (const row of csv.slice(1)) assert.match(row, /,[1-9]\d*$/, `tokens of ${row}`);
      assert.equal(await vscode.commands.executeCommand('transcript.copyStatisticsAsJson'), true);
      const json = JSON.parse(await vscode.env.clipboard.readText()) as { turns: number; speakers: unknown[] };
      assert.deepEqual([json.turns, json.speakers.length], [20, speakers.size]);
      await revertAndClose(editor.document);
    });

    test('escapes hostile speaker names and FILE paths in the page', async () => {
      const { statisticsHtml } = await api();
      const content = `[${HOSTILE_SCRIPT}]: hi\n<<<FILE ${HOSTILE_IMAGE}\nx\nFILE>>>\n[${HOSTILE_IMAGE}]: hello there\n`;
      await showUntitled(content, 2);
      await vscode.commands.executeCommand('transcript.showStatistics');
      const html = await eventually(
        'the hostile page',
        statisticsHtml,
        (found) => found?.includes('&lt;script&gt;') === true,
      );
      assert.ok(html!.includes(`<th scope="row">${escapeHtml(HOSTILE_SCRIPT)}</th>`));
      assert.ok(html!.includes(`<th scope="row">${escapeHtml(HOSTILE_IMAGE)}</th>`));
      assert.doesNotMatch(html!, /<script|<img|onerror=alert\(1\)>/i);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test("the page renders numbers, shares and bars from the server's answer", () => {
      const html = renderStatisticsHtml({
        title: `${HOSTILE_IMAGE}.txt`,
        statistics: {
          turns: 3,
          words: 8,
          speakers: [
            {
              speaker: 'A',
              turns: 2,
              words: 6,
              cjk: 4,
              other: 2,
              share: 0.75,
              averageWordsPerTurn: 3,
              fileBlocks: 1,
              codeLines: 12,
            },
            {
              speaker: HOSTILE_SCRIPT,
              turns: 1,
              words: 2,
              cjk: 0,
              other: 2,
              share: 0.25,
              averageWordsPerTurn: 2,
              fileBlocks: 0,
              codeLines: 0,
            },
          ],
        },
        labels: ENGLISH_LABELS,
        colors: ['var(--vscode-charts-blue)', 'var(--vscode-charts-green)'],
        nonce: 'abc123',
        locale: 'en',
      });
      assert.match(
        html,
        /<th scope="row">A<\/th><td>2<\/td><td>6<\/td><td>4<\/td><td>2<\/td><td>75\.0%<\/td><td>3\.0<\/td><td>1<\/td><td>12<\/td>/,
      );
      assert.match(html, /\.bar-0 \{ width: 75\.00%; background: var\(--vscode-charts-blue\); \}/);
      assert.match(html, /\.bar-1 \{ width: 25\.00%; background: var\(--vscode-charts-green\); \}/);
      assert.match(html, /<style nonce="abc123">/);
      assert.match(html, /style-src 'nonce-abc123'/);
      assert.ok(html.includes(`<h1>${escapeHtml(`${HOSTILE_IMAGE}.txt`)}</h1>`));
      assert.doesNotMatch(html, /<script|<img|style="/i);
    });
  });

  suite('status bar', () => {
    test("shows turns, words and tokens of the active transcript, the selection's words, and hides for other languages", async () => {
      const { statusBarText } = await api();
      const editor = await showTranscript(seed('000'), 20);
      // Seed 000 has over a thousand words: the count is grouped as the hover groups it.
      const text = await eventually('the status bar', statusBarText, (found) =>
        /^20 turns · \d{1,3}(?:,\d{3})+ words · [\d,]+ tokens$/.test(found ?? ''),
      );
      // The first line is the whole first turn, whose hover says 25 words (transcript.test.ts).
      editor.selection = new vscode.Selection(0, 0, 0, editor.document.lineAt(0).text.length);
      await eventually("the selection's words", statusBarText, (found) => found === `${text} · 25 words selected`);
      // A speaker tag alone holds no words: no "0 words selected".
      editor.selection = new vscode.Selection(0, 0, 0, editor.document.lineAt(0).text.indexOf(']:') + 2);
      await eventually('no selected words for a tag', statusBarText, (found) => found === text);
      await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'plain' }),
      );
      await eventually('the item to hide', statusBarText, (found) => found === undefined);
    });
  });

  suite('unicode highlighting', () => {
    test('leaves the joiners and variation selectors of emoji unboxed in transcripts', () => {
      const transcript = vscode.workspace.getConfiguration('editor', { languageId: 'transcript' });
      assert.equal(transcript.get('unicodeHighlight.invisibleCharacters'), false);
    });

    test('keeps the editor default for other languages', () => {
      // VS Code itself turns the setting off for plaintext and markdown, so JSON stands for the rest.
      const json = vscode.workspace.getConfiguration('editor', { languageId: 'json' });
      assert.equal(json.get('unicodeHighlight.invisibleCharacters'), true);
    });
  });

  suite('sticky scroll and breadcrumbs', () => {
    test('are on for transcripts and get a multi-line range per turn from the outline', async () => {
      const uri = seed('004');
      const editor = await vscode.window.showTextDocument(uri);
      const editorSettings = vscode.workspace.getConfiguration('editor', { languageId: 'transcript', uri });
      assert.equal(editorSettings.get('stickyScroll.enabled'), true);
      assert.equal(editorSettings.get('stickyScroll.defaultModel'), 'outlineModel');
      assert.equal(vscode.workspace.getConfiguration('breadcrumbs').get('enabled'), true);
      const lines = speakerLines(editor.document);
      const turns = await eventually(
        'the outline',
        () => turnsOf(editor.document),
        (found) => found.length === lines.length,
      );
      // Sticky scroll pins a symbol's first line while its range is scrolled through.
      const longest = turns.reduce((a, b) =>
        b.range.end.line - b.range.start.line > a.range.end.line - a.range.start.line ? b : a,
      );
      assert.ok(longest.range.end.line - longest.range.start.line >= 10, 'seed 004 has a turn of ten lines or more');
      turns.forEach((turn, index) => {
        assert.equal(turn.range.start.line, lines[index]!.line);
        assert.ok(turn.range.end.line < (lines[index + 1]?.line ?? Infinity), `turn ${index + 1} ends before the next`);
      });
    });
  });

  suite('localization', () => {
    const root = () => extension().extensionPath;
    const readJson = (file: string) =>
      JSON.parse(readFileSync(path.join(root(), file), 'utf8')) as Record<string, string>;

    test('every vscode.l10n.t message of the client has a Simplified Chinese translation', () => {
      const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
      const folder = path.join(root(), 'src', 'client');
      const messages = new Set<string>();
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
        const source = readFileSync(path.join(folder, file), 'utf8');
        for (const match of source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g))
          messages.add(match[1]!.replace(/\\'/g, "'"));
      }
      assert.ok(messages.size > 10, `found ${messages.size} messages`);
      assert.deepEqual(
        [...messages].filter((message) => !bundle[message]),
        [],
        'untranslated',
      );
      assert.deepEqual(
        Object.keys(bundle).filter((key) => !messages.has(key)),
        [],
        'translated but unused',
      );
      for (const [message, translation] of Object.entries(bundle)) {
        const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort().join();
        assert.equal(placeholders(translation), placeholders(message), `placeholders of ${message}`);
      }
    });

    test('every %key% of the manifest is in package.nls.json and package.nls.zh-cn.json', () => {
      const manifest = readFileSync(path.join(root(), 'package.json'), 'utf8');
      const keys = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!));
      assert.ok(keys.size > 10, `found ${keys.size} keys`);
      const english = readJson('package.nls.json');
      const chinese = readJson('package.nls.zh-cn.json');
      assert.deepEqual(
        [...keys].filter((key) => !english[key]),
        [],
        'missing in package.nls.json',
      );
      assert.deepEqual(
        [...keys].filter((key) => !chinese[key]),
        [],
        'missing in package.nls.zh-cn.json',
      );
      assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort(), 'both files have the same keys');
      // VS Code substitutes them: the commands appear with their English titles.
      const commands = (extension().packageJSON as { contributes: { commands: { command: string; title: string }[] } })
        .contributes.commands;
      assert.equal(commands.find((command) => command.command === 'transcript.goToTurn')?.title, 'Go to Turn...');
    });
  });
});
