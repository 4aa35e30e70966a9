/**
 * `check --format sarif`: a SARIF 2.1.0 log, the format code-scanning services (GitHub's among them)
 * accept. One run; every diagnostic code is a rule; files skipped or unreadable are tool notifications.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProblemCode, Severity } from '../core/model';
import type { Place } from './analysis';
import type { CheckReport, Unchecked } from './check';
import { CLI_VERSION } from './io';
import { RULES, RULES_HELP_URI } from './rules';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/transcript-tools/transcript';
/** The conventional base id for "the folder the analysis ran in", which uploaders map to the checkout. */
const SOURCE_ROOT = '%SRCROOT%';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};
const RULE_IDS = Object.keys(RULES) as ProblemCode[];

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

/** The SARIF log of a check, as JSON text; paths relative to `cwd` are given relative to `%SRCROOT%`. */
export function sarifReport(report: CheckReport, cwd: string): string {
  const locate = (path: string): ArtifactLocation => artifactLocation(path, cwd);
  const results = report.files.flatMap((file) =>
    file.diagnostics.map((diagnostic) => ({
      ruleId: diagnostic.code,
      ruleIndex: RULE_IDS.indexOf(diagnostic.code),
      level: LEVELS[diagnostic.severity],
      message: { text: diagnostic.message },
      locations: [{ physicalLocation: physicalLocation(locate(file.path), diagnostic) }],
      ...(diagnostic.related && {
        relatedLocations: diagnostic.related.map((place, id) => ({
          id,
          physicalLocation: physicalLocation(locate(file.path), place),
          message: { text: place.message },
        })),
      }),
    })),
  );
  const notification = (level: 'warning' | 'error', verb: string) => (file: Unchecked) => ({
    level,
    message: { text: `${verb} ${file.path}: ${file.reason}` },
    locations: [{ physicalLocation: { artifactLocation: locate(file.path) } }],
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'transcript',
            version: CLI_VERSION,
            informationUri: INFORMATION_URI,
            rules: RULE_IDS.map((id) => ({
              id,
              shortDescription: { text: RULES[id].summary },
              helpUri: RULES_HELP_URI,
              defaultConfiguration: { level: LEVELS[RULES[id].severity] },
            })),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        invocations: [
          {
            executionSuccessful: report.failed.length === 0,
            toolExecutionNotifications: [
              ...report.skipped.map(notification('warning', 'Skipped')),
              ...report.failed.map(notification('error', 'Could not read')),
            ],
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function physicalLocation(artifact: ArtifactLocation, place: Place) {
  return {
    artifactLocation: artifact,
    region: { startLine: place.line, startColumn: place.column, endLine: place.endLine, endColumn: place.endColumn },
  };
}

/**
 * A path inside `cwd` as a relative URI against `%SRCROOT%` (what code scanning needs to find the file
 * in the repository); anything else as an absolute `file:` URI.
 */
export function artifactLocation(path: string, cwd: string): ArtifactLocation {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  if (inside === '' || isAbsolute(inside) || inside === '..' || inside.startsWith(`..${sep}`)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: inside.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}
