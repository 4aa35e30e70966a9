/**
 * The markdown version of a transcript, for the markdown peers: each turn becomes a `## Speaker`
 * heading followed by its text, and each FILE block a fenced code block. It follows the format's own
 * rules (a speaker line at column 0 starts a turn unless a FILE block is open; inside a block every line
 * is content) with a plain line scan, so it does not depend on the core it is compared with.
 */

const SPEAKER_LINE = /^\[([^\][\r\n]+)\]:[ \t]?(.*)$/;
const OPENER = /^<<<FILE(?:[ \t]+(.*?))?[ \t]*$/;
const CLOSER = /^FILE>>>[ \t]*$/;

const FENCE_LANGUAGES: Readonly<Record<string, string>> = {
  py: 'python',
  js: 'javascript',
  ts: 'typescript',
  md: 'markdown',
  sh: 'bash',
  yml: 'yaml',
};

function fenceLanguage(path: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return FENCE_LANGUAGES[extension] ?? extension;
}

/** A fence longer than any backtick run in the content, so embedded fences stay content. */
function fenceFor(content: readonly string[]): string {
  let longest = 2;
  for (const line of content) {
    const run = /^\s*(`{3,})/.exec(line)?.[1]?.length ?? 0;
    if (run > longest) longest = run;
  }
  return '`'.repeat(longest + 1);
}

export function transcriptToMarkdown(text: string): string {
  const out: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let fileContent: string[] | undefined;
  let filePath = '';

  const closeFileBlock = (): void => {
    const fence = fenceFor(fileContent!);
    out.push(`**${filePath || '(no path)'}**`, '', `${fence}${fenceLanguage(filePath)}`, ...fileContent!, fence);
    fileContent = undefined;
  };

  for (const line of lines) {
    if (fileContent) {
      if (CLOSER.test(line)) closeFileBlock();
      else fileContent.push(line);
      continue;
    }
    const speaker = SPEAKER_LINE.exec(line);
    if (speaker) {
      out.push(`## ${speaker[1]}`, '', speaker[2]!);
      continue;
    }
    const opener = OPENER.exec(line);
    if (opener) {
      filePath = opener[1] ?? '';
      fileContent = [];
      continue;
    }
    out.push(line);
  }
  // A block the dump cut off still becomes a fence, as the transcript treats it as content to the end.
  if (fileContent) closeFileBlock();
  return out.join('\n');
}
