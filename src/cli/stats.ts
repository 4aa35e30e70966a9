/** `transcript stats`: turns and words per speaker, per file and over all files. */
import { formatCount } from '../core/format';
import type { TurnTotals } from '../core/model';
import type { FileStats, SpeakerCount } from './analysis';
import { nothingFoundMessage } from './check';
import { discover, type DiscoveryOptions } from './files';
import { percent, renderTable, type Column } from './format-table';
import { complain, EXIT, type Io } from './io';
import { printable } from './printable';
import { analyseInputs } from './run-files';

export interface StatsOptions extends DiscoveryOptions {
  readonly paths: readonly string[];
  readonly json: boolean;
  readonly jobs?: number | undefined;
  readonly stdinName: string;
  /** The largest file read (`--max-size`). */
  readonly maxBytes: number;
}

/** A speaker's counts with their share of the words (0 to 1; 0 when there are no words at all). */
export interface SpeakerShare extends SpeakerCount {
  readonly share: number;
}

export interface StatsTotals extends TurnTotals {
  readonly speakers: readonly SpeakerShare[];
}

export interface FileStatsEntry extends StatsTotals {
  readonly path: string;
}

export interface StatsReport {
  readonly files: readonly FileStatsEntry[];
  /** Over all files; a speaker's counts are summed across the files where the same label appears. */
  readonly total: StatsTotals & { readonly files: number };
}

/** Prints the statistics; returns 0, or 2 when a path could not be read. */
export async function runStats(options: StatsOptions, io: Io): Promise<number> {
  const discovery = discover(options.paths, options);
  for (const failure of discovery.failures) complain(io, `cannot read ${failure.path}: ${failure.reason}`);
  if (discovery.found === 0 && !discovery.stdin && discovery.failures.length === 0) {
    complain(io, nothingFoundMessage(options));
    return EXIT.trouble;
  }
  const files: { path: string; stats: FileStats }[] = [];
  let failed = discovery.failures.length;
  await analyseInputs(
    'stats',
    discovery,
    io,
    { jobs: options.jobs, stdinName: options.stdinName, activity: 'counting', maxBytes: options.maxBytes },
    (outcome) => {
      if (outcome.status === 'done') files.push({ path: outcome.path, stats: outcome.result });
      else if (outcome.status !== 'passed over') {
        complain(io, `${outcome.status === 'skipped' ? 'skipped' : 'cannot read'} ${outcome.path}: ${outcome.reason}`);
        if (outcome.status === 'failed') failed++;
      }
    },
  );
  const report = statsReport(files);
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : statsTables(report));
  return failed ? EXIT.trouble : EXIT.ok;
}

/** Shares per file and the totals over all files. */
export function statsReport(files: readonly { readonly path: string; readonly stats: FileStats }[]): StatsReport {
  const overall = new Map<string, { speaker: string; turns: number; words: number; cjk: number; other: number }>();
  for (const { stats } of files) {
    for (const count of stats.speakers) {
      const sum = overall.get(count.speaker);
      if (!sum) overall.set(count.speaker, { ...count });
      else {
        sum.turns += count.turns;
        sum.words += count.words;
        sum.cjk += count.cjk;
        sum.other += count.other;
      }
    }
  }
  const sum = (pick: (stats: FileStats) => number): number =>
    files.reduce((total, file) => total + pick(file.stats), 0);
  const words = sum((stats) => stats.words);
  return {
    files: files.map(({ path, stats }) => ({ path, ...stats, speakers: withShares(stats.speakers, stats.words) })),
    total: {
      files: files.length,
      turns: sum((stats) => stats.turns),
      words,
      cjk: sum((stats) => stats.cjk),
      other: sum((stats) => stats.other),
      speakers: withShares([...overall.values()], words),
    },
  };
}

function withShares(speakers: readonly SpeakerCount[], words: number): SpeakerShare[] {
  // Four decimals: enough for a percentage with two, without float noise such as 0.30000000000000004.
  return speakers.map((speaker) => ({
    ...speaker,
    share: words ? Math.round((speaker.words / words) * 1e4) / 1e4 : 0,
  }));
}

const COUNT_COLUMNS: readonly Column[] = [
  { title: 'turns', align: 'right' },
  { title: 'words', align: 'right' },
  { title: 'CJK', align: 'right' },
  { title: 'other', align: 'right' },
];

/**
 * The readable form: for one file, its speakers; for several, a row per file and then the speakers
 * over all of them (per-file speakers are in `--json`, where thousands of files stay usable).
 */
export function statsTables(report: StatsReport): string {
  const counts = (row: { turns: number; words: number; cjk: number; other: number }): string[] =>
    [row.turns, row.words, row.cjk, row.other].map(formatCount);
  const speakerTable = (totals: StatsTotals): string =>
    renderTable(
      [{ title: 'speaker', align: 'left' }, ...COUNT_COLUMNS, { title: 'share', align: 'right' }],
      [
        ...totals.speakers.map((speaker) => [speaker.speaker, ...counts(speaker), percent(speaker.share)]),
        ['total', ...counts(totals), totals.words ? percent(1) : ''],
      ],
    );
  if (report.files.length === 1) return `${printable(report.files[0]!.path)}\n${speakerTable(report.files[0]!)}`;
  const fileTable = renderTable(
    [{ title: 'file', align: 'left' }, ...COUNT_COLUMNS, { title: 'speakers', align: 'right' }],
    [
      ...report.files.map((file) => [file.path, ...counts(file), formatCount(file.speakers.length)]),
      [
        `total (${formatCount(report.total.files)} files)`,
        ...counts(report.total),
        formatCount(report.total.speakers.length),
      ],
    ],
  );
  return `${fileTable}\n${speakerTable(report.total)}`;
}
