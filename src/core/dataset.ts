/**
 * The dataset formats `export` writes and `import` reads: OpenAI chat fine-tuning lines
 * (`{"messages":[{"role":"user","content":"…"}]}`) and ShareGPT
 * (`{"conversations":[{"from":"human","value":"…"}]}`). The shapes live here; what a turn's text is
 * lives in `src/core/conversation.ts`.
 */
import type { ConversationTurn } from './conversation';

export const DATASET_FORMATS = ['openai', 'sharegpt'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export const ROLES = ['user', 'assistant', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** What `import` names the speakers of each role unless `--speaker` says otherwise. */
export const DEFAULT_SPEAKERS: Readonly<Record<Role, string>> = {
  user: 'User',
  assistant: 'Assistant',
  system: 'System',
};

const SHAREGPT_FROM: Readonly<Record<Role, string>> = { user: 'human', assistant: 'gpt', system: 'system' };
const SHAREGPT_ROLE: Readonly<Record<string, Role>> = { human: 'user', gpt: 'assistant', system: 'system' };

/**
 * The role of each speaker of a transcript: the `--role` map when one was given; otherwise the inverse
 * of `import`'s default names when every speaker has one of them (`User`, `Assistant`, `System`), and
 * else, for at most two speakers, the first user and the second assistant. A speaker left without a
 * role is returned in `unmapped`.
 *
 * @example `rolesOf(['Ann', 'Bot'], undefined)` maps Ann to user and Bot to assistant.
 */
export function rolesOf(
  speakers: readonly string[],
  given: ReadonlyMap<string, Role> | undefined,
): { roles: Map<string, Role>; unmapped: string[] } {
  const roles = new Map<string, Role>();
  const unmapped: string[] = [];
  if (given) {
    for (const speaker of speakers) {
      const role = given.get(speaker);
      if (role) roles.set(speaker, role);
      else unmapped.push(speaker);
    }
    return { roles, unmapped };
  }
  const byDefaultName = new Map(ROLES.map((role) => [DEFAULT_SPEAKERS[role], role]));
  if (speakers.every((speaker) => byDefaultName.has(speaker))) {
    for (const speaker of speakers) roles.set(speaker, byDefaultName.get(speaker)!);
    return { roles, unmapped };
  }
  if (speakers.length > 2) return { roles, unmapped: [...speakers] };
  speakers.forEach((speaker, index) => roles.set(speaker, index === 0 ? 'user' : 'assistant'));
  return { roles, unmapped };
}

export interface DatasetLine {
  readonly id: string | undefined;
  readonly system: string | undefined;
  readonly turns: readonly ConversationTurn[];
  readonly roles: ReadonlyMap<string, Role>;
}

/**
 * One conversation as a JSON line (without its line end). In OpenAI's format a message carries `name`
 * when another speaker of the transcript has its role, so both can be told apart.
 */
export function datasetLine(format: DatasetFormat, line: DatasetLine): string {
  const { id, turns, roles } = line;
  if (format === 'openai') {
    const speakersOfRole = new Map<Role, Set<string>>();
    for (const [speaker, role] of roles) {
      if (!speakersOfRole.has(role)) speakersOfRole.set(role, new Set());
      speakersOfRole.get(role)!.add(speaker);
    }
    const messages: { role: Role; name?: string; content: string }[] = [];
    if (line.system !== undefined) messages.push({ role: 'system', content: line.system });
    for (const turn of turns) {
      const role = roles.get(turn.speaker)!;
      messages.push(
        speakersOfRole.get(role)!.size > 1
          ? { role, name: turn.speaker, content: turn.content }
          : { role, content: turn.content },
      );
    }
    return JSON.stringify(id === undefined ? { messages } : { id, messages });
  }
  // ShareGPT keeps the system prompt in a field of its own, as the tools that read it expect.
  let system = line.system;
  let rest = turns;
  if (system === undefined && turns.length > 0 && roles.get(turns[0]!.speaker) === 'system') {
    system = turns[0]!.content;
    rest = turns.slice(1);
  }
  const conversations = rest.map((turn) => ({ from: SHAREGPT_FROM[roles.get(turn.speaker)!], value: turn.content }));
  return JSON.stringify({
    ...(id === undefined ? {} : { id }),
    ...(system === undefined ? {} : { system }),
    conversations,
  });
}

/** A message read from a dataset: its role (or ShareGPT `from` that names none), a `name`, its text. */
export interface DatasetMessage {
  /** Where it was in the conversation: `message 3`, `turn 3`, `the system field`. */
  readonly where: string;
  readonly role: string;
  readonly name: string | undefined;
  readonly content: string;
}

/** A conversation read from a dataset, with what of it could not be read (each a phrase). */
export interface DatasetConversation {
  readonly id: string | undefined;
  readonly messages: readonly DatasetMessage[];
  readonly skipped: readonly string[];
}

/**
 * A conversation from one parsed JSON value, in the format forced or the one its shape shows; a string
 * saying what is wrong when it is neither. Tool calls, tool messages and parts other than text are
 * left out, each named in `skipped`.
 */
export function readConversation(
  value: unknown,
  format: DatasetFormat | undefined,
): DatasetConversation | { readonly error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: `expected a JSON object, not ${describe(value)}` };
  const record = value as Record<string, unknown>;
  const shape =
    format ??
    (Array.isArray(record.messages) ? 'openai' : Array.isArray(record.conversations) ? 'sharegpt' : undefined);
  if (!shape) return { error: 'neither `messages` (OpenAI) nor `conversations` (ShareGPT) is an array here' };
  const id = typeof record.id === 'string' ? record.id : typeof record.id === 'number' ? String(record.id) : undefined;
  const skipped: string[] = [];
  const messages: DatasetMessage[] = [];
  if (shape === 'openai') {
    if (!Array.isArray(record.messages)) return { error: '`messages` is not an array' };
    record.messages.forEach((message: unknown, index) => readOpenAiMessage(message, index + 1, messages, skipped));
  } else {
    if (!Array.isArray(record.conversations)) return { error: '`conversations` is not an array' };
    if (typeof record.system === 'string' && record.system !== '')
      messages.push({ where: 'the `system` field', role: 'system', name: undefined, content: record.system });
    record.conversations.forEach((turn: unknown, index) => readShareGptTurn(turn, index + 1, messages, skipped));
  }
  return { id, messages, skipped };
}

function readOpenAiMessage(value: unknown, number: number, messages: DatasetMessage[], skipped: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    skipped.push(`message ${number}: ${describe(value)}, not a message object`);
    return;
  }
  const message = value as Record<string, unknown>;
  if (typeof message.role !== 'string') {
    skipped.push(`message ${number}: it has no \`role\``);
    return;
  }
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  toolCalls.forEach((call: unknown, index) =>
    skipped.push(`message ${number}: tool call ${index + 1}${toolName(call)} (tool calls have no transcript form)`),
  );
  if (message.function_call !== undefined && message.function_call !== null)
    skipped.push(`message ${number}: its function call (function calls have no transcript form)`);
  let content: string | undefined;
  if (typeof message.content === 'string') content = message.content;
  else if (Array.isArray(message.content)) {
    const texts: string[] = [];
    message.content.forEach((part: unknown, index) => {
      const record = (typeof part === 'object' && part !== null ? part : {}) as Record<string, unknown>;
      if (record.type === 'text' && typeof record.text === 'string') texts.push(record.text);
      else
        skipped.push(
          `message ${number}: part ${index + 1}, of type ${typeof record.type === 'string' ? `\`${record.type}\`` : 'unknown'} (only text parts are read)`,
        );
    });
    if (texts.length > 0) content = texts.join('\n');
  } else if (message.content !== undefined && message.content !== null)
    skipped.push(`message ${number}: its content is ${describe(message.content)}, not text`);
  // A message of tool calls alone has nothing left to say.
  if (content === undefined) {
    if (toolCalls.length === 0 && (message.function_call === undefined || message.function_call === null))
      skipped.push(`message ${number}: it has no text`);
    return;
  }
  const name = typeof message.name === 'string' && message.name !== '' ? message.name : undefined;
  messages.push({ where: `message ${number}`, role: message.role, name, content });
}

function readShareGptTurn(value: unknown, number: number, messages: DatasetMessage[], skipped: string[]): void {
  const turn = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof turn.from !== 'string' || typeof turn.value !== 'string') {
    skipped.push(`turn ${number}: it has no string \`from\` and \`value\``);
    return;
  }
  messages.push({
    where: `turn ${number}`,
    role: SHAREGPT_ROLE[turn.from] ?? turn.from,
    name: undefined,
    content: turn.value,
  });
}

function toolName(call: unknown): string {
  const name = (call as { function?: { name?: unknown } } | null)?.function?.name;
  return typeof name === 'string' ? ` (\`${name}\`)` : '';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
