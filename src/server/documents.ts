import type { Transcript } from '../core/model';
import { parseTranscript } from '../core/parse';
import { applyChange, type TextChange } from '../core/reparse';

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
   * Makes the document's text one flat string again. An edit leaves the text as a concatenation that
   * the first read of any character copies whole (tens of MiB for a large transcript); doing that read
   * when the server is idle keeps the copy off the path of the next edit or request.
   */
  settle(uri: string): void {
    this.open.get(uri)?.model.text.charCodeAt(0);
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
