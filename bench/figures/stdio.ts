/**
 * Figures 2, 3, 4 and 6, over stdio as an editor would see them: our server (`dist/server.js`), the
 * floor server and VS Code's markdown server each get the same steps in fresh processes: open the whole
 * document, then one-character edits in the middle, a burst of keystrokes, hovers, and memory.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { Position } from '../../src/core/lines.js';
import { LspClient, nodeServer } from '../../test/support/lsp-client.js';
import { median } from '../measure.js';
import { MarkdownServerSession } from '../peers/markdown-server.js';
import { failure, isNumber, type Row, type Value } from '../report.js';
import type { Workload } from './workload.js';

export interface ServerPaths {
  /** `dist/server.js`, the real server. */
  readonly ours: string;
  /** The bundled floor server. */
  readonly floor: string;
}

/** One server under test, whatever its diagnostics model. */
interface Session {
  readonly server: LspClient;
  readonly pushesDiagnostics: boolean;
  open(uri: string, text: string): Promise<void>;
  /** Call before sending what triggers diagnostics; call the result after, to wait for them. */
  expectDiagnostics(uri: string): () => Promise<Diagnostic[]>;
  /** Keeps the client's copy of the text, for servers that ask the client to parse. */
  setText(uri: string, text: string): void;
  dispose(): void;
}

/** A server that pushes `publishDiagnostics` (ours, the floor). */
function pushSession(server: LspClient): Session {
  return {
    server,
    pushesDiagnostics: true,
    open: (uri, text) => server.open(uri, text),
    expectDiagnostics: (uri) => {
      const published = server.nextDiagnostics(uri);
      return () => published;
    },
    setText: () => undefined,
    dispose: () => server.dispose(),
  };
}

/** VS Code's markdown server, which only answers pull-diagnostic requests. */
function pullSession(markdown: MarkdownServerSession): Session {
  return {
    server: markdown.server,
    pushesDiagnostics: false,
    open: (uri, text) => markdown.open(uri, text),
    expectDiagnostics: (uri) => () => markdown.diagnostics(uri).then((report) => report.items),
    setText: (uri, text) => markdown.setText(uri, text),
    dispose: () => markdown.dispose(),
  };
}

/** The setting that keeps token counts out of the hover, sent before anything else. */
export const TOKENS_OFF = { settings: { transcript: { tokens: { encoding: 'off' } } } };

interface Subject {
  readonly uri: string;
  readonly text: string;
  readonly editSite: Position;
  /** Speaker tags to hover; none for servers without a hover of their own. */
  readonly hoverSites: readonly Position[];
  /** Whether the server answers the turn navigation requests (transcript/turnStep, transcript/searchTurns). */
  readonly navigates: boolean;
  /** Turns to type one character in, each followed by a documentSymbol request, before memory is read again. */
  readonly spreadEditSites: readonly Position[];
  /** False for the floor server, which always publishes an empty list. */
  readonly expectsDiagnostics: boolean;
  readonly sessions: number;
  /** Sessions that end with the keystroke burst. */
  readonly burstSessions: number;
  start(): Promise<Session>;
}

/** What one subject measured; each list has one entry per run. */
interface Samples {
  openSymbols: number[];
  openDiagnostics: number[];
  editDiagnostics: number[];
  editSymbols: number[];
  burstSymbols: number[];
  /** Hover sent right after the burst's last keystroke, timed from it. */
  burstHover: number[];
  /** Every Enter of the paced typing, keystroke → diagnostics. */
  pacedDiagnostics: number[];
  /** RSS after the paced typing over RSS before it. */
  pacedResidentGrowth: number[];
  hoverFirst: number[];
  hoverWarm: number[];
  /** Each Next Turn and Next by This Speaker press, from a speaker tag. */
  turnSteps: number[];
  /** Each Go to Turn list: opened (every turn), a word, a word no turn holds, one speaker's turns. */
  turnSearches: number[];
  residentBytes: number[];
  heapUsedBytes: number[];
  residentAfterEditsBytes: number[];
  heapUsedAfterEditsBytes: number[];
  failed?: string;
}

const EDITS_PER_SESSION = 3;
const BURST_KEYSTROKES = 100;
/** Keystrokes typed at a person's pace: one every `PACE_MS`, each answered before the next. */
const PACED_KEYSTROKES = 20;
const PACE_MS = 120;

function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

/** Heap used after a full GC (transcript/memoryUsage with `collect`); undefined for a server without that request. */
async function heapKept(server: LspClient): Promise<number | undefined> {
  const usage = await server.connection
    .sendRequest<{ heapUsed: number }>('transcript/memoryUsage', { collect: true })
    .catch(() => undefined);
  return usage?.heapUsed;
}

async function measureSubject(subject: Subject): Promise<Samples> {
  const samples: Samples = {
    openSymbols: [],
    openDiagnostics: [],
    editDiagnostics: [],
    editSymbols: [],
    burstSymbols: [],
    burstHover: [],
    pacedDiagnostics: [],
    pacedResidentGrowth: [],
    hoverFirst: [],
    hoverWarm: [],
    turnSteps: [],
    turnSearches: [],
    residentBytes: [],
    heapUsedBytes: [],
    residentAfterEditsBytes: [],
    heapUsedAfterEditsBytes: [],
  };
  for (let run = 0; run < subject.sessions && !samples.failed; run++) {
    let session: Session | undefined;
    try {
      session = await subject.start();
      await measureSession(subject, session, samples, run < subject.burstSessions);
    } catch (error) {
      samples.failed = failure(error).failed;
    } finally {
      session?.dispose();
    }
  }
  return samples;
}

/** A query that no generated turn holds, so the search reads every turn's text. */
const ABSENT_WORD = 'qqzxqq';

async function measureNavigation(subject: Subject, server: LspClient, samples: Samples): Promise<void> {
  const { uri, text } = subject;
  const time = async (push: number[], method: string, params: unknown): Promise<void> => {
    const start = performance.now();
    await server.request(method, params);
    push.push(performance.now() - start);
  };
  for (const position of subject.hoverSites) {
    for (const step of ['next', 'previous', 'next-by-same-speaker'])
      await time(samples.turnSteps, 'transcript/turnStep', { uri, position, step });
  }
  const site = subject.hoverSites[Math.floor(subject.hoverSites.length / 2)]!;
  const siteLine = text.slice(offsetOf(text, { line: site.line, character: 0 })).split('\n', 1)[0]!;
  const speaker = siteLine.slice(1, siteLine.indexOf(']:'));
  const word =
    siteLine
      .slice(siteLine.indexOf(']:') + 2)
      .trim()
      .split(/\s+/, 1)[0] ?? '';
  for (const [query, filter] of [
    ['', undefined],
    [word, undefined],
    [ABSENT_WORD, undefined],
    ['', speaker],
  ] as const) {
    await time(samples.turnSearches, 'transcript/searchTurns', { uri, query, speaker: filter });
  }
}

async function measureSession(subject: Subject, session: Session, samples: Samples, withBurst: boolean): Promise<void> {
  const { uri, text } = subject;
  const { server } = session;

  // Open: VS Code sends didOpen and asks for symbols (and, for pull servers, diagnostics) at once.
  let start = performance.now();
  const expectOpenDiagnostics = session.expectDiagnostics(uri);
  const opened = session.open(uri, text);
  const openSymbols = server.symbols(uri).then(() => performance.now() - start);
  let openDiagnostics: Diagnostic[] = [];
  const openDiagnosed = expectOpenDiagnostics().then((diagnostics) => {
    openDiagnostics = diagnostics;
    return performance.now() - start;
  });
  await opened;
  samples.openSymbols.push(await openSymbols);
  samples.openDiagnostics.push(await openDiagnosed);

  samples.residentBytes.push(server.residentBytes());
  const heapUsed = await heapKept(server);
  if (heapUsed !== undefined) samples.heapUsedBytes.push(heapUsed);

  if (subject.hoverSites.length > 0) {
    const [first, ...rest] = subject.hoverSites;
    start = performance.now();
    await server.hover(uri, first!.line, first!.character);
    samples.hoverFirst.push(performance.now() - start);
    for (const site of rest) {
      start = performance.now();
      await server.hover(uri, site.line, site.character);
      samples.hoverWarm.push(performance.now() - start);
    }
  }

  if (subject.navigates) await measureNavigation(subject, server, samples);

  // Keystrokes at the edit site: Enter (each new line pushes every later diagnostic down a line, so a
  // server that skips re-publishing unchanged diagnostics still has to publish), then letters typed
  // on the site's line. The client's copy is rebuilt from the text around the cursor, a concatenation
  // per keystroke rather than a copy of the document (slicing a concatenated string flattens it).
  const site = subject.editSite;
  const editOffset = offsetOf(text, site);
  const head = text.slice(0, editOffset);
  const tail = text.slice(editOffset);
  let version = 1;
  let letters = 0;
  let newLines = 0;
  const keystroke = (key: 'a' | '\n'): Promise<void> => {
    const at = { line: site.line, character: site.character + letters };
    if (key === 'a') letters++;
    else newLines++;
    session.setText(uri, head + 'a'.repeat(letters) + '\n'.repeat(newLines) + tail);
    return server.change(uri, ++version, [{ range: { start: at, end: at }, text: key }]);
  };

  // A character typed in turn after turn, the outline asked for after each, as when someone edits a
  // long transcript with the Outline view open; then memory again (a server that kept each version of
  // the document alive would grow by a copy per edit).
  if (subject.spreadEditSites.length > 0) {
    for (const at of subject.spreadEditSites) {
      await server.change(uri, ++version, [{ range: { start: at, end: at }, text: 'x' }]);
      await server.symbols(uri);
    }
    samples.residentAfterEditsBytes.push(server.residentBytes());
    const heapUsedAfter = await heapKept(server);
    if (heapUsedAfter !== undefined) samples.heapUsedAfterEditsBytes.push(heapUsedAfter);
  }

  if (
    session.pushesDiagnostics &&
    subject.expectsDiagnostics &&
    !openDiagnostics.some((d) => d.range.start.line > site.line)
  ) {
    throw new Error(
      `no diagnostic after line ${site.line + 1} for an Enter there to move, so no publishDiagnostics to time`,
    );
  }
  for (let edit = 0; edit < EDITS_PER_SESSION; edit++) {
    start = performance.now();
    const editDiagnostics = session.expectDiagnostics(uri);
    const changed = keystroke('\n');
    const editSymbols = server.symbols(uri).then(() => performance.now() - start);
    const editDiagnosed = editDiagnostics().then(() => performance.now() - start);
    await changed;
    samples.editDiagnostics.push(await editDiagnosed);
    samples.editSymbols.push(await editSymbols);
  }

  // Typing at a person's pace, for the servers that publish something to wait for: an Enter every
  // PACE_MS, so that a server doing work when idle (or whose memory grows per keystroke) shows it.
  if (subject.expectsDiagnostics && session.pushesDiagnostics) {
    const residentBefore = server.residentBytes();
    for (let key = 0; key < PACED_KEYSTROKES; key++) {
      start = performance.now();
      const diagnosed = session.expectDiagnostics(uri);
      await keystroke('\n');
      await diagnosed();
      samples.pacedDiagnostics.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    }
    samples.pacedResidentGrowth.push(server.residentBytes() / residentBefore);
  }

  // Last in the session: the burst's own diagnostics may still arrive after its symbols.
  if (!withBurst) return;
  start = performance.now();
  const sent: Promise<void>[] = [];
  for (let key = 0; key < BURST_KEYSTROKES; key++) sent.push(keystroke('a'));
  const burstSymbols = server.symbols(uri).then(() => performance.now() - start);
  await Promise.all(sent);
  const lastKeystroke = performance.now();
  const hoverSite = subject.hoverSites[subject.hoverSites.length - 1];
  // Timed on its own: the hover's answer comes before the outline's, which is asked for first but larger.
  // The Enters typed before moved the speaker tag down as many lines.
  const burstHover =
    hoverSite &&
    server.hover(uri, hoverSite.line + newLines, hoverSite.character).then((found) => {
      if (!found) throw new Error('the hover after the burst found no speaker tag to answer for');
      return performance.now() - lastKeystroke;
    });
  samples.burstSymbols.push(await burstSymbols);
  if (burstHover) samples.burstHover.push(await burstHover);
}

function summary(samples: Samples | undefined, pick: (samples: Samples) => number[], scale = 1): Value {
  if (!samples) return null;
  const values = pick(samples);
  if (values.length > 0) return median(values) / scale;
  return samples.failed ? { failed: samples.failed } : null;
}

export async function stdioFigures(
  workload: Workload,
  paths: ServerPaths,
  sites: {
    readonly transcriptEdit: Position;
    readonly markdownEdit: Position;
    readonly speakerTags: readonly Position[];
    readonly spreadEdits: readonly Position[];
  },
): Promise<Row[]> {
  const sizeMiB = workload.bytes / 2 ** 20;
  // Generous limits: a slow server must still finish, a hung one must not stall the run for long.
  const timeoutMs = Math.max(60_000, sizeMiB * 6_000);
  const initialize = { workspaceFolders: null };
  const ours = await measureSubject({
    uri: 'file:///bench/transcript.txt',
    text: workload.text,
    editSite: sites.transcriptEdit,
    hoverSites: sites.speakerTags,
    navigates: true,
    spreadEditSites: sites.spreadEdits,
    expectsDiagnostics: true,
    sessions: workload.runs,
    burstSessions: workload.burstRuns,
    // --expose-gc lets transcript/memoryUsage collect garbage first, so its heap figures are what is kept.
    start: async () => {
      const server = await LspClient.start({ server: nodeServer(['--expose-gc'], paths.ours), timeoutMs, initialize });
      // Words only, as these figures have always measured: the tokens figures (tokens.ts) time the counts.
      await server.notify('workspace/didChangeConfiguration', TOKENS_OFF);
      return pushSession(server);
    },
  });
  const floor = await measureSubject({
    uri: 'file:///bench/transcript.txt',
    text: workload.text,
    editSite: sites.transcriptEdit,
    hoverSites: [],
    navigates: false,
    spreadEditSites: sites.spreadEdits,
    expectsDiagnostics: false,
    sessions: workload.runs,
    burstSessions: workload.burstRuns,
    start: async () =>
      pushSession(await LspClient.start({ server: nodeServer([], paths.floor), timeoutMs, initialize })),
  });
  const peer = workload.withPeers
    ? await measureSubject({
        uri: 'file:///bench/transcript.md',
        text: workload.markdown,
        editSite: sites.markdownEdit,
        hoverSites: [],
        navigates: false,
        spreadEditSites: [],
        expectsDiagnostics: true,
        sessions: workload.peerRuns,
        burstSessions: workload.peerRuns,
        start: async () => pullSession(await MarkdownServerSession.start(Math.max(timeoutMs, 300_000))),
      })
    : undefined;

  const { label, isTargetSize } = workload;
  const rows: Row[] = [];
  const row = (
    id: string,
    figure: string,
    pick: (samples: Samples) => number[],
    target = '',
    check?: (ours: number, floor: Value) => boolean,
    note?: string,
  ): void => {
    const oursValue = summary(ours, pick);
    const floorValue = summary(floor, pick);
    rows.push({
      id: `${id}.${label}`,
      figure: `${figure}, ${label}`,
      unit: 'ms',
      ours: oursValue,
      floor: floorValue,
      peer: summary(peer, pick),
      target,
      met: target && check && isNumber(oursValue) ? check(oursValue, floorValue) : null,
      note,
    });
  };
  row(
    'stdio.open-symbols',
    'stdio didOpen → documentSymbol answered',
    (s) => s.openSymbols,
    isTargetSize ? '≤1.2× floor server' : '',
    (value, floorValue) => isNumber(floorValue) && value <= 1.2 * floorValue,
  );
  row(
    'stdio.open-diagnostics',
    'stdio didOpen → diagnostics',
    (s) => s.openDiagnostics,
    '',
    undefined,
    workload.withPeers
      ? 'peer: pull request textDocument/diagnostic sent with the didOpen (it offers no push)'
      : undefined,
  );
  row(
    'stdio.edit-diagnostics',
    'stdio Enter (1-char didChange) → diagnostics',
    (s) => s.editDiagnostics,
    isTargetSize ? '≤0.2× floor server re-split and < 20 ms' : '',
    (value, floorValue) => isNumber(floorValue) && value <= 0.2 * floorValue && value < 20,
  );
  row('stdio.edit-symbols', 'stdio Enter (1-char didChange) → documentSymbol answered', (s) => s.editSymbols);
  row(
    'stdio.burst-symbols',
    `stdio ${BURST_KEYSTROKES} keystrokes → documentSymbol answered`,
    (s) => s.burstSymbols,
    isTargetSize ? '≤0.15× floor server' : '',
    (value, floorValue) => isNumber(floorValue) && value <= 0.15 * floorValue,
  );
  row(
    'stdio.burst-hover',
    `stdio ${BURST_KEYSTROKES} keystrokes → hover answered, from the last keystroke`,
    (s) => s.burstHover,
    sizeMiB >= 100 ? '≤ 100 ms' : '',
    (value) => value <= 100,
  );
  const paced = ours.pacedDiagnostics;
  const p95 = paced.length > 0 ? [...paced].sort((a, b) => a - b)[Math.ceil(paced.length * 0.95) - 1]! : null;
  for (const [kind, value, limit] of [
    ['median', summary(ours, (s) => s.pacedDiagnostics), 5],
    ['p95', p95, 20],
  ] as const) {
    rows.push({
      id: `stdio.paced-diagnostics-${kind}.${label}`,
      figure: `stdio typing an Enter every ${PACE_MS} ms → diagnostics (${kind}), ${label}`,
      unit: 'ms',
      ours: value,
      floor: null,
      peer: null,
      target: sizeMiB >= 100 ? `≤ ${limit} ms` : '',
      met: sizeMiB >= 100 && isNumber(value) ? value <= limit : null,
      note:
        kind === 'median' ? `${PACED_KEYSTROKES} keystrokes per session, each answered before the pause` : undefined,
    });
  }

  const hoverTarget = sizeMiB >= 100 ? '< 10 ms' : '';
  for (const [kind, pick] of [
    ['first', (s: Samples) => s.hoverFirst],
    ['warm', (s: Samples) => s.hoverWarm],
  ] as const) {
    const value = summary(ours, pick);
    rows.push({
      id: `stdio.hover-${kind}.${label}`,
      figure: `stdio hover on a speaker tag (${kind}), ${label}`,
      unit: 'ms',
      ours: value,
      floor: null,
      peer: null,
      target: hoverTarget,
      met: hoverTarget && isNumber(value) ? value < 10 : null,
      note:
        kind === 'first'
          ? "first hover after the document is analysed; warm: median over other turns' tags"
          : undefined,
    });
  }

  // The targets are set at 50 MB, the largest file VS Code gives an extension; 100 MiB holds them a fortiori.
  const navigationTarget = sizeMiB >= 50;
  const slowest = (values: number[]): Value =>
    values.length > 0 ? Math.max(...values) : ours.failed ? { failed: ours.failed } : null;
  for (const [id, figure, value, limit, note] of [
    [
      'stdio.turn-step',
      'stdio Next/Previous Turn press answered (transcript/turnStep, slowest)',
      slowest(ours.turnSteps),
      50,
      'next, previous and next by this speaker from each hovered tag',
    ],
    [
      'stdio.go-to-turn',
      'stdio Go to Turn list answered (transcript/searchTurns, slowest)',
      slowest(ours.turnSearches),
      300,
      `opened, a word, a word no turn holds ("${ABSENT_WORD}"), one speaker's turns`,
    ],
  ] as const) {
    rows.push({
      id: `${id}.${label}`,
      figure: `${figure}, ${label}`,
      unit: 'ms',
      ours: value,
      floor: null,
      peer: null,
      target: navigationTarget ? `< ${limit} ms` : '',
      met: navigationTarget && isNumber(value) ? value < limit : null,
      note,
    });
  }

  const memoryTarget = sizeMiB >= 10 ? `< 4× document (${(4 * sizeMiB).toFixed(0)} MiB)` : '';
  const rss = summary(ours, (s) => s.residentBytes, 2 ** 20);
  const floorRss = summary(floor, (s) => s.residentBytes, 2 ** 20);
  rows.push({
    id: `memory.rss.${label}`,
    figure: `server RSS after open, ${label}`,
    unit: 'MiB',
    ours: rss,
    floor: floorRss,
    peer: summary(peer, (s) => s.residentBytes, 2 ** 20),
    target: isTargetSize ? '≤1.5× floor server' : memoryTarget,
    met: isTargetSize
      ? isNumber(rss) && isNumber(floorRss)
        ? rss <= 1.5 * floorRss
        : null
      : memoryTarget && isNumber(rss)
        ? rss < 4 * sizeMiB
        : null,
    note: 'VmRSS of the server process from /proc after didOpen, symbols and diagnostics',
  });
  const growth = summary(ours, (s) => s.pacedResidentGrowth);
  rows.push({
    id: `memory.rss-paced-typing.${label}`,
    figure: `server RSS after typing an Enter every ${PACE_MS} ms, over RSS before, ${label}`,
    unit: '×',
    ours: growth,
    floor: null,
    peer: null,
    target: sizeMiB >= 100 ? '≤ 1.1×' : '',
    met: sizeMiB >= 100 && isNumber(growth) ? growth <= 1.1 : null,
  });
  const heap = summary(ours, (s) => s.heapUsedBytes, 2 ** 20);
  rows.push({
    id: `memory.heap.${label}`,
    figure: `server heap kept after open, ${label}`,
    unit: 'MiB',
    ours: heap ?? { failed: 'server has no transcript/memoryUsage request' },
    floor: null,
    peer: null,
    target: '',
    met: null,
  });
  const rssAfterEdits = summary(ours, (s) => s.residentAfterEditsBytes, 2 ** 20);
  rows.push({
    id: `memory.rss-after-edits.${label}`,
    figure: `server RSS after typing in 20 turns, ${label}`,
    unit: 'MiB',
    ours: rssAfterEdits,
    floor: summary(floor, (s) => s.residentAfterEditsBytes, 2 ** 20),
    peer: null,
    target: memoryTarget,
    met: memoryTarget && isNumber(rssAfterEdits) ? rssAfterEdits < 4 * sizeMiB : null,
    note: 'one character typed in each of 20 turns, documentSymbol after each (the peer is left out: its client keeps the text)',
  });
  const heapAfterEdits = summary(ours, (s) => s.heapUsedAfterEditsBytes, 2 ** 20);
  const heapTarget = sizeMiB >= 10 && isNumber(heap) ? `heap after open ±5% (${heap.toFixed(1)} MiB)` : '';
  rows.push({
    id: `memory.heap-after-edits.${label}`,
    figure: `server heap kept after typing in 20 turns, ${label}`,
    note: 'heap used after a full garbage collection: flat across the edits when no version of the document is kept',
    unit: 'MiB',
    ours: heapAfterEdits ?? { failed: 'server has no transcript/memoryUsage request' },
    floor: null,
    peer: null,
    target: heapTarget,
    met: heapTarget && isNumber(heap) && isNumber(heapAfterEdits) ? Math.abs(heapAfterEdits / heap - 1) <= 0.05 : null,
  });
  return rows;
}
