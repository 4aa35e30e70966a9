import { detachedSlice } from './detach';
import { DocumentText } from './document-text';
import { LineIndex } from './lines';
import type { Fence, FileBlock, FoundProblem, Section, Span, StoredTurn, Transcript } from './model';
import type { FenceMarker } from './syntax';
import { TurnTree, movedBlock, movedFence, movedProblem } from './turn-tree';
import {
  CLOSER,
  closesFence,
  fenceMarker,
  isBlankRange,
  isCloser,
  isOpener,
  malformedMarker,
  malformedSpeakerTag,
  mayBeLookAlike,
  mayBeMarkup,
  openerPathSpan,
  speakerTagEnd,
  unsafePathReasons,
} from './syntax';

const BYTE_ORDER_MARK = 0xfeff;
const NONE: readonly never[] = Object.freeze([]);

/**
 * Parses a whole transcript. Linear in the text, however its FILE blocks are broken.
 *
 * @example `parseTranscript('[A]: hi\n[B]: yo').turns.map((turn) => turn.speaker)` is `['A', 'B']`.
 */
export function parseTranscript(text: string): Transcript {
  const lines = LineIndex.of(text);
  const { preamble, turns } = scanSections(text, lines, 0, () => false);
  const document = DocumentText.of(text, lines);
  return { text: document, lines: document, preamble, turns: TurnTree.of(turns, endOf(document)) };
}

/** Where a text ends: its length and its last line, where a `TurnTree` over the turns that run to it ends. */
export function endOf(text: DocumentText): { readonly offset: number; readonly line: number } {
  return { offset: text.length, line: text.lineCount - 1 };
}

/** The order of problems everywhere: by offset, then by code. */
export function compareProblems(a: { readonly span: Span; readonly code: string }, b: typeof a): number {
  return a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** What a scan found, from its first line to where it stopped. */
export interface ScanResult {
  readonly preamble: Section | undefined;
  readonly turns: StoredTurn[];
  /** The line of the speaker line at which `stopAt` said to stop; the text's line count if it ran to the end. */
  readonly stoppedAtLine: number;
}

/**
 * Scans sections from `fromLine`, which is 0 or the line of a speaker line. Before starting a turn at a speaker line after the first, it asks `stopAt(line)`
 * whether to stop there (incremental reparsing stops where the old model takes over again). With
 * `isWindow`, `text` is only a stretch of the document and the scan throws `WindowTooSmall` rather
 * than conclude that a FILE block is never closed.
 */
export function scanSections(
  text: string,
  lines: LineIndex,
  fromLine: number,
  stopAt: (line: number) => boolean,
  isWindow = false,
): ScanResult {
  return new SectionScanner(text, lines, isWindow).scan(fromLine, stopAt);
}

/**
 * Thrown by a scan of a window of the text (`isWindow`) that needs to see past the window's end: a FILE
 * block whose closer, if any, lies beyond it.
 */
export class WindowTooSmall extends Error {}

interface OpenFence {
  readonly marker: FenceMarker;
  readonly info: string;
  readonly opener: Span;
  readonly line: number;
}

interface SectionBuilder {
  readonly startLine: number;
  readonly start: number;
  lastTextLine: number;
  readonly fileBlocks: FileBlock[];
  readonly fences: Fence[];
  readonly problems: FoundProblem[];
  fence?: OpenFence | undefined;
  /** Whether the preamble's text has been reported already (once is enough). */
  reportedText?: boolean;
  /** Set for turns; the preamble has none. */
  readonly tag?: { readonly speaker: string; readonly tag: Span; readonly label: Span; readonly firstLine: Span };
}

class SectionScanner {
  private readonly lineCount: number;
  /** Past this offset there is no `FILE>>>` line: every later opener is unterminated. */
  private noCloserFrom = Infinity;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly isWindow: boolean,
  ) {
    this.lineCount = lines.lineCount;
  }

  scan(fromLine: number, stopAt: (line: number) => boolean): ScanResult {
    const turns: StoredTurn[] = [];
    let preamble: Section | undefined;
    let section: SectionBuilder | undefined;
    let line = fromLine;
    for (; line < this.lineCount; line++) {
      const start = this.contentStart(line);
      const end = this.lines.lineEnd(line, this.text);
      const tagEnd = speakerTagEnd(this.text, start, end);
      if (tagEnd !== -1) {
        if (section && stopAt(line)) break;
        if (section) this.finish(section, line - 1, turns, (done) => (preamble = done));
        section = this.startTurn(line, start, end, tagEnd);
        continue;
      }
      section ??= this.startPreamble(line, start);
      line = this.scanLine(section, line, start, end);
    }
    if (section) this.finish(section, line - 1, turns, (done) => (preamble = done));
    return { preamble, turns, stoppedAtLine: line };
  }

  /** Where a line's content starts: after the byte order mark on the first line. */
  private contentStart(line: number): number {
    const start = this.lines.lineStart(line);
    return line === 0 && this.text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : start;
  }

  private startTurn(line: number, start: number, end: number, tagEnd: number): SectionBuilder {
    const afterColon = tagEnd + 2;
    const firstLineStart = this.text.charCodeAt(afterColon) === 0x20 ? afterColon + 1 : afterColon;
    return {
      startLine: line,
      start,
      lastTextLine: line,
      fileBlocks: [],
      fences: [],
      problems: [],
      tag: {
        speaker: detachedSlice(this.text, start + 1, tagEnd),
        tag: { start, end: afterColon },
        label: { start: start + 1, end: tagEnd },
        firstLine: { start: Math.min(firstLineStart, end), end },
      },
    };
  }

  private startPreamble(line: number, start: number): SectionBuilder {
    return { startLine: line, start, lastTextLine: line, fileBlocks: [], fences: [], problems: [] };
  }

  /** Reads one line that is not a speaker line; returns the last line it consumed (a FILE block takes many). */
  private scanLine(section: SectionBuilder, line: number, start: number, end: number): number {
    const text = this.text;
    const blank = isBlankRange(text, start, end);
    if (!blank) {
      section.lastTextLine = line;
      // A look-alike speaker tag gets its own warning; the preamble's is for the first line of real text.
      if (
        !section.tag &&
        !section.reportedText &&
        !(section.fence === undefined && malformedSpeakerTag(text, start, end))
      ) {
        section.reportedText = true;
        section.problems.push({
          code: 'turn/text-before-first-turn',
          severity: 'warning',
          span: { start, end },
          values: {},
        });
      }
    } else return line;
    if (section.fence) {
      if (closesFence(text, start, end, section.fence.marker)) this.closeFence(section, line, { start, end });
      return line;
    }
    if (!mayBeMarkup(text.charCodeAt(start))) return line;
    if (isOpener(text, start, end)) return this.scanFileBlock(section, line, start, end);
    if (isCloser(text, start, end)) {
      section.problems.push({
        code: 'file-block/stray-closer',
        severity: 'error',
        span: { start, end },
        values: {},
      });
      return line;
    }
    const marker = fenceMarker(text, start, end);
    if (marker) {
      section.fence = { marker, info: detachedSlice(text, marker.after, end).trim(), opener: { start, end }, line };
      return line;
    }
    if (mayBeLookAlike(text, start, end)) this.checkLookAlikes(section, start, end, false);
    return line;
  }

  private checkLookAlikes(section: SectionBuilder, start: number, end: number, insideFileBlock: boolean): void {
    const marker = malformedMarker(this.text, start, end);
    if (marker && (marker.kind === 'closer' || !insideFileBlock)) {
      section.problems.push({
        code: 'file-block/malformed-marker',
        severity: 'warning',
        span: { start, end },
        values: { kind: marker.kind, replacement: marker.replacement },
        replacement: marker.replacement,
      });
      return;
    }
    if (insideFileBlock) return;
    const tag = malformedSpeakerTag(this.text, start, end);
    if (tag) {
      section.problems.push({
        code: 'turn/malformed-speaker-tag',
        severity: 'warning',
        span: { start, end: tag.end },
        values: { replacement: tag.replacement },
        replacement: tag.replacement,
      });
    }
  }

  private closeFence(section: SectionBuilder, line: number, closer: Span | undefined): void {
    const fence = section.fence!;
    section.fence = undefined;
    const endLine = closer ? line : Math.max(fence.line, line);
    section.fences.push({
      info: fence.info,
      opener: fence.opener,
      closer,
      span: { start: fence.opener.start, end: closer ? closer.end : this.lines.lineEnd(endLine, this.text) },
      startLine: fence.line,
      endLine,
      codeLines: Math.max(0, endLine - fence.line - (closer ? 1 : 0)),
    });
    if (!closer) {
      section.problems.push({
        code: 'fence/unclosed',
        severity: 'warning',
        span: fence.opener,
        values: { length: fence.marker.length, char: fence.marker.char === 0x60 ? 'backtick' : 'tilde' },
      });
    }
  }

  /** Reads a FILE block from its opener; returns the block's last line. */
  private scanFileBlock(section: SectionBuilder, openerLine: number, start: number, end: number): number {
    const text = this.text;
    const pathSpan = openerPathSpan(text, start, end);
    const path = detachedSlice(text, pathSpan.start, pathSpan.end);
    const opener = { start, end };
    const closerLine = this.findCloserLine(end);
    const recovered = closerLine === -1;
    const endLine = recovered ? this.lineBeforeNextSpeaker(openerLine) : closerLine;
    const contentEndLine = recovered ? endLine : endLine - 1;
    const contentLines = contentEndLine - openerLine;
    const closer = recovered
      ? undefined
      : { start: this.lines.lineStart(closerLine), end: this.lines.lineEnd(closerLine, text) };
    const content =
      contentLines > 0
        ? { start: this.lines.lineStart(openerLine + 1), end: this.lines.lineEnd(contentEndLine, text) }
        : { start: end, end };
    const block: FileBlock = {
      path,
      opener,
      pathSpan,
      closer,
      content,
      contentLines,
      span: { start, end: this.lines.lineEnd(endLine, text) },
      startLine: openerLine,
      endLine,
    };
    section.fileBlocks.push(block);
    section.lastTextLine = endLine;
    if (!path) {
      section.problems.push({
        code: 'file-block/missing-path',
        severity: 'error',
        span: opener,
        values: {},
        replacement: '<<<FILE ${1:path}',
      });
    } else {
      const reasons = unsafePathReasons(path);
      if (reasons.length > 0) {
        section.problems.push({
          code: 'file-block/unsafe-path',
          severity: 'warning',
          span: pathSpan,
          values: { path, reasons },
        });
      }
    }
    let speakerLines = 0;
    let firstSpeakerLine: Span | undefined;
    for (let line = openerLine + 1; line <= contentEndLine; line++) {
      const lineStart = this.lines.lineStart(line);
      const lineEnd = this.lines.lineEnd(line, text);
      const first = text.charCodeAt(lineStart);
      if (first === 0x5b && closer && speakerTagEnd(text, lineStart, lineEnd) !== -1) {
        speakerLines++;
        firstSpeakerLine ??= { start: lineStart, end: lineEnd };
      } else if (first === 0x3c && isOpener(text, lineStart, lineEnd)) {
        section.problems.push({
          code: 'file-block/nested-opener',
          severity: 'warning',
          span: { start: lineStart, end: lineEnd },
          values: { path },
          related: [{ span: opener, code: 'file-block/open-block', values: {} }],
        });
      } else if (mayBeMarkup(first) && mayBeLookAlike(text, lineStart, lineEnd))
        this.checkLookAlikes(section, lineStart, lineEnd, true);
    }
    if (firstSpeakerLine) {
      const tag = detachedSlice(
        text,
        firstSpeakerLine.start,
        speakerTagEnd(text, firstSpeakerLine.start, firstSpeakerLine.end) + 2,
      );
      section.problems.push({
        code: 'file-block/holds-speaker-lines',
        severity: 'information',
        span: firstSpeakerLine,
        values: { count: speakerLines, firstTag: tag },
        related: [{ span: opener, code: 'file-block/holding-block', values: {} }],
      });
    }
    if (recovered) {
      const nextTag = endLine + 1 < this.lineCount ? this.speakerTagOn(endLine + 1) : undefined;
      section.problems.push({
        code: 'file-block/unterminated',
        severity: 'error',
        span: opener,
        values: { contentLines, nextTag },
      });
    }
    if (contentLines === 0) {
      section.problems.push({
        code: 'file-block/empty',
        severity: 'information',
        span: opener,
        values: { path },
      });
    }
    return endLine;
  }

  private speakerTagOn(line: number): string {
    const start = this.lines.lineStart(line);
    return detachedSlice(this.text, start, speakerTagEnd(this.text, start, this.lines.lineEnd(line, this.text)) + 2);
  }

  /** The line of the first `FILE>>>` line after `from`, or -1. */
  private findCloserLine(from: number): number {
    const text = this.text;
    if (from >= this.noCloserFrom) return -1;
    for (let at = text.indexOf(CLOSER, from); at !== -1; at = text.indexOf(CLOSER, at + 1)) {
      const before = text.charCodeAt(at - 1);
      if (before !== 10 && before !== 13) continue;
      const line = this.lines.lineAt(at);
      if (isCloser(text, at, this.lines.lineEnd(line, text))) return line;
    }
    if (this.isWindow) throw new WindowTooSmall();
    this.noCloserFrom = from;
    return -1;
  }

  /** The line before the first speaker line after `line`, or the last line. */
  private lineBeforeNextSpeaker(line: number): number {
    for (let next = line + 1; next < this.lineCount; next++) {
      const start = this.lines.lineStart(next);
      if (
        this.text.charCodeAt(start) === 0x5b &&
        speakerTagEnd(this.text, start, this.lines.lineEnd(next, this.text)) !== -1
      )
        return next - 1;
    }
    return this.lineCount - 1;
  }

  private finish(
    section: SectionBuilder,
    endLine: number,
    turns: StoredTurn[],
    setPreamble: (preamble: Section) => void,
  ): void {
    if (section.fence) this.closeFence(section, endLine, undefined);
    const end = this.lines.lineEnd(endLine, this.text);
    const problems = section.problems.length ? section.problems.sort(compareProblems) : NONE;
    const tag = section.tag;
    if (!tag) {
      setPreamble({
        span: { start: section.start, end },
        startLine: section.startLine,
        endLine,
        lastTextLine: section.lastTextLine,
        fileBlocks: section.fileBlocks.length ? section.fileBlocks : NONE,
        fences: section.fences.length ? section.fences : NONE,
        problems,
      });
      return;
    }
    // A turn is stored from its own start: offsets and lines inside it count from its first character and line.
    const { start, startLine } = section;
    const hasNext = endLine + 1 < this.lineCount;
    // Plain literals with every property in one order keep the objects' shape fixed and fast to read.
    turns.push({
      span: { start: 0, end: end - start },
      startLine: 0,
      endLine: endLine - startLine,
      lastTextLine: section.lastTextLine - startLine,
      fileBlocks: section.fileBlocks.length
        ? section.fileBlocks.map((block) => movedBlock(block, -start, -startLine))
        : NONE,
      fences: section.fences.length ? section.fences.map((fence) => movedFence(fence, -start, -startLine)) : NONE,
      problems: problems.length ? problems.map((problem) => movedProblem(problem, -start)) : NONE,
      speaker: tag.speaker,
      tag: { start: 0, end: tag.tag.end - start },
      label: { start: 1, end: tag.label.end - start },
      firstLine: { start: tag.firstLine.start - start, end: tag.firstLine.end - start },
      memo: {},
      extent: (hasNext ? this.lines.lineStart(endLine + 1) : this.text.length) - start,
      lineBreaks: endLine - startLine + (hasNext ? 1 : 0),
    });
  }
}
