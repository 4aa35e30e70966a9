import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { problems } from '../../src/core/diagnostics';
import type { Transcript } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';

export const ROOT = join(__dirname, '..', '..');

/** The seed transcripts every test and demo uses, as `[file name, text]`. */
export const SEEDS: Array<[string, string]> = readdirSync(join(ROOT, 'seeds'))
  .filter((name) => name.endsWith('.txt'))
  .map((name) => [name, readFileSync(join(ROOT, 'seeds', name), 'utf8')]);

export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8');
}

/** The codes of the problems of `text`, each with its 0-based line. */
export function codesOf(text: string | Transcript): Array<[string, number]> {
  const model = typeof text === 'string' ? parseTranscript(text) : text;
  return problems(model).map((problem) => [problem.code, model.lines.positionAt(problem.span.start).line]);
}
