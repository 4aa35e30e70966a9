/** The messages between the preview's page (preview-page.ts) and the extension (preview.ts). */
/**
 * A turn to show: its place, and either its HTML or, when the page was sent the same HTML in the
 * message before, the index it had there (an edit sends only the turns it changed).
 */
export interface PageTurn {
  readonly index: number;
  /** 0-based line of the speaker tag. */
  readonly line: number;
  readonly endLine: number;
  /** The turn's `<article>` (see `RenderedTurn`), when the page does not have it. */
  readonly html?: string;
  /** The index of the turn with the same HTML in the message before, instead of `html`. */
  readonly was?: number;
}

/** From the extension: turns to show, or a line to scroll to. */
export type ToPage =
  | {
      readonly type: 'turns';
      readonly version: number;
      readonly turnCount: number;
      /** Index of the first turn in `turns`. */
      readonly from: number;
      /** Every turn the page is to show, in order; it drops the turns not listed. */
      readonly turns: readonly PageTurn[];
      /** A line to bring to the top once they are shown, instead of keeping the view where it was. */
      readonly reveal: number | undefined;
    }
  | { readonly type: 'scrollToLine'; readonly line: number };

/** From the page. */
export type FromPage =
  /** Loaded (again, after being hidden): wants its turns. */
  | { readonly type: 'ready' }
  /** Scrolled near the end of what it has: wants turns `from` to `to`, or those around `line`. */
  | { readonly type: 'window'; readonly from: number; readonly to: number }
  | { readonly type: 'windowAtLine'; readonly line: number }
  /** Scrolled by the user: the line at the top of the view, for the editor to follow. */
  | { readonly type: 'scrolled'; readonly line: number }
  /** Double-clicked: the line to put the editor's cursor on. */
  | { readonly type: 'openLine'; readonly line: number }
  /** A link clicked: its `href` as written. */
  | { readonly type: 'link'; readonly href: string }
  /**
   * Showed the turns of `version` from turn `from` on, in `elements` elements; `text` is the first turn's, cut short. Sent
   * again when the theme changes, with the colours the page computes.
   */
  | {
      readonly type: 'rendered';
      readonly version: number;
      readonly elements: number;
      readonly turns: number;
      readonly from: number;
      readonly text: string;
      readonly colors: PageColors;
    };

/** CSS colours (`rgb(…)`) of the page's background and text and of the first speaker's name. */
export interface PageColors {
  readonly background: string;
  readonly foreground: string;
  readonly speaker: string;
}
