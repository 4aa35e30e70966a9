import { type TokenSetting, tokenEncoding } from '../core/tokens';

/**
 * The server's settings, section `transcript` of the client's configuration (VS Code: settings.json):
 * `transcript.workspaceDiagnostics.enabled` (default true) shows the problems of transcripts that are
 * not open; `transcript.workspaceDiagnostics.maxFiles` (default 5000) caps how many transcripts the
 * workspace index reads, for those problems and for workspace symbols; `transcript.tokens.encoding`
 * (default `o200k_base`) is the tokenizer of the token counts in hover and statistics, `off` for none.
 */
export interface Settings {
  readonly workspaceDiagnostics: {
    readonly enabled: boolean;
    readonly maxFiles: number;
  };
  readonly tokens: { readonly encoding: TokenSetting };
}

export const DEFAULT_SETTINGS: Settings = {
  workspaceDiagnostics: { enabled: true, maxFiles: 5000 },
  tokens: { encoding: 'o200k_base' },
};

/**
 * Settings from what the client sent for section `transcript`; missing or ill-typed values keep their default.
 *
 * @example `{ workspaceDiagnostics: { enabled: false } }` gives `enabled: false, maxFiles: 5000`.
 */
export function readSettings(section: unknown): Settings {
  const given = isObject(section) && isObject(section.workspaceDiagnostics) ? section.workspaceDiagnostics : {};
  const defaults = DEFAULT_SETTINGS.workspaceDiagnostics;
  const tokens = isObject(section) && isObject(section.tokens) ? section.tokens.encoding : undefined;
  return {
    workspaceDiagnostics: {
      enabled: typeof given.enabled === 'boolean' ? given.enabled : defaults.enabled,
      maxFiles:
        typeof given.maxFiles === 'number' && given.maxFiles >= 0 ? Math.floor(given.maxFiles) : defaults.maxFiles,
    },
    tokens: { encoding: tokens === 'off' ? 'off' : (tokenEncoding(tokens) ?? DEFAULT_SETTINGS.tokens.encoding) },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
