import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { LogMessageParams, Position, Range } from 'vscode-languageserver-protocol';
import { FIX_ALL_KIND } from '../../src/core/quick-fixes';
import { PLACES, type Place, editableTranscript, notifications } from '../core/arbitraries';
import { applyContentChanges, placeAt, placeChange } from '../core/edits';
import { LspClient } from '../support/lsp-client';

/**
 * Sequences per run: a hundred in `npm test`; FUZZ_RUNS asks for more, up to 10,000 (each sequence
 * is some 70 requests to two servers, so `npm run fuzz`'s million would take a day).
 */
const SEQUENCES = process.env.FUZZ_RUNS === undefined ? 100 : Math.min(10_000, Number(process.env.FUZZ_RUNS));
/** FUZZ_SEED replays the seed a failure prints. */
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const EDITED = 'file:///differential/edited.transcript';
const FRESH = 'file:///differential/fresh.transcript';

/** A place to ask position features about, found in the final text as a change's place is; maybe past its line's end. */
const probe = fc.record({
  place: fc.constantFrom(...PLACES),
  pick: fc.nat(),
  overshoot: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
});

function probePosition(
  text: string,
  { place, pick, overshoot }: { place: Place; pick: number; overshoot: number },
): Position {
  const position = TextDocument.create(FRESH, 'transcript', 0, text).positionAt(placeAt(text, place, pick));
  return { line: position.line, character: position.character + overshoot };
}

/** A server and the version its edited document is at; it sends error logs to `errors`. */
class Server {
  version = 0;
  readonly errors: string[] = [];

  private constructor(
    readonly client: LspClient,
    readonly pulls: boolean,
  ) {
    // The server logs a failed answer and replies with an empty one: a failure both documents share
    // would compare equal, so every logged error fails the test.
    client.connection.onNotification('window/logMessage', ({ type, message }: LogMessageParams) => {
      if (type === 1) this.errors.push(message);
    });
  }

  static async start(pulls: boolean): Promise<Server> {
    return new Server(
      await LspClient.start({
        capabilities: pulls ? { textDocument: { diagnostic: { dynamicRegistration: false } } } : {},
      }),
      pulls,
    );
  }

  change(changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: EDITED, version: ++this.version },
      contentChanges: changes,
    });
  }

  /**
   * What every feature answers for `uri`, with `uri` itself written as EDITED so the two documents'
   * answers compare. Pushed diagnostics are read after the answers: the server publishes a change's
   * diagnostics before it answers a request sent after the change, and skips a push equal to the last.
   */
  async answers(uri: string, positions: Position[], range: Range): Promise<unknown> {
    const request = (method: string, params: object): Promise<unknown> =>
      this.client.connection.sendRequest(method, params);
    const textDocument = { uri };
    const answers = await Promise.all([
      request('textDocument/documentSymbol', { textDocument }),
      request('textDocument/foldingRange', { textDocument }),
      request('textDocument/selectionRange', { textDocument, positions }),
      request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }),
      request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [], only: [FIX_ALL_KIND] } }),
      request('transcript/statistics', { uri }),
      request('transcript/wordsInRange', { uri, range }),
      request('transcript/searchTurns', { uri, query: '' }),
      request('transcript/searchTurns', { uri, query: 'x' }),
      ...(this.pulls ? [request('textDocument/diagnostic', { textDocument })] : []),
      ...positions.flatMap((position) => [
        request('textDocument/hover', { textDocument, position }),
        request('textDocument/documentHighlight', { textDocument, position }),
        request('textDocument/completion', { textDocument, position }),
      ]),
    ]);
    const pushed = this.pulls ? [] : [this.client.diagnostics.get(uri)?.diagnostics];
    return JSON.parse(JSON.stringify([...answers, ...pushed]).replaceAll(uri, EDITED));
  }

  /** Opens FRESH on `text`, reads its answers, and closes it again. */
  async freshAnswers(text: string, positions: Position[], range: Range): Promise<unknown> {
    await this.client.open(FRESH, text);
    try {
      return await this.answers(FRESH, positions, range);
    } finally {
      await this.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: FRESH } });
    }
  }
}

describe(`language server differential: incremental changes against a fresh open (${SEQUENCES.toLocaleString('en-US')} sequences)`, () => {
  let servers: Server[];
  before(async () => {
    servers = await Promise.all([Server.start(false), Server.start(true)]);
    for (const server of servers) await server.client.open(EDITED, '', { version: server.version });
  });
  after(async () => {
    for (const { client } of servers) assert.equal(await client.stop(), 0, client.stderr);
  });

  it('offers pulled diagnostics to the client that pulls them and pushes to the other, so both are compared', () => {
    assert.deepEqual(
      servers.map((server) => server.client.initializeResult!.capabilities.diagnosticProvider !== undefined),
      [false, true],
    );
  });

  it(
    'answers every feature for a document edited by random didChange notifications as for the final text opened fresh',
    { timeout: 3_600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          editableTranscript,
          notifications,
          fc.array(probe, { minLength: 2, maxLength: 3 }),
          async (start, sent, probes) => {
            // The document stays open across sequences: each starts by replacing its whole text.
            let text = start;
            const sequence: TextDocumentContentChangeEvent[][] = [[{ text: start }]];
            for (const specs of sent) {
              const changes = specs.map((spec) => {
                const change = placeChange(text, spec);
                text = applyContentChanges(text, [change]);
                return change;
              });
              sequence.push(changes);
            }
            const positions = probes.map((place) => probePosition(text, place));
            const [from, to] = [...positions].sort((a, b) => a.line - b.line || a.character - b.character);
            const range = { start: from!, end: to! };
            await Promise.all(
              servers.map(async (server) => {
                for (const changes of sequence) await server.change(changes);
                const edited = await server.answers(EDITED, positions, range);
                const fresh = await server.freshAnswers(text, positions, range);
                assert.deepEqual(server.errors, []);
                assert.deepEqual(
                  edited,
                  fresh,
                  `${server.pulls ? 'pulling' : 'pushing'} server, final text ${JSON.stringify(text)}`,
                );
              }),
            );
          },
        ),
        { numRuns: SEQUENCES, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    },
  );
});
