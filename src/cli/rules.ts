import type { ProblemCode, Severity } from '../core/model';

/** One diagnostic code as SARIF describes a rule. */
export interface Rule {
  readonly severity: Severity;
  readonly summary: string;
}

/**
 * Every code the core reports, as `docs/format.md` lists them. A `Record` over `ProblemCode`, so a code
 * added to the core does not type-check until it is described here too.
 */
export const RULES: Record<ProblemCode, Rule> = {
  'file-block/unterminated': {
    severity: 'error',
    summary: 'A FILE block has no `FILE>>>` closer before the end of the file.',
  },
  'file-block/missing-path': { severity: 'error', summary: 'A `<<<FILE` opener gives no path.' },
  'file-block/stray-closer': { severity: 'error', summary: 'A `FILE>>>` closer while no FILE block is open.' },
  'file-block/nested-opener': {
    severity: 'warning',
    summary: 'A FILE opener inside an open FILE block: a closer is probably missing before it.',
  },
  'file-block/malformed-marker': {
    severity: 'warning',
    summary: 'A line that looks like a FILE marker but is not one.',
  },
  'file-block/unsafe-path': {
    severity: 'warning',
    summary: 'A FILE path that could write outside the folder it is extracted to, or is not portable.',
  },
  'file-block/holds-speaker-lines': {
    severity: 'information',
    summary: 'A closed FILE block whose content has speaker lines, which stay content, not turns.',
  },
  'file-block/empty': { severity: 'information', summary: 'A FILE block with no content lines.' },
  'file-block/duplicate-path': { severity: 'information', summary: 'A FILE path given again with different content.' },
  'turn/text-before-first-turn': {
    severity: 'warning',
    summary: 'Text before the first speaker line belongs to no turn.',
  },
  'turn/malformed-speaker-tag': {
    severity: 'warning',
    summary: 'A line that looks like a speaker tag but is not one.',
  },
  'fence/unclosed': { severity: 'warning', summary: 'A code fence still open when its turn ends.' },
};

/** Where the codes are described, for SARIF viewers' "more information" links. */
export const RULES_HELP_URI = 'https://github.com/transcript-tools/transcript/blob/main/docs/format.md#diagnostics';
