/** One document size the figures run on, with how hard to measure it there. */
export interface Workload {
  /** `10 MiB` */
  readonly label: string;
  readonly text: string;
  /** The same content as markdown, for the markdown peers. */
  readonly markdown: string;
  /** UTF-8 size of `text`. */
  readonly bytes: number;
  /** Timed runs of our code and the floors; medians are taken over them. */
  readonly runs: number;
  /** Server sessions that end with the 100-keystroke burst (at most `runs`). */
  readonly burstRuns: number;
  /** Timed runs of the markdown peers, which take seconds each. */
  readonly peerRuns: number;
  /** Untimed runs first, so the JIT has compiled what the timed ones run. */
  readonly warmups: number;
  /** Peers only run up to 10 MiB: the markdown server may take minutes or crash beyond. */
  readonly withPeers: boolean;
  /** The targets are stated for the 10 MiB document. */
  readonly isTargetSize: boolean;
}
