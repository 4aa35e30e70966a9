// What the editor tests share: the README's own config snippets, and a `transcript-language-server` on the PATH
// that runs this checkout's build and records each start, so a snippet runs exactly as a user pastes it.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The first fenced block of `language` in the README section whose heading starts with `heading`. */
export function readmeSnippet(heading, language) {
  const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^#{2,4} /.test(line) && line.replace(/^#+ /, '').startsWith(heading));
  assert.notEqual(start, -1, `README.md has no section "${heading}"`);
  const body = [];
  let inBlock = false;
  for (const line of lines.slice(start + 1)) {
    if (!inBlock && /^#{1,4} /.test(line)) break;
    if (!inBlock && line === '```' + language) {
      inBlock = true;
    } else if (inBlock && line === '```') {
      return body.join('\n') + '\n';
    } else if (inBlock) {
      body.push(line);
    }
  }
  assert.fail(`the README section "${heading}" has no \`\`\`${language} block`);
}

/**
 * A temporary folder with an executable `transcript-language-server` that runs dist/server.js with node and
 * appends one line to `starts` each time it is started. `env` puts it first on the PATH.
 */
export function fakeInstall() {
  const server = join(root, 'dist', 'server.js');
  assert.ok(existsSync(server), 'dist/server.js is missing: run npm run build');
  const bin = mkdtempSync(join(tmpdir(), 'transcript-bin-'));
  const starts = join(bin, 'starts.log');
  writeFileSync(starts, '');
  const command = join(bin, 'transcript-language-server');
  const quote = (text) => `'${text.replaceAll("'", "'\\''")}'`;
  writeFileSync(
    command,
    `#!/bin/sh\necho "$$ $*" >> ${quote(starts)}\nexec ${quote(process.execPath)} ${quote(server)} "$@"\n`,
  );
  chmodSync(command, 0o755);
  return {
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` },
    /** The lines of the start log: one per server process. */
    starts: () => readFileSync(starts, 'utf8').split('\n').filter(Boolean),
    cleanup: () => rmSync(bin, { recursive: true, force: true }),
  };
}

/** A folder of transcripts: `files` maps relative paths to contents (a path ending in `/` is a folder). */
export function project(files) {
  const folder = mkdtempSync(join(tmpdir(), 'transcript-project-'));
  for (const [path, text] of Object.entries(files)) {
    const target = join(folder, path);
    if (path.endsWith('/')) {
      mkdirSync(target, { recursive: true });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  return folder;
}
