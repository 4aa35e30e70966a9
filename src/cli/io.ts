import { printable } from './printable';

/** The streams a command talks to, passed in so tests can run commands in process. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  /** A `WriteStream` because whether it is a terminal decides if a progress bar is drawn. */
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadableStream;
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

/** The path argument that means standard input. */
export const STDIN = '-';

/** What standard input is called in output unless `--stdin-filename` names it. */
export const STDIN_NAME = '<stdin>';

/** Exit codes every command shares. */
export const EXIT = {
  ok: 0,
  /** `check`: errors, or more warnings than `--max-warnings`; `extract`: a block was refused. */
  problems: 1,
  /** A usage error, or a path that could not be read. */
  trouble: 2,
  /** Ctrl-C, as shells report SIGINT (128 + 2). */
  interrupted: 130,
} as const;

/**
 * A message on standard error, prefixed with the program's name as command-line tools do. The message
 * may quote paths and arguments, so it is made printable; `help` is the program's own text, written as it is.
 */
export function complain(io: Io, message: string, help = ''): void {
  io.stderr.write(`transcript: ${printable(message)}\n${help}`);
}

/**
 * Text for a stream, gathered and written once per turn of the event loop: thousands of one-line
 * writes cost more than the lines. Only for a stream that is not a terminal, where nothing (such as a
 * progress bar) can be drawn in between.
 */
export class GatheredWriter {
  private pending = '';

  constructor(private readonly stream: NodeJS.WritableStream) {}

  write(text: string): void {
    if (this.pending === '') setImmediate(() => this.flush());
    this.pending += text;
  }

  flush(): void {
    if (this.pending === '') return;
    this.stream.write(this.pending);
    this.pending = '';
  }
}

declare const VERSION: string;
/** The package version, put in by the bundler; source run by tsx has none. */
export const CLI_VERSION = typeof VERSION === 'string' ? VERSION : '0.0.0-dev';
