import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { applyChange, flattenText, type TextChange } from '../core/reparse';

/** An open document: its version and the model of its current text. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly model: Transcript;
}

/**
 * The open documents, each kept as a model that edits update incrementally. The model of a version
 * is made once; every request reads that one.
 */
export class TranscriptDocuments {
  private readonly open = new Map<string, OpenDocument>();

  opened(uri: string, version: number, text: string): OpenDocument {
    const document = { uri, version, model: parseTranscript(text) };
    this.open.set(uri, document);
    return document;
  }

  /**
   * Applies the changes in order. They are relative to the text as the client last sent it, so even a
   * version out of order or repeated is applied (the text then follows the client); changes for a
   * document that is not open are ignored.
   */
  changed(uri: string, version: number, changes: readonly TextChange[]): OpenDocument | undefined {
    const current = this.open.get(uri);
    if (!current) return undefined;
    let model = current.model;
    for (const change of changes) model = applyChange(model, change);
    const document = { uri, version, model };
    this.open.set(uri, document);
    return document;
  }

  /**
   * Copies the document's text into one flat string. Edits leave it as the text before them plus the
   * edits (see EditedText), and the first read of a character of it makes that copy: tens of MiB for a
   * large transcript. Made when the server is idle, it stays off the path of the next request, and the
   * next edit starts from the flat text instead of a longer chain of edits.
   */
  settle(uri: string): void {
    const document = this.open.get(uri);
    if (document) flattenText(document.model);
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
