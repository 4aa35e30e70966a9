/**
 * The extension's page in VS Code is README.extension.md, written to dist/README.md for vsce with
 * its local images inlined as data: URIs. VS Code's Extensions view (checked in 1.100.3) resolves
 * relative image paths against its webview's own folder, where they do not load, and vsce's default
 * rewrite to GitHub URLs needs the network; data: URIs load everywhere.
 *
 *   node --import tsx scripts/user-readme.mts
 *
 * Refuses to write the page when it no longer names every command, setting and keybinding of the
 * manifest.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/** `![alt](target)`, optionally with a `"title"` after the target. */
const IMAGE = /!\[([^\]]*)\]\(([^)\s]+)(\s+"[^"]*")?\)/g;

/** Replaces each local Markdown image by a data: URI of the file `readFile` returns for its path. */
export function inlineImages(markdown: string, readFile: (path: string) => Buffer): string {
  return markdown.replace(IMAGE, (image, alt: string, target: string, title: string | undefined) => {
    if (/^(?:https?|data):/i.test(target)) return image;
    const type = MEDIA_TYPES[path.extname(target).toLowerCase()];
    if (!type) throw new Error(`${target}: only png, jpeg, gif and svg images can be inlined`);
    return `![${alt}](data:${type};base64,${readFile(target).toString('base64')}${title ?? ''})`;
  });
}

export interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
    keybindings?: { command: string; key: string; mac?: string }[];
  };
}

/** Each command's title as the Command Palette shows it (`category: title`), localized with `nls`. */
export function commandTitles(manifest: Manifest, nls: Record<string, string>): Map<string, string> {
  const localize = (text: string) => text.replace(/^%(.+)%$/, (key, name: string) => nls[name] ?? key);
  return new Map(
    manifest.contributes.commands.map(({ command, title, category }) => [
      command,
      category ? `${localize(category)}: ${localize(title)}` : localize(title),
    ]),
  );
}

/**
 * What the README's tables leave out of the manifest: each command by its title, each setting with
 * its default, each keybinding in the row of its command. Empty when nothing is missing.
 */
export function readmeOmissions(readme: string, manifest: Manifest, nls: Record<string, string>): string[] {
  const rows = readme.split('\n').filter((line) => line.startsWith('|'));
  const shown = commandTitles(manifest, nls);
  const omissions: string[] = [];
  for (const title of shown.values()) {
    if (!rows.some((row) => row.includes(`| ${title} |`))) omissions.push(`the command "${title}"`);
  }
  for (const [name, { default: value }] of Object.entries(manifest.contributes.configuration.properties)) {
    if (!rows.some((row) => row.includes(`\`${name}\``) && row.includes(`\`${String(value)}\``)))
      omissions.push(`the setting ${name} with its default ${String(value)}`);
  }
  for (const { command, key, mac } of manifest.contributes.keybindings ?? []) {
    const keys = [key, mac].filter((k) => k !== undefined).map((k) => `\`${k}\``);
    const title = shown.get(command) ?? command;
    const listed = rows.some(
      (row) => row.includes(`| ${title} |`) && keys.every((k) => row.toLowerCase().includes(k.toLowerCase())),
    );
    if (!listed) omissions.push(`the keys ${keys.join(' / ')} of "${title}"`);
  }
  return omissions;
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const root = path.resolve(import.meta.dirname, '..');
  const read = (file: string) => readFileSync(path.join(root, file));
  const readme = read('README.extension.md').toString();
  const manifest = JSON.parse(read('package.json').toString()) as Manifest;
  const nls = JSON.parse(read('package.nls.json').toString()) as Record<string, string>;
  const omissions = readmeOmissions(readme, manifest, nls);
  if (omissions.length > 0) {
    console.error(`README.extension.md does not name ${omissions.join(', ')}.`);
    process.exit(1);
  }
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'README.md'), inlineImages(readme, read));
}
