// Whether an editor is installed: a test of a missing editor is skipped on a developer's machine, and fails in CI.
import { spawnSync } from 'node:child_process';

/** `false` when `command --version` runs; else the `skip` reason, or a failure in CI (CI=true). */
export function missing(command, install) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error === undefined && result.status === 0) return false;
  const reason = `${command} is not installed (${install})`;
  if (process.env.CI === 'true') throw new Error(`${reason}: CI must run this test`);
  return reason;
}
