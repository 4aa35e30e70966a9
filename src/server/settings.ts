/**
 * The server's settings, section `transcript` of the client's configuration (VS Code: settings.json):
 * `transcript.workspaceDiagnostics.enabled` (default true) shows the problems of transcripts that are
 * not open; `transcript.workspaceDiagnostics.maxFiles` (default 5000) caps how many transcripts the
 * workspace index reads, for those problems and for workspace symbols.
 */
export interface Settings {
  readonly workspaceDiagnostics: {
    readonly enabled: boolean;
    readonly maxFiles: number;
  };
}

export const DEFAULT_SETTINGS: Settings = { workspaceDiagnostics: { enabled: true, maxFiles: 5000 } };

/**
 * Settings from what the client sent for section `transcript`; missing or ill-typed values keep their default.
 *
 * @example `{ workspaceDiagnostics: { enabled: false } }` gives `enabled: false, maxFiles: 5000`.
 */
export function readSettings(section: unknown): Settings {
  const given = isObject(section) && isObject(section.workspaceDiagnostics) ? section.workspaceDiagnostics : {};
  const defaults = DEFAULT_SETTINGS.workspaceDiagnostics;
  return {
    workspaceDiagnostics: {
      enabled: typeof given.enabled === 'boolean' ? given.enabled : defaults.enabled,
      maxFiles:
        typeof given.maxFiles === 'number' && given.maxFiles >= 0 ? Math.floor(given.maxFiles) : defaults.maxFiles,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
