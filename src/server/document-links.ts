import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver';
import { fileBlockPaths } from '../core/document-links';
import type { Transcript } from '../core/model';
import { filePath } from './workspace-index';

/**
 * Links on the FILE paths that name an existing file: looked up beside the document first, then in each
 * workspace folder. Paths of documents that are not files resolve against the workspace folders only.
 */
export async function documentLinks(
  model: Transcript,
  uri: string,
  workspaceFolders: readonly string[],
): Promise<DocumentLink[]> {
  const documentPath = filePath(uri);
  const bases = documentPath ? [dirname(documentPath), ...workspaceFolders] : [...workspaceFolders];
  const links: DocumentLink[] = [];
  for (const reference of fileBlockPaths(model)) {
    for (const base of bases) {
      const candidate = join(base, reference.path);
      if (await isFile(candidate)) {
        links.push({
          range: reference.range,
          target: pathToFileURL(candidate).href,
          tooltip: `Open ${reference.path}`,
        });
        break;
      }
    }
  }
  return links;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
