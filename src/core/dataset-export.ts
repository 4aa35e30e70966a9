/**
 * One transcript as a dataset line, or why it is not written: what `transcript export` does per file
 * and what the editor's Export command asks the server for, so the two never disagree.
 */
import { conversation, type FileBlockMode } from './conversation';
import { datasetLine, rolesOf, type DatasetFormat, type Role } from './dataset';
import { problems } from './diagnostics';
import type { Problem, Transcript } from './model';

export interface DatasetExportSettings {
  readonly format: DatasetFormat;
  readonly files: FileBlockMode;
  /** The role of each speaker; absent for the default roles (see `rolesOf`). */
  readonly roles: ReadonlyMap<string, Role> | undefined;
  /** A system message put first. */
  readonly system: string | undefined;
  /** Write transcripts with error-severity problems too. */
  readonly allowErrors: boolean;
  /** Refuse roles that do not alternate, empty messages, and an assistant first. */
  readonly strict: boolean;
  /** Only these speakers' turns become messages; every speaker's when absent. */
  readonly speakers?: ReadonlySet<string> | undefined;
}

/**
 * The line, or the refusal: for the transcript's error-severity problems, for speakers without a role
 * (`speakers` are all of them in order of first turn, `unmapped` those without one, `given` whether the
 * roles were given), or for what strict mode refuses (one phrase each).
 */
export type DatasetExport =
  | { readonly ok: true; readonly line: string; readonly messages: number }
  | { readonly ok: false; readonly kind: 'errors'; readonly errors: readonly Problem[] }
  | {
      readonly ok: false;
      readonly kind: 'roles';
      readonly speakers: readonly string[];
      readonly unmapped: readonly string[];
      readonly given: boolean;
    }
  | { readonly ok: false; readonly kind: 'strict'; readonly reasons: readonly string[] };

/** `model` as a line of `settings.format`, carrying `id` when there is one. */
export function exportConversation(
  model: Transcript,
  id: string | undefined,
  settings: DatasetExportSettings,
): DatasetExport {
  if (!settings.allowErrors) {
    const errors = problems(model).filter((problem) => problem.severity === 'error');
    if (errors.length > 0) return { ok: false, kind: 'errors', errors };
  }
  const all = conversation(model, settings.files);
  const wanted = settings.speakers;
  const turns = wanted ? all.filter((turn) => wanted.has(turn.speaker)) : all;
  const speakers = [...new Set(turns.map((turn) => turn.speaker))];
  const { roles, unmapped } = rolesOf(speakers, settings.roles);
  if (unmapped.length > 0) return { ok: false, kind: 'roles', speakers, unmapped, given: settings.roles !== undefined };
  if (settings.strict) {
    const reasons = strictReasons(
      turns.map((turn) => ({ role: roles.get(turn.speaker)!, line: turn.line, empty: turn.content === '' })),
    );
    if (reasons.length > 0) return { ok: false, kind: 'strict', reasons };
  }
  return {
    ok: true,
    line: datasetLine(settings.format, { id, system: settings.system, turns, roles }),
    messages: turns.length + (settings.system === undefined ? 0 : 1),
  };
}

/**
 * The id of a transcript from its file name: the name without the extension.
 *
 * @example `transcriptId('data/chat-1.transcript')` is `chat-1`.
 */
export function transcriptId(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * What strict mode refuses, turn by turn (lines are 0-based): system messages anywhere but at the start,
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

/** A speaker's role, as the editor sends it: a map does not cross JSON. */
export interface SpeakerRole {
  readonly speaker: string;
  readonly role: Role;
}

/** What the editor is told: the errors counted, not listed, since its Problems view lists them. */
export type DatasetExportAnswer =
  | Exclude<DatasetExport, { readonly kind: 'errors' }>
  | { readonly ok: false; readonly kind: 'errors'; readonly errors: number };
