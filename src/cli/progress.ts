/**
 * A one-line progress bar on standard error. It appears only on a terminal, outside CI, and once a run
 * has taken more than a second, so quick runs, pipes and logs stay clean.
 */
import { formatCount } from '../core/format';

const DELAY_MS = 1000;
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/** The bar on screen, if any, so an interrupt can wipe it before the process exits. */
let shown: Progress | undefined;

export class Progress {
  private done = 0;
  private drawn = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly label: string,
    private readonly total: number,
  ) {}

  /** Whether a bar belongs on `stream`: a terminal, and not a CI log that merely pretends to be one. */
  static wanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
    return stream.isTTY === true && !env.CI;
  }

  start(): void {
    this.timer = setTimeout(() => {
      this.timer = setInterval(() => this.draw(), REDRAW_MS).unref();
      this.draw();
    }, DELAY_MS).unref();
  }

  advance(): void {
    this.done++;
  }

  /** Wipes the bar so a line can be printed on the same terminal; the next tick draws it again. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write('\r\x1b[K');
    this.drawn = false;
    if (shown === this) shown = undefined;
  }

  stop(): void {
    // The timer is the first delay or the redraw interval; Node clears either kind with either call.
    clearInterval(this.timer);
    this.clear();
  }

  private draw(): void {
    const share = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    this.stream.write(`\r${this.label} ${bar} ${formatCount(this.done)}/${formatCount(this.total)} files\x1b[K`);
    this.drawn = true;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the one bar on screen, for clearProgress on Ctrl-C
    shown = this;
  }
}

/** Wipes whatever bar is on screen (on Ctrl-C). */
export function clearProgress(): void {
  shown?.clear();
}
