/**
 * `export`'s work on one file, done in a worker thread when there are many: the transcript as a JSON
 * line, or why it is refused. Plain data in and out, so it crosses a `postMessage`.
 */
import { exportConversation, transcriptId, type DatasetExportSettings } from '../core/dataset-export';
import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { diagnosticsOf, type CliDiagnostic } from './analysis';
import { STDIN_NAME } from './io';

/** `--format`, `--files`, `--role`, `--system`, `--allow-errors`, `--strict` and `--speaker`. */
export type ExportSettings = DatasetExportSettings;

/** A transcript as a line, or refused: with its errors, or with the reasons (one phrase each). */
export type ExportResult =
  | { readonly ok: true; readonly line: string; readonly messages: number }
  | { readonly ok: false; readonly errors: readonly CliDiagnostic[]; readonly reasons: readonly string[] };

/**
 * The id of a transcript: its file name without the extension; none for standard input unless
 * `--stdin-filename` names it.
 *
 * @example `idOf('data/chat-1.transcript')` is `chat-1`.
 */
export function idOf(path: string): string | undefined {
  return path === STDIN_NAME ? undefined : transcriptId(path);
}

export function exportText(path: string, text: string, settings: ExportSettings): ExportResult {
  return exportModel(path, parseTranscript(text), settings);
}

export function exportModel(path: string, model: Transcript, settings: ExportSettings): ExportResult {
  const exported = exportConversation(model, idOf(path), settings);
  if (exported.ok) return exported;
  switch (exported.kind) {
    case 'errors':
      return {
        ok: false,
        errors: diagnosticsOf(model).filter((diagnostic) => diagnostic.severity === 'error'),
        reasons: [],
      };
    case 'strict':
      return { ok: false, errors: [], reasons: exported.reasons };
    case 'roles':
      return { ok: false, errors: [], reasons: roleReasons(exported.speakers, exported.unmapped, exported.given) };
  }
}

function roleReasons(speakers: readonly string[], unmapped: readonly string[], given: boolean): string[] {
  if (given)
    return unmapped.map(
      (speaker) =>
        `the speaker \`${speaker}\` has no role: give it one with --role '${speaker}=user' (or assistant, or system)`,
    );
  return [
    `its ${speakers.length} speakers (${speakers.map((speaker) => `\`${speaker}\``).join(', ')}) need roles: ` +
      'without --role only two speakers get them (the first user, the second assistant); ' +
      "give each one with --role 'NAME=user' (or assistant, or system)",
  ];
}
