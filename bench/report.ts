/**
 * The benchmark's output: one row per figure with ours, the floor and the peer measured in the same
 * run, the ratios, the target and whether it is met; printed as a table and written as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus } from 'node:os';

/** Why a measurement has no number (a peer that crashed or timed out). */
export interface Failure {
  readonly failed: string;
}

/** A measurement; `null` where the column does not apply to the figure. */
export type Value = number | Failure | null;

export interface Row {
  readonly id: string;
  readonly figure: string;
  readonly unit: string;
  readonly ours: Value;
  readonly floor: Value;
  readonly peer: Value;
  /** The target in words; empty when the figure is informational. */
  readonly target: string;
  /** `null` when there is no target or a value it needs is missing. */
  readonly met: boolean | null;
  readonly note?: string | undefined;
}

export function failure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  return { failed: message.split('\n')[0]!.slice(0, 160) };
}

export function isNumber(value: Value): value is number {
  return typeof value === 'number';
}

/** `ours ÷ reference`, in the row's unit: for times below 1 is better, for throughputs above 1. */
function ratio(ours: Value, reference: Value): number | null {
  return isNumber(ours) && isNumber(reference) && reference !== 0 ? ours / reference : null;
}

function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 100_000) return value.toExponential(2);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 0.01) return value.toFixed(2);
  return value.toExponential(1);
}

function formatValue(value: Value): string {
  if (value === null) return '—';
  if (isNumber(value)) return formatNumber(value);
  return `failed: ${value.failed}`;
}

function formatRatio(value: number | null): string {
  return value === null ? '—' : `${formatNumber(value)}×`;
}

function formatMet(met: boolean | null): string {
  return met === null ? '—' : met ? 'yes' : 'NO';
}

const COLUMNS = ['figure', 'unit', 'ours', 'floor', 'peer', 'ours÷floor', 'ours÷peer', 'target', 'met?'] as const;

export function printTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [
    row.figure,
    row.unit,
    formatValue(row.ours),
    formatValue(row.floor),
    formatValue(row.peer),
    formatRatio(ratio(row.ours, row.floor)),
    formatRatio(ratio(row.ours, row.peer)),
    row.target,
    formatMet(row.met),
  ]);
  // Failure reasons can be long; they are printed in full below the table instead of widening it.
  const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 37)}...` : text);
  const table = [COLUMNS.slice(), ...cells.map((row) => row.map(clip))];
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join(' | ')
      .trimEnd();
  const out = [
    line(table[0]!),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...table.slice(1).map(line),
    '',
    "Values are medians. Ratios are ours ÷ floor or peer in the row's unit: for ms and MiB below 1 is better, for MB/s and lines/s above 1.",
  ];
  const failures = rows.flatMap((row) =>
    (['ours', 'floor', 'peer'] as const)
      .filter((column) => !isNumber(row[column]) && row[column] !== null)
      .map((column) => `  ${row.figure} — ${column}: ${formatValue(row[column])}`),
  );
  if (failures.length > 0) out.push('', 'Failures:', ...failures);
  const notes = rows.filter((row) => row.note).map((row) => `  ${row.figure}: ${row.note}`);
  if (notes.length > 0) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}

export function writeJson(path: string, rows: readonly Row[], context: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const figures = rows.map((row) => ({
    ...row,
    ratioToFloor: ratio(row.ours, row.floor),
    ratioToPeer: ratio(row.ours, row.peer),
  }));
  const document = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    ...context,
    figures,
  };
  writeFileSync(path, JSON.stringify(document, null, 2) + '\n');
}
