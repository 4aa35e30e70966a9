import { SERVER_VERSION } from './version';

/** How the server talks to its client, as named on its command line. */
export type Transport =
  | { readonly kind: 'stdio' }
  | { readonly kind: 'node-ipc' }
  | { readonly kind: 'socket'; readonly port: number }
  | { readonly kind: 'pipe'; readonly name: string };

/** What the command line asks for: print something and exit, or serve over a transport. */
export type Command =
  | { readonly kind: 'print'; readonly text: string }
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'serve'; readonly transport: Transport };

export const USAGE = `Usage: transcript-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The Transcript language server (LSP) for plain-text chat transcripts, version ${SERVER_VERSION}.

  --stdio          speak LSP over standard input and output (Neovim, Helix, most clients)
  --node-ipc       over the Node.js IPC channel of the process that started it (VS Code)
  --socket=PORT    over a TCP connection to the client's PORT on this machine
  --pipe=NAME      over the client's named pipe or Unix domain socket NAME
  --version        print the version and exit
  --help           print this help and exit

Other arguments (such as --clientProcessId=N, which clients add) are ignored.
`;

/**
 * Reads the arguments after the program's name. `--help` and `--version` win wherever they are; otherwise
 * the first transport named is used, written `--socket=N` or `--socket N` (the forms clients pass).
 *
 * @example `readCommandLine(['--clientProcessId=7', '--stdio'])` serves over stdio.
 */
export function readCommandLine(args: readonly string[]): Command {
  if (args.includes('--help')) return { kind: 'print', text: USAGE };
  if (args.includes('--version')) return { kind: 'print', text: `${SERVER_VERSION}\n` };
  for (let i = 0; i < args.length; i++) {
    const [option, inline] = splitOption(args[i]!);
    if (option === '--stdio') return serve({ kind: 'stdio' });
    if (option === '--node-ipc') return serve({ kind: 'node-ipc' });
    if (option !== '--socket' && option !== '--pipe') continue;
    const value = inline ?? args[i + 1];
    if (option === '--pipe')
      return value
        ? serve({ kind: 'pipe', name: value })
        : { kind: 'refuse', reason: '--pipe needs the name of a pipe: --pipe=NAME' };
    const port = value !== undefined && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
    return port > 0 && port < 65536
      ? serve({ kind: 'socket', port })
      : { kind: 'refuse', reason: '--socket needs a port number from 1 to 65535: --socket=PORT' };
  }
  return {
    kind: 'refuse',
    reason: 'no transport given: name one of --stdio, --node-ipc, --socket=PORT or --pipe=NAME',
  };
}

function serve(transport: Transport): Command {
  return { kind: 'serve', transport };
}

function splitOption(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}
