import { Console } from 'node:console';
import {
  IPCMessageReader,
  IPCMessageWriter,
  type MessageReader,
  type MessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
} from 'vscode-languageserver/node';
import { type Transport, USAGE, readCommandLine } from './command-line';
import { ProtocolGate } from './gate';
import { nodeHost } from './node-host';
import { startServer } from './server';

/** Exit code for a command line that names no transport, as command-line tools exit on a usage error. */
const EXIT_USAGE = 2;
/** A framing error quotes the headers it could not read; this much of them is enough to see what went wrong. */
const MAX_LOGGED = 200;

const command = readCommandLine(process.argv.slice(2));
if (command.kind === 'print') {
  process.stdout.write(command.text);
} else if (command.kind === 'refuse') {
  process.stderr.write(`transcript-language-server: ${command.reason}\n${USAGE}`);
  process.exitCode = EXIT_USAGE;
} else {
  serve(command.transport);
}

function serve(transport: Transport): void {
  const [reader, writer] = open(transport);
  const gate = new ProtocolGate(writer);
  // A stream that cannot be read (a wrong Content-Length, headers that are not headers) has lost its
  // framing for good: exit, so that the client notices and restarts the server instead of waiting on it.
  reader.onError((error) => {
    process.stderr.write(
      `transcript-language-server: cannot read the client's messages (${oneLine(error.message)}); exiting so that the client can restart the server\n`,
    );
    process.exit(1);
  });
  // The client is gone: exit as a client expects, 0 only after `shutdown`. Standard input read from a
  // file ends without closing.
  const exitWithClient = () => process.exit(gate.shutDown ? 0 : 1);
  reader.onClose(exitWithClient);
  if (transport.kind === 'stdio') process.stdin.on('end', exitWithClient);
  const connection = createConnection(ProposedFeatures.all, reader, writer, { messageStrategy: gate });
  startServer(connection, gate.handlers(connection), nodeHost);
}

/** The message on one line of at most `MAX_LOGGED` characters: it may quote whatever the client sent. */
function oneLine(message: string): string {
  const line = message.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return line.length > MAX_LOGGED ? `${line.slice(0, MAX_LOGGED)}…` : line;
}

function open(transport: Transport): [MessageReader, MessageWriter] {
  switch (transport.kind) {
    case 'stdio':
      // Anything a dependency prints must not land in the protocol's stream: standard error is the client's log.
      globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
      return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout)];
    case 'node-ipc':
      return [new IPCMessageReader(process), new IPCMessageWriter(process)];
    case 'socket':
      return createServerSocketTransport(transport.port);
    case 'pipe':
      return createServerPipeTransport(transport.name);
  }
}
