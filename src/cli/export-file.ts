/**
 * `export`'s work on one file, done in a worker thread when there are many: the transcript as a JSON
 * line, or why it is refused. Plain data in and out, so it crosses a `postMessage`.
 */
import { conversation, type FileBlockMode } from '../core/conversation';
import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { diagnosticsOf, type CliDiagnostic } from './analysis';
import { datasetLine, rolesOf, type DatasetFormat, type Role } from './dataset';
import { STDIN_NAME } from './io';

export interface ExportSettings {
  readonly format: DatasetFormat;
  readonly files: FileBlockMode;
  /** `--role`; absent for the default roles (see `rolesOf`). */
  readonly roles: ReadonlyMap<string, Role> | undefined;
  /** `--system`: a system message put first. */
  readonly system: string | undefined;
  /** Write transcripts with error-severity problems too. */
  readonly allowErrors: boolean;
  /** Refuse roles that do not alternate, empty messages, and an assistant first. */
  readonly strict: boolean;
  /** `--speaker`: only these speakers' turns become messages; every speaker's when absent. */
  readonly speakers?: ReadonlySet<string> | undefined;
}

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
  if (path === STDIN_NAME) return undefined;
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function exportText(path: string, text: string, settings: ExportSettings): ExportResult {
  return exportModel(path, parseTranscript(text), settings);
}

export function exportModel(path: string, model: Transcript, settings: ExportSettings): ExportResult {
  if (!settings.allowErrors) {
    const errors = diagnosticsOf(model).filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) return { ok: false, errors, reasons: [] };
  }
  const all = conversation(model, settings.files);
  const wanted = settings.speakers;
  const turns = wanted ? all.filter((turn) => wanted.has(turn.speaker)) : all;
  const speakers = [...new Set(turns.map((turn) => turn.speaker))];
  const { roles, unmapped } = rolesOf(speakers, settings.roles);
  if (unmapped.length > 0) {
    const reasons = settings.roles
      ? unmapped.map(
          (speaker) =>
            `the speaker \`${speaker}\` has no role: give it one with --role '${speaker}=user' (or assistant, or system)`,
        )
      : [
          `its ${speakers.length} speakers (${speakers.map((speaker) => `\`${speaker}\``).join(', ')}) need roles: ` +
            'without --role only two speakers get them (the first user, the second assistant); ' +
            "give each one with --role 'NAME=user' (or assistant, or system)",
        ];
    return { ok: false, errors: [], reasons };
  }
  if (settings.strict) {
    const reasons = strictReasons(
      turns.map((turn) => ({ role: roles.get(turn.speaker)!, line: turn.line, empty: turn.content === '' })),
    );
    if (reasons.length > 0) return { ok: false, errors: [], reasons };
  }
  return {
    ok: true,
    line: datasetLine(settings.format, { id: idOf(path), system: settings.system, turns, roles }),
    messages: turns.length + (settings.system === undefined ? 0 : 1),
  };
}

/**
 * What `--strict` refuses, turn by turn (lines are 0-based): system messages anywhere but at the start,
 * a first message from the assistant, two messages in a row from one side, empty messages.
 */
function strictReasons(turns: readonly { role: Role; line: number; empty: boolean }[]): string[] {
  const reasons: string[] = [];
  let previous: Role | undefined;
  let first = true;
  for (const turn of turns) {
    const where = `line ${turn.line + 1}`;
    if (turn.empty) reasons.push(`${where}: an empty message`);
    if (turn.role === 'system') {
      if (!first) reasons.push(`${where}: a system message after the conversation has started`);
      continue;
    }
    if (first && turn.role === 'assistant') reasons.push(`${where}: the assistant speaks first`);
    else if (turn.role === previous) reasons.push(`${where}: a second ${turn.role} message in a row`);
    previous = turn.role;
    first = false;
  }
  return reasons;
}
