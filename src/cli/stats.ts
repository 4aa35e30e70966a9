/** `transcript stats`: turns, words and tokens per speaker, per file and over all files. */
import { csvRows } from '../core/csv';
import { formatCount } from '../core/format';
import type { TurnTotals } from '../core/model';
import type { TokenEncoding } from '../core/tokens';
import type { FileStats, SpeakerCount } from './analysis';
import type { DiscoveryOptions } from './files';
import { percent, renderTable, type Column } from './format-table';
import { complain, EXIT, type Io } from './io';
import { printable } from './printable';
import { analyseInputs, discoverInputs } from './run-files';

export const STATS_FORMATS = ['text', 'json', 'csv'] as const;
export type StatsFormat = (typeof STATS_FORMATS)[number];

export interface StatsOptions extends DiscoveryOptions {
  readonly paths: readonly string[];
  readonly format: StatsFormat;
  /** The encoding to count tokens in (`--tokens`); none counted when undefined. */
  readonly tokens?: TokenEncoding | undefined;
  /** Only these speakers' turns count (`--speaker`); every speaker's when undefined. */
  readonly speakers?: readonly string[] | undefined;
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
  /** With `--tokens`: the tokens of every counted turn's content. */
  readonly tokens?: number;
  readonly speakers: readonly SpeakerShare[];
}

export interface FileStatsEntry extends StatsTotals {
  readonly path: string;
}

/** A file that has no statistics, and why: `skipped` (not a transcript) or `failed` (could not be read). */
export interface SkippedFile {
  readonly path: string;
  readonly status: 'skipped' | 'failed';
  readonly reason: string;
}

export interface StatsReport {
  /** With `--tokens`: the encoding the tokens were counted in. */
  readonly encoding?: TokenEncoding;
  readonly files: readonly FileStatsEntry[];
  /** Over all files; a speaker's counts are summed across the files where the same label appears. */
  readonly total: StatsTotals & { readonly files: number };
  readonly skipped: readonly SkippedFile[];
}

/** Prints the statistics; returns 0, or 2 when a path could not be read. */
export async function runStats(options: StatsOptions, io: Io): Promise<number> {
  const discovery = discoverInputs(options, io);
  if (!discovery) return EXIT.trouble;
  const files: { path: string; stats: FileStats }[] = [];
  const skipped: SkippedFile[] = discovery.failures.map((failure) => ({ ...failure, status: 'failed' }));
  await analyseInputs(
    'stats',
    discovery,
    io,
    {
      jobs: options.jobs,
      stdinName: options.stdinName,
      activity: 'counting',
      maxBytes: options.maxBytes,
      settings: { tokens: options.tokens },
    },
    (outcome) => {
      if (outcome.status === 'done') files.push({ path: outcome.path, stats: outcome.result });
      else if (outcome.status !== 'passed over') {
        complain(io, `${outcome.status === 'skipped' ? 'skipped' : 'cannot read'} ${outcome.path}: ${outcome.reason}`);
        skipped.push({ path: outcome.path, status: outcome.status, reason: outcome.reason });
      }
    },
  );
  const report = statsReport(files, { encoding: options.tokens, speakers: options.speakers, skipped });
  const output = { text: statsTables, json: statsJson, csv: statsCsv }[options.format];
  io.stdout.write(output(report));
  return skipped.some((file) => file.status === 'failed') ? EXIT.trouble : EXIT.ok;
}

export interface ReportOptions {
  /** The encoding the files' tokens were counted in. */
  readonly encoding?: TokenEncoding | undefined;
  /** Only these speakers count; each file's totals are theirs. */
  readonly speakers?: readonly string[] | undefined;
  readonly skipped?: readonly SkippedFile[];
}

type Counts = { speaker: string; turns: number; words: number; cjk: number; other: number; tokens?: number };

/** Shares per file and the totals over all files. */
export function statsReport(
  all: readonly { readonly path: string; readonly stats: FileStats }[],
  options: ReportOptions = {},
): StatsReport {
  const wanted = options.speakers && new Set(options.speakers);
  const files = wanted ? all.map(({ path, stats }) => ({ path, stats: onlySpeakers(stats, wanted) })) : all;
  const overall = new Map<string, Counts>();
  for (const { stats } of files) {
    for (const count of stats.speakers) {
      const sum = overall.get(count.speaker);
      if (!sum) overall.set(count.speaker, { ...count });
      else add(sum, count);
    }
  }
  const sum = (pick: (stats: FileStats) => number): number =>
    files.reduce((total, file) => total + pick(file.stats), 0);
  const words = sum((stats) => stats.words);
  const tokens = options.encoding === undefined ? {} : { tokens: sum((stats) => stats.tokens ?? 0) };
  return {
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    files: files.map(({ path, stats }) => ({ path, ...stats, speakers: withShares(stats.speakers, stats.words) })),
    total: {
      files: files.length,
      turns: sum((stats) => stats.turns),
      words,
      cjk: sum((stats) => stats.cjk),
      other: sum((stats) => stats.other),
      ...tokens,
      speakers: withShares([...overall.values()], words),
    },
    skipped: options.skipped ?? [],
  };
}

function add(sum: Counts, count: SpeakerCount): void {
  sum.turns += count.turns;
  sum.words += count.words;
  sum.cjk += count.cjk;
  sum.other += count.other;
  if (count.tokens !== undefined) sum.tokens = (sum.tokens ?? 0) + count.tokens;
}

/** A file's statistics counting only the turns of `speakers`. */
function onlySpeakers(stats: FileStats, speakers: ReadonlySet<string>): FileStats {
  const kept = stats.speakers.filter((count) => speakers.has(count.speaker));
  const total: Counts = { speaker: '', turns: 0, words: 0, cjk: 0, other: 0 };
  if (stats.tokens !== undefined) total.tokens = 0;
  for (const count of kept) add(total, count);
  const { speaker: _, ...counts } = total;
  return { ...counts, speakers: kept };
}

function withShares(speakers: readonly SpeakerCount[], words: number): SpeakerShare[] {
  // Four decimals: enough for a percentage with two, without float noise such as 0.30000000000000004.
  return speakers.map((speaker) => ({
    ...speaker,
    share: words ? Math.round((speaker.words / words) * 1e4) / 1e4 : 0,
  }));
}

export function statsJson(report: StatsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * A row per speaker of each file, then a row per speaker over all files with an empty `file` cell:
 * `file,speaker,turns,words,cjk,other,share`, and `tokens` with `--tokens`. Paths and names are text
 * cells, quoted as RFC 4180 says and kept from running as spreadsheet formulas (see `csvField`).
 */
export function statsCsv(report: StatsReport): string {
  const counted = report.encoding !== undefined;
  const header = ['file', 'speaker', 'turns', 'words', 'cjk', 'other', 'share', ...(counted ? ['tokens'] : [])];
  const row = (file: string, speaker: SpeakerShare): (string | number)[] => [
    file,
    speaker.speaker,
    speaker.turns,
    speaker.words,
    speaker.cjk,
    speaker.other,
    speaker.share,
    ...(counted ? [speaker.tokens ?? 0] : []),
  ];
  return csvRows([
    header,
    ...report.files.flatMap((file) => file.speakers.map((speaker) => row(file.path, speaker))),
    ...report.total.speakers.map((speaker) => row('', speaker)),
  ]);
}

const COUNT_COLUMNS: readonly Column[] = [
  { title: 'turns', align: 'right' },
  { title: 'words', align: 'right' },
  { title: 'CJK', align: 'right' },
  { title: 'other', align: 'right' },
];
const TOKEN_COLUMN: Column = { title: 'tokens', align: 'right' };

/**
 * The readable form: for one file, its speakers; for several, a row per file and then the speakers
 * over all of them (per-file speakers are in `--json`, where thousands of files stay usable). With
 * `--tokens`, a tokens column, and the encoding named under the tables.
 */
export function statsTables(report: StatsReport): string {
  const counted = report.encoding !== undefined;
  const tokenColumns = counted ? [TOKEN_COLUMN] : [];
  const counts = (row: { turns: number; words: number; cjk: number; other: number }): string[] =>
    [row.turns, row.words, row.cjk, row.other].map(formatCount);
  const tokens = (row: { tokens?: number }): string[] => (counted ? [formatCount(row.tokens ?? 0)] : []);
  const speakerTable = (totals: StatsTotals): string =>
    renderTable(
      [{ title: 'speaker', align: 'left' }, ...COUNT_COLUMNS, { title: 'share', align: 'right' }, ...tokenColumns],
      [
        ...totals.speakers.map((speaker) => [
          speaker.speaker,
          ...counts(speaker),
          percent(speaker.share),
          ...tokens(speaker),
        ]),
        ['total', ...counts(totals), totals.words ? percent(1) : '', ...tokens(totals)],
      ],
    );
  const note = counted ? `tokens: ${report.encoding}\n` : '';
  if (report.files.length === 1) return `${printable(report.files[0]!.path)}\n${speakerTable(report.files[0]!)}${note}`;
  const fileTable = renderTable(
    [{ title: 'file', align: 'left' }, ...COUNT_COLUMNS, { title: 'speakers', align: 'right' }, ...tokenColumns],
    [
      ...report.files.map((file) => [file.path, ...counts(file), formatCount(file.speakers.length), ...tokens(file)]),
      [
        `total (${formatCount(report.total.files)} files)`,
        ...counts(report.total),
        formatCount(report.total.speakers.length),
        ...tokens(report.total),
      ],
    ],
  );
  return `${fileTable}\n${speakerTable(report.total)}${note}`;
}
