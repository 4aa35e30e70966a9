/**
 * The while rules against the real grammars VS Code ships (from the tm-grammars package): in every
 * embedded language, a construct left open (a comment, a string, a heredoc) must not run past the
 * FILE>>> line or the closing fence, and a speaker line must still end a fence.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { INITIAL, type IGrammar, type StateStack } from 'vscode-textmate';
import { loadGrammar, testGrammarFiles, TRANSCRIPT_SCOPE } from './load-grammar';

interface EmbeddedLanguage {
  /** VS Code language id, the suffix of `meta.embedded.block.<id>`. */
  readonly id: string;
  readonly scope: string;
  /** The file name of the grammar in tm-grammars/grammars. */
  readonly grammarName: string;
  readonly extension: string;
  /** Lines that leave a construct of the language open. */
  readonly unclosed: readonly string[];
  /** How the language's own scope names end, to tell that its grammar was applied. */
  readonly scopeSuffix: string;
}

const LANGUAGES: readonly EmbeddedLanguage[] = [
  { id: 'python', scope: 'source.python', grammarName: 'python', extension: 'py', unclosed: ['x = """open'], scopeSuffix: '.python' },
  { id: 'javascript', scope: 'source.js', grammarName: 'javascript', extension: 'js', unclosed: ['/* open'], scopeSuffix: '.js' },
  { id: 'typescript', scope: 'source.ts', grammarName: 'typescript', extension: 'ts', unclosed: ['const s = `open'], scopeSuffix: '.ts' },
  { id: 'typescriptreact', scope: 'source.tsx', grammarName: 'tsx', extension: 'tsx', unclosed: ['const e = <div>'], scopeSuffix: '.tsx' },
  { id: 'json', scope: 'source.json', grammarName: 'json', extension: 'json', unclosed: ['{"key": ["open'], scopeSuffix: '.json' },
  { id: 'markdown', scope: 'text.html.markdown', grammarName: 'markdown', extension: 'md', unclosed: ['```python', 'x = """open'], scopeSuffix: '.markdown' },
  { id: 'shellscript', scope: 'source.shell', grammarName: 'shellscript', extension: 'sh', unclosed: ['cat <<EOF', 'open'], scopeSuffix: '.shell' },
  { id: 'yaml', scope: 'source.yaml', grammarName: 'yaml', extension: 'yaml', unclosed: ['key: |', '  open'], scopeSuffix: '.yaml' },
  { id: 'html', scope: 'text.html.basic', grammarName: 'html', extension: 'html', unclosed: ['<!-- open'], scopeSuffix: '.html' },
  { id: 'css', scope: 'source.css', grammarName: 'css', extension: 'css', unclosed: ['/* open'], scopeSuffix: '.css' },
  { id: 'rust', scope: 'source.rust', grammarName: 'rust', extension: 'rs', unclosed: ['/* open'], scopeSuffix: '.rust' },
  { id: 'go', scope: 'source.go', grammarName: 'go', extension: 'go', unclosed: ['s := `open'], scopeSuffix: '.go' },
  { id: 'java', scope: 'source.java', grammarName: 'java', extension: 'java', unclosed: ['/* open'], scopeSuffix: '.java' },
  { id: 'c', scope: 'source.c', grammarName: 'c', extension: 'c', unclosed: ['/* open'], scopeSuffix: '.c' },
  { id: 'cpp', scope: 'source.cpp', grammarName: 'cpp', extension: 'cpp', unclosed: ['auto s = R"(open'], scopeSuffix: '.cpp' },
];

const grammarFiles = new Map([[TRANSCRIPT_SCOPE, testGrammarFiles().get(TRANSCRIPT_SCOPE)!]]);
for (const language of LANGUAGES) {
  grammarFiles.set(language.scope, require.resolve(`tm-grammars/grammars/${language.grammarName}.json`));
}

let grammar: IGrammar;

before(async () => {
  grammar = await loadGrammar(TRANSCRIPT_SCOPE, grammarFiles);
});

/** Tokenizes `lines` in order; returns each line's tokens' scopes and the final state. */
function tokenize(lines: readonly string[], withGrammar = grammar): { scopes: string[][][]; state: StateStack } {
  let state = INITIAL;
  const scopes = lines.map((line) => {
    const result = withGrammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => token.scopes);
  });
  return { scopes, state };
}

const firstTokenScopes = (lineScopes: string[][]): string[] => lineScopes[0] ?? [];

for (const language of LANGUAGES) {
  describe(`${language.id} (${language.scope})`, () => {
    test('the sample leaves a construct open in the language on its own', async () => {
      const { state } = tokenize(language.unclosed, await loadGrammar(language.scope, grammarFiles));
      assert.ok(state.depth > 1, `stack depth ${state.depth}`);
    });

    test('an open construct in a FILE block ends at FILE>>>', () => {
      const { scopes } = tokenize([`<<<FILE src/a.${language.extension}`, ...language.unclosed, 'FILE>>>', '[B]: hi']);
      const content = scopes.slice(1, -2).flat();
      assert.ok(content.every((s) => s.includes(`meta.embedded.block.${language.id}`)), 'content is embedded');
      assert.ok(content.flat().some((s) => s.endsWith(language.scopeSuffix)), `the ${language.scope} grammar applied`);
      const closer = firstTokenScopes(scopes.at(-2)!);
      assert.ok(closer.includes('keyword.control.file-block.end.transcript'), closer.join(' '));
      assert.ok(!closer.some((s) => s.startsWith('meta.embedded')), closer.join(' '));
      assert.ok(scopes.at(-1)!.flat().includes('entity.name.tag.speaker.transcript'));
    });

    test('an open construct in a fence ends at the closing fence', () => {
      const { scopes } = tokenize([`\`\`\`\`${language.id}`, ...language.unclosed, '````', 'after']);
      const closer = firstTokenScopes(scopes.at(-2)!);
      assert.ok(closer.includes('punctuation.definition.fenced-code.end.transcript'), closer.join(' '));
      assert.deepEqual(firstTokenScopes(scopes.at(-1)!), [TRANSCRIPT_SCOPE]);
    });

    test('an open construct in a fence ends at a speaker line', () => {
      const { scopes } = tokenize([`~~~${language.id}`, ...language.unclosed, '[B]: hi']);
      assert.deepEqual(firstTokenScopes(scopes.at(-1)!), [
        TRANSCRIPT_SCOPE,
        'meta.tag.speaker.transcript',
        'punctuation.definition.tag.begin.transcript',
      ]);
    });
  });
}
