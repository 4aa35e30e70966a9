/**
 * The server's custom requests for views that LSP has no method for (see src/server/server.ts).
 * All answer null for a document the server does not have (yet), and so does this module while
 * the server is not running.
 */
import type * as vscode from 'vscode';
import { type BaseLanguageClient, State } from 'vscode-languageclient';
import type { Range } from '../core/lines';
import type { TurnRequest, TurnWindow } from '../core/chat-html';
import type { DatasetFormat } from '../core/dataset';
import type { DatasetExportAnswer, SpeakerRole } from '../core/dataset-export';
import type { ImportPlan } from '../core/dataset-import';
import type { WordCounts } from '../core/model';
import type { LineSpan, SpeakerLabels } from '../core/speaker-labels';
import type { TurnStep } from '../core/turn-navigation';
import type { TurnSearch } from '../core/turn-search';
import type { DocumentStatistics } from './statistics-html';

/** A speaker's name inside a tag (see src/core/speaker-labels.ts), with VS Code's range. */
export interface SpeakerLabel {
  readonly speaker: string;
  readonly range: vscode.Range;
}

/** A turn that Go to Turn's search found (see src/core/turn-search.ts), with VS Code's ranges. */
export interface FoundTurn {
  /** The outline's name, `Speaker: first words…`. */
  readonly name: string;
  /** The line of the tag, 0-based. */
  readonly line: number;
  readonly tag: vscode.Range;
  /** The query's first occurrence in the turn; undefined for an empty query. */
  readonly match: vscode.Range | undefined;
}

export class TranscriptRequests {
  constructor(private readonly client: BaseLanguageClient) {}

  statistics(document: vscode.TextDocument): Promise<DocumentStatistics | null> {
    return this.send('transcript/statistics', { uri: this.uri(document) });
  }

  wordsInRange(document: vscode.TextDocument, range: vscode.Range): Promise<WordCounts | null> {
    return this.send('transcript/wordsInRange', {
      uri: this.uri(document),
      range: this.client.code2ProtocolConverter.asRange(range),
    });
  }

  /** The tag of the turn `step` lands on from `position`, found by the server in O(log turns). */
  async turnStep(
    document: vscode.TextDocument,
    position: vscode.Position,
    step: TurnStep,
  ): Promise<vscode.Range | null> {
    const tag = await this.send<Range>('transcript/turnStep', {
      uri: this.uri(document),
      position: this.client.code2ProtocolConverter.asPosition(position),
      step,
    });
    return tag && this.client.protocol2CodeConverter.asRange(tag);
  }

  /** The turns whose text holds `query`, of `speaker` only when given: at most 1,000, in document order. */
  async searchTurns(
    document: vscode.TextDocument,
    query: string,
    speaker: string | undefined,
  ): Promise<{ turns: FoundTurn[]; truncated: boolean } | null> {
    const found = await this.send<TurnSearch>('transcript/searchTurns', { uri: this.uri(document), query, speaker });
    const asRange = (range: Range) => this.client.protocol2CodeConverter.asRange(range);
    return (
      found && {
        turns: found.turns.map((turn) => ({
          name: turn.name,
          line: turn.line,
          tag: asRange(turn.tag),
          match: turn.match && asRange(turn.match),
        })),
        truncated: found.truncated,
      }
    );
  }

  /**
   * The labels of the turns whose tags are on `lines`, and where each of their speakers first appears
   * among all of the document's, found by the server without reading the turns outside the lines.
   */
  async speakerLabels(
    document: vscode.TextDocument,
    lines: LineSpan,
  ): Promise<{ labels: SpeakerLabel[]; speakers: SpeakerLabels['speakers'] } | null> {
    const found = await this.send<SpeakerLabels>('transcript/speakerLabels', { uri: this.uri(document), lines });
    return (
      found && {
        labels: found.labels.map(({ speaker, range }) => ({
          speaker,
          range: this.client.protocol2CodeConverter.asRange(range),
        })),
        speakers: found.speakers,
      }
    );
  }

  /** Turns of the preview as HTML, with the version of the document they were rendered from. */
  renderTurns(
    document: vscode.TextDocument,
    request: TurnRequest,
    remoteImages: boolean,
  ): Promise<(TurnWindow & { readonly version: number }) | null> {
    return this.send('transcript/renderTurns', { uri: this.uri(document), remoteImages, ...request });
  }

  /** The document as the self-contained page `transcript export --format html` writes. */
  exportHtml(document: vscode.TextDocument, title: string): Promise<string | null> {
    return this.send('transcript/exportHtml', { uri: this.uri(document), title });
  }

  /**
   * The document as a line of `format`, its id its file name without the extension, as `transcript export`
   * writes it; or why it is refused.
   */
  exportDataset(
    document: vscode.TextDocument,
    params: { format: DatasetFormat; roles: readonly SpeakerRole[] | undefined; allowErrors: boolean },
  ): Promise<DatasetExportAnswer | null> {
    return this.send('transcript/exportDataset', { uri: this.uri(document), ...params });
  }

  /** The transcripts of a dataset called `name`, as `transcript import` would write them, and what it notes. */
  importConversations(name: string, text: string): Promise<ImportPlan | null> {
    return this.send('transcript/importConversations', { name, text });
  }

  private uri(document: vscode.TextDocument): string {
    return this.client.code2ProtocolConverter.asUri(document.uri);
  }

  private async send<T>(method: string, params: object): Promise<T | null> {
    if (this.client.state !== State.Running) return null;
    try {
      return await this.client.sendRequest<T | null>(method, params);
    } catch {
      // A server restarting or stopping cancels requests; the next change or restart asks again.
      return null;
    }
  }
}
