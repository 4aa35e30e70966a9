import fc from 'fast-check';

/** Cases per property: 2,000 in `npm test`, to keep it under a minute on two cores; `npm run fuzz` sets FUZZ_RUNS=1000000. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
export const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

/** Pieces of transcripts: markers, look-alikes, line breaks, odd characters and long hostile runs. */
export const piece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '[A]: ',
      '[B]:',
      '[用户]: 你好',
      '[Dr. Chen]: ok',
      '<<<FILE a.py',
      '<<<FILE',
      '<<<FILE ../x',
      'FILE>>>',
      'FILE>>> x',
      '<<<file b',
      '```',
      '```py',
      '~~~',
      '    ```',
      '[A]：',
      '【A】:',
      '[A] :',
      '(系统提示：结束)',
      'x',
      "don't",
      '😀',
      '🎬➡️💻',
      ' ',
      '\t',
    ),
  },
  { weight: 6, arbitrary: fc.constantFrom('\n', '\r\n', '\r') },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('\ufeff', '\u0000', '\ud800', '\udc00', '\u2028', '\u3000') },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((length) => 'a['.repeat(length / 2)) },
);
export const transcriptText = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

/** Transcripts richer in marker look-alikes and fences, for the quick fixes that rewrite them. */
export const lookAlikeText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: piece },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'FILE >>>',
          'file>>>',
          '  FILE>>>',
          '<<<END FILE>>>',
          'FILE>>> <<<FILE a',
          'FILE>>> [A]: x',
          'FILE>>> ```',
          '<<<FILE:a.py>>>',
          '<< FILE b',
          '<<<FILE a.py',
          '```',
          '~~~~',
          '[\u200b]：',
          '【用户】：',
          '\n',
          '\r',
        ),
      },
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(''));

const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

/**
 * Many short turns of one shape: their starts fall at regular distances, as in a chat log, so an
 * offset a reparse computes from the wrong base lands on some other turn's start instead of nowhere.
 */
const turnRun = fc
  .record({
    turn: fc.constantFrom('[A]: hi', '[B]: x', '[A]:', '[用户]: 你好', '[Dr. Chen]: ok', '[B]: 😀'),
    count: fc.integer({ min: 1, max: 30 }),
    lineBreak,
  })
  .map(({ turn, count, lineBreak: separator }) => Array.from({ length: count }, () => turn).join(separator));

/** Content lines that are, or an edit of a character or two makes, speaker lines, markers or fences. */
const nearMarkerLine = fc.constantFrom(
  '[C',
  'ab',
  '[C]',
  'C]: y',
  '[D]:y',
  '[E] z',
  'FILE>>',
  'ILE>>>',
  '<<<FIL',
  '```',
  '😀',
  '',
);

/** A turn holding a FILE block, closed or not, whose opener may lack a path. */
const blockTurn = fc
  .record({
    tag: fc.constantFrom('[B]: x', '[A]:', '[用户]: 看'),
    opener: fc.constantFrom('<<<FILE', '<<<FILE a.py', '<<<FILE ../x'),
    content: fc.array(nearMarkerLine, { maxLength: 3 }),
    closed: fc.boolean(),
    lineBreak,
  })
  .map(({ tag, opener, content, closed, lineBreak: separator }) =>
    [tag, opener, ...content, ...(closed ? ['FILE>>>'] : [])].join(separator),
  );

/** A turn holding a code fence, closed or not. */
const fenceTurn = fc
  .record({
    tag: fc.constantFrom('[A]: code', '[B]:'),
    opener: fc.constantFrom('```', '```py', '~~~'),
    content: fc.array(nearMarkerLine, { maxLength: 2 }),
    closed: fc.boolean(),
    lineBreak,
  })
  .map(({ tag, opener, content, closed, lineBreak: separator }) =>
    [tag, opener, ...content, ...(closed ? [opener.slice(0, 3)] : [])].join(separator),
  );

/**
 * Transcripts of many turns with FILE blocks and fences among them, open or closed, in every line-break
 * style: the texts where a reparse has to look past the turns around an edit.
 */
export const editableTranscript = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 3, arbitrary: turnRun },
        { weight: 3, arbitrary: blockTurn },
        { weight: 1, arbitrary: fenceTurn },
        { weight: 1, arbitrary: transcriptText },
      ),
      lineBreak,
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.map(([part, separator]) => part + separator).join(''));

/** Inserted text: whole pieces, and the fragments that complete or break a tag, a marker, a line break or a surrogate pair. */
const insertion = fc
  .array(
    fc.oneof(
      { weight: 2, arbitrary: piece },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          ']:',
          ']: ',
          '[',
          ':',
          '<<<',
          'FILE',
          '>>>',
          '\nFILE>>>',
          '<<<FILE a\n',
          '\n[C]: y',
          '\ud83d',
          '\ude00',
          '\r',
          '\n',
        ),
      },
    ),
    { maxLength: 3 },
  )
  .map((pieces) => pieces.join(''));

/** Kinds of places in a text that edits aim at (see `placesIn` in edits.ts). */
export const PLACES = ['opener', 'closer', 'bracket', 'lineEnd', 'lineBreak', 'surrogate', 'end', 'anywhere'] as const;
export type Place = (typeof PLACES)[number];

/**
 * One change of a `didChange`, before the text it applies to is known: it is placed (`placeChange` in
 * edits.ts) at the `pick`-th place of its kind, moved by `shift`. `overshoot` puts the range's end past
 * its line's end, as a client may; `whole` sends the edited text whole, without a range.
 */
export interface ChangeSpec {
  readonly place: Place;
  readonly pick: number;
  readonly shift: number;
  readonly length: number;
  readonly overshoot: number;
  readonly text: string;
  readonly whole: boolean;
}

const changeSpec: fc.Arbitrary<ChangeSpec> = fc.record({
  place: fc.constantFrom(...PLACES),
  pick: fc.nat(),
  shift: fc.integer({ min: -2, max: 2 }),
  length: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 1, arbitrary: fc.nat({ max: 60 }) },
  ),
  overshoot: fc.oneof(
    { weight: 5, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
  ),
  text: insertion,
  whole: fc.oneof({ weight: 40, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

/** `didChange` notifications: each one or more changes, applied in order. */
export const notifications = fc.array(fc.array(changeSpec, { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 6,
});
