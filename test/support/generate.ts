/**
 * A deterministic generator of realistic chat transcripts for the benchmark and the tests.
 *
 * Prose comes from the real samples in `seeds/` (code-switched Chinese/English with emoji), cut into
 * sentences and list/quote lines and recombined by a seeded PRNG, so the same seed and size give the
 * same bytes on every run and machine. About 7% of turns embed FILE blocks in several languages, some
 * hold markdown fences, and a small fraction carries the mistakes real dumps have (missing paths, stray
 * closers, look-alike markers, unclosed fences, a truncated block at the very end).
 *
 * CLI: `npx tsx test/support/generate.ts --seed 1 --size 10MiB --out file`
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mulberry32 } from './random';

export interface GenerateOptions {
  readonly seed: number;
  /** Target size in UTF-8 bytes; the output stops at the first turn boundary at or past it. */
  readonly bytes: number;
}

// From __filename: imported by an ES module (the benchmark), tsx sets this file's __filename but not its __dirname.
const SEEDS_DIR = join(dirname(__filename), '..', '..', 'seeds');

/** The share of turns with at least one FILE block, as the issue describes real dumps. */
const FILE_BLOCK_TURN_RATE = 0.07;
const FENCE_TURN_RATE = 0.06;
/** Mistakes stay rare: a real dump has a handful per MiB, not one per turn. */
const MALFORMED_TURN_RATE = 0.004;

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  /** An integer in `[min, max]`. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight; `entries` pairs each item with its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }
}

/** What the seeds offer: prose sentences, whole structured lines (lists, quotes), and vocabulary. */
interface Corpus {
  readonly sentences: readonly string[];
  readonly structuredLines: readonly string[];
  readonly englishWords: readonly string[];
  readonly chinesePhrases: readonly string[];
}

const SPEAKER_LINE = /^\[[^\]]+\]:\s?/;
// A sentence ends after CJK or ASCII terminal punctuation, with any emoji or closing quotes that follow.
// eslint-disable-next-line no-misleading-character-class -- the joiner and variation selector may trail an emoji on their own
const SENTENCE = /[^。！？!?~]+(?:[。！？!?~]+|$)[\s"”’』」)）\p{Extended_Pictographic}\u200d\ufe0f]*/gu;

function readCorpus(): Corpus {
  const sentences: string[] = [];
  const structuredLines: string[] = [];
  const englishWords = new Set<string>();
  const chinesePhrases = new Set<string>();
  for (const name of readdirSync(SEEDS_DIR)
    .filter((file) => file.endsWith('.txt'))
    .sort()) {
    let inFence = false;
    for (const rawLine of readFileSync(join(SEEDS_DIR, name), 'utf8').split(/\r?\n/)) {
      if (rawLine.trimStart().startsWith('```')) {
        inFence = !inFence;
        continue;
      }
      const line = rawLine.replace(SPEAKER_LINE, '').trim();
      if (inFence || line === '') continue;
      if (/^(?:[-*>]|\d+\.)\s/.test(line)) {
        structuredLines.push(line);
        continue;
      }
      for (const match of line.matchAll(SENTENCE)) {
        const sentence = match[0].trim();
        if (sentence.length >= 4) sentences.push(sentence);
      }
      for (const word of line.match(/[A-Za-z]{3,}/g) ?? []) englishWords.add(word.toLowerCase());
      for (const phrase of line.match(/[\u4e00-\u9fff]{2,6}/g) ?? []) chinesePhrases.add(phrase);
    }
  }
  if (sentences.length === 0) throw new Error(`no sentences found in ${SEEDS_DIR}`);
  return {
    sentences,
    structuredLines,
    englishWords: [...englishWords].sort(),
    chinesePhrases: [...chinesePhrases].sort(),
  };
}

// The two seed speakers dominate, as in real dumps; the others exercise wide, CJK and dotted labels.
const SPEAKERS: readonly (readonly [string, number])[] = [
  ['A', 40],
  ['B', 40],
  ['用户', 6],
  ['Dr. Chen', 5],
  ['Assistant', 5],
  ['小王', 2],
  ['Maria José', 1],
  ['GPT-4o', 1],
];

const FILE_BLOCK_INTROS = [
  '我把文件贴在这里：',
  'Here is the file:',
  '完整代码如下👇',
  'Updated version, 你看看：',
  '附上config：',
];

type Language = 'py' | 'js' | 'ts' | 'json' | 'md' | 'sh' | 'yaml' | 'sql' | 'go';
const LANGUAGES: readonly (readonly [Language, number])[] = [
  ['py', 30],
  ['js', 15],
  ['ts', 12],
  ['json', 12],
  ['md', 10],
  ['sh', 8],
  ['yaml', 6],
  ['sql', 4],
  ['go', 3],
];
const DIRECTORIES = ['', 'src/', 'scripts/', 'config/', 'notebooks/', 'lib/utils/', 'docs/'];

class TranscriptWriter {
  private readonly random: Random;
  private readonly corpus: Corpus;
  private readonly lines: string[] = [];
  private usedPaths = new Set<string>();

  constructor(seed: number, corpus: Corpus) {
    this.random = new Random(seed);
    this.corpus = corpus;
  }

  generate(targetBytes: number): string {
    const chunks: string[] = [];
    let bytes = 0;
    // Exports often start with a header line before the first turn.
    if (this.random.chance(0.5)) {
      chunks.push(
        `Chat export · ${2023 + this.random.int(0, 2)}-0${this.random.int(1, 9)}-1${this.random.int(0, 9)}\n\n`,
      );
    }
    while (bytes < targetBytes) {
      this.writeTurn();
      const chunk = this.lines.join('\n') + '\n';
      this.lines.length = 0;
      chunks.push(chunk);
      bytes += Buffer.byteLength(chunk, 'utf8');
    }
    // Dumps end where the export was cut off, often mid-file: the one unterminated block a real file has
    // (anywhere else it would swallow every later turn).
    this.lines.push(`[${this.speaker()}]: ${FILE_BLOCK_INTROS[0]}`, `<<<FILE ${this.path('py')}`, ...this.code('py'));
    chunks.push(this.lines.join('\n') + '\n');
    this.lines.length = 0;
    return chunks.join('');
  }

  private speaker(): string {
    return this.random.weighted(SPEAKERS);
  }

  private sentences(min: number, max: number): string {
    const count = this.random.int(min, max);
    let text = '';
    for (let i = 0; i < count; i++) {
      const sentence = this.random.pick(this.corpus.sentences);
      // Chinese sentences run together; English ones want a space.
      text += text === '' || /[\u3000-\u9fff\uff00-\uffef]$/.test(text) ? sentence : ` ${sentence}`;
    }
    return text;
  }

  private writeTurn(): void {
    this.usedPaths = new Set();
    this.lines.push(`[${this.speaker()}]: ${this.sentences(1, 3)}`);
    const paragraphs = this.random.int(0, 4);
    for (let i = 0; i < paragraphs; i++) {
      this.lines.push('');
      this.writeParagraph();
    }
    if (this.random.chance(FENCE_TURN_RATE)) {
      this.lines.push('', this.sentences(1, 1));
      this.writeFence();
    }
    if (this.random.chance(FILE_BLOCK_TURN_RATE)) {
      const blocks = this.random.weighted([
        [1, 80],
        [2, 15],
        [3, 5],
      ] as const);
      for (let i = 0; i < blocks; i++) {
        this.lines.push('', this.random.pick(FILE_BLOCK_INTROS));
        this.writeFileBlock(this.random.weighted(LANGUAGES));
      }
      if (this.random.chance(0.6)) this.lines.push('', this.sentences(1, 2));
    }
    if (this.random.chance(MALFORMED_TURN_RATE)) this.writeMistake();
  }

  private writeParagraph(): void {
    const kind = this.random.weighted([
      ['prose', 70],
      ['list', 15],
      ['quote', 5],
      ['seedLine', 10],
    ] as const);
    if (kind === 'prose') {
      this.lines.push(this.sentences(1, 4));
    } else if (kind === 'list') {
      const items = this.random.int(2, 5);
      for (let i = 0; i < items; i++) this.lines.push(`- ${this.sentences(1, 1)}  `);
    } else if (kind === 'quote') {
      this.lines.push(`> ${this.sentences(1, 2)}`);
    } else if (this.corpus.structuredLines.length > 0) {
      this.lines.push(this.random.pick(this.corpus.structuredLines));
    }
  }

  private writeFence(): void {
    const language = this.random.weighted(LANGUAGES);
    this.lines.push('```' + (language === 'md' ? 'markdown' : language), ...this.code(language, 3, 15), '```');
  }

  private path(language: Language): string {
    const stem = this.random.pick(this.corpus.englishWords);
    const name = language === 'md' && this.random.chance(0.3) ? 'README' : stem;
    return `${this.random.pick(DIRECTORIES)}${name}.${language}`;
  }

  private writeFileBlock(language: Language): void {
    let path = this.path(language);
    while (this.usedPaths.has(path)) path = this.path(language);
    this.usedPaths.add(path);
    this.lines.push(`<<<FILE ${path}`, ...this.code(language), 'FILE>>>');
  }

  /** One of the mistakes the core must diagnose; each is local to this turn. */
  private writeMistake(): void {
    const kind = this.random.pick([
      'missing-path',
      'stray-closer',
      'look-alike-opener',
      'look-alike-closer',
      'unclosed-fence',
      'unsafe-path',
      'empty-block',
      'duplicate-path',
      'nested-opener',
      'fullwidth-colon',
    ] as const);
    this.lines.push('');
    switch (kind) {
      case 'missing-path':
        this.lines.push('<<<FILE', ...this.code('py', 3, 8), 'FILE>>>');
        break;
      case 'stray-closer':
        this.lines.push(this.sentences(1, 1), 'FILE>>>');
        break;
      case 'look-alike-opener':
        this.lines.push(`<<<FILE:${this.path('js')}>>>`, ...this.code('js', 3, 8), 'FILE>>>');
        break;
      case 'look-alike-closer':
        this.lines.push(`<<<FILE ${this.path('sh')}`, ...this.code('sh', 3, 8), 'FILE >>>', 'FILE>>>');
        break;
      case 'unclosed-fence':
        this.lines.push('```python', ...this.code('py', 2, 6));
        break;
      case 'unsafe-path':
        this.lines.push('<<<FILE ../../etc/hosts', '127.0.0.1 localhost', 'FILE>>>');
        break;
      case 'empty-block':
        this.lines.push(`<<<FILE ${this.path('json')}`, 'FILE>>>');
        break;
      case 'duplicate-path': {
        const path = this.path('yaml');
        this.lines.push(
          `<<<FILE ${path}`,
          ...this.code('yaml', 2, 5),
          'FILE>>>',
          '',
          `<<<FILE ${path}`,
          ...this.code('yaml', 2, 5),
          'FILE>>>',
        );
        break;
      }
      case 'nested-opener':
        this.lines.push(
          `<<<FILE ${this.path('md')}`,
          ...this.code('md', 2, 4),
          `<<<FILE ${this.path('py')}`,
          ...this.code('py', 2, 4),
          'FILE>>>',
        );
        break;
      case 'fullwidth-colon':
        this.lines.push(`[${this.speaker()}]：${this.sentences(1, 2)}`);
        break;
    }
  }

  private identifier(): string {
    return this.random.pick(this.corpus.englishWords);
  }

  private comment(): string {
    return `${this.random.pick(this.corpus.chinesePhrases)} ${this.identifier()}`;
  }

  /** Plausible code: the shapes of each language with identifiers and comments from the seeds. */
  private code(language: Language, minLines = 6, maxLines = 60): string[] {
    const target = this.random.int(minLines, maxLines);
    const out: string[] = [];
    const makers: Record<Language, () => string[]> = {
      py: () => [
        `def ${this.identifier()}_${this.identifier()}(${this.identifier()}, ${this.identifier()}=None):`,
        `    """${this.sentences(1, 1)}"""`,
        `    result = [${this.identifier()} for ${this.identifier()} in range(${this.random.int(1, 100)})]  # ${this.comment()}`,
        `    if ${this.identifier()} is not None:`,
        `        result.append(${this.identifier()}.get("${this.identifier()}", ${this.random.int(0, 9)}))`,
        '    return result',
        '',
      ],
      js: () => [
        `export function ${this.identifier()}(${this.identifier()}, options = {}) {`,
        `  // ${this.comment()}`,
        `  const ${this.identifier()} = options.${this.identifier()} ?? ${this.random.int(0, 500)};`,
        `  return fetch(\`/api/${this.identifier()}/\${${this.identifier()}}\`).then((r) => r.json());`,
        '}',
        '',
      ],
      ts: () => [
        `interface ${this.identifier()}Config {`,
        `  ${this.identifier()}: string; // ${this.comment()}`,
        `  ${this.identifier()}?: number;`,
        '}',
        `const ${this.identifier()}: ${this.identifier()}Config = { ${this.identifier()}: '${this.random.pick(this.corpus.chinesePhrases)}' };`,
        '',
      ],
      json: () => [
        `  "${this.identifier()}": {`,
        `    "${this.identifier()}": "${this.random.pick(this.corpus.chinesePhrases)}",`,
        `    "${this.identifier()}": ${this.random.int(0, 9999)},`,
        `    "enabled": ${this.random.chance(0.5)}`,
        '  },',
      ],
      md: () => [
        `## ${this.random.pick(this.corpus.chinesePhrases)} ${this.identifier()}`,
        '',
        this.sentences(1, 2),
        // Reference definitions look like speaker lines; inside a FILE block they are content.
        ...(this.random.chance(0.3) ? [`[${this.identifier()}]: https://example.com/${this.identifier()}`] : []),
        '',
      ],
      sh: () => [
        `# ${this.comment()}`,
        `export ${this.identifier().toUpperCase()}="\${${this.identifier().toUpperCase()}:-${this.identifier()}}"`,
        `python -m ${this.identifier()} --${this.identifier()} ${this.random.int(1, 64)} | tee logs/${this.identifier()}.log`,
      ],
      yaml: () => [
        `${this.identifier()}:`,
        `  ${this.identifier()}: ${this.random.int(0, 1000)}`,
        `  ${this.identifier()}: "${this.random.pick(this.corpus.chinesePhrases)}"  # ${this.identifier()}`,
      ],
      sql: () => [
        `SELECT ${this.identifier()}, COUNT(*) AS n`,
        `FROM ${this.identifier()} WHERE ${this.identifier()} > ${this.random.int(0, 100)} -- ${this.comment()}`,
        `GROUP BY ${this.identifier()};`,
        '',
      ],
      go: () => [
        `func ${this.identifier()}(${this.identifier()} int) (string, error) {`,
        `\t// ${this.comment()}`,
        `\treturn fmt.Sprintf("%d-${this.identifier()}", ${this.identifier()}), nil`,
        '}',
        '',
      ],
    };
    if (language === 'json') out.push('{');
    while (out.length < target) out.push(...makers[language]());
    if (language === 'json') out.push(`  "end": true`, '}');
    return out;
  }
}

let cachedCorpus: Corpus | undefined;

/** A transcript of at least `bytes` UTF-8 bytes, identical for identical options. */
export function generateTranscript(options: GenerateOptions): string {
  cachedCorpus ??= readCorpus();
  return new TranscriptWriter(options.seed, cachedCorpus).generate(options.bytes);
}

/** `10MiB`, `1.5MB`, `4096` → bytes. */
export function parseSize(size: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|KB|MB|GB)?$/i.exec(size.trim());
  if (!match) throw new Error(`cannot read size "${size}" (try 10MiB)`);
  const units: Record<string, number> = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, kb: 1e3, mb: 1e6, gb: 1e9 };
  return Math.round(Number(match[1]) * units[(match[2] ?? 'b').toLowerCase()]!);
}

function main(argv: readonly string[]): void {
  const option = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const out = option('out');
  const text = generateTranscript({ seed: Number(option('seed') ?? 1), bytes: parseSize(option('size') ?? '1MiB') });
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

if (require.main === module) main(process.argv.slice(2));
