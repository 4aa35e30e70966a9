import type * as vscode from 'vscode';

/** The speaker-line rule of docs/format.md: `[label]:` at column 0, 1–64 characters, no brackets. */
const SPEAKER_LINE = /^\[([^[\]\r\n]{1,64})\]:/;

/** Line numbers and labels of the speaker lines, read straight from the text (not from the server). */
export function speakerLines(document: vscode.TextDocument): { line: number; speaker: string }[] {
  const found: { line: number; speaker: string }[] = [];
  for (let line = 0; line < document.lineCount; line++) {
    const match = SPEAKER_LINE.exec(document.lineAt(line).text);
    if (match?.[1] !== undefined) found.push({ line, speaker: match[1] });
  }
  return found;
}
