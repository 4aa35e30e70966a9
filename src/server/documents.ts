import { BINARY_SNIFF_BYTES, binaryTextReason } from '../core/content';
import type { Range } from '../core/lines';
import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { applyChange, type TextChange } from '../core/reparse';

/** An open document: its version and the model of its current text. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly model: Transcript;
  /** Why the document is binary (`binaryTextReason`) and so not checked, or undefined. */
  readonly binary: string | undefined;
}

/**
 * The open documents, each kept as a model that edits update incrementally. The model of a version
 * is made once; every request reads that one.
 */
export class TranscriptDocuments {
  private readonly open = new Map<string, OpenDocument>();

  opened(uri: string, version: number, text: string): OpenDocument {
    const model = parseTranscript(text);
    const document = { uri, version, model, binary: binaryReasonOf(model) };
    this.open.set(uri, document);
    return document;
  }

  /**
   * Applies the changes in order. They are relative to the text as the client last sent it, so even a
   * version out of order or repeated is applied (the text then follows the client); changes for a
   * document that is not open are ignored. Positions are read as vscode-languageserver-textdocument reads
   * them: past a line's end is its end, and a range whose end comes first is read from its end.
   */
  changed(uri: string, version: number, changes: readonly TextChange[]): OpenDocument | undefined {
    const current = this.open.get(uri);
    if (!current) return undefined;
    let { model } = current;
    for (const change of changes)
      model = applyChange(model, { range: change.range && inOrder(change.range), text: change.text });
    const document = { uri, version, model, binary: binaryReasonOf(model) };
    this.open.set(uri, document);
    return document;
  }

  closed(uri: string): void {
    this.open.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.open.values();
  }
}

/** The binary test of the model's first characters. */
function binaryReasonOf(model: Transcript): string | undefined {
  return binaryTextReason(model.text.slice(0, BINARY_SNIFF_BYTES));
}

/** `range` with its start first: vscode-languageserver-textdocument reads a range whose end comes first so. */
function inOrder(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character)
    ? { start: end, end: start }
    : range;
}
