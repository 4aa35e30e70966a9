/**
 * Loads TextMate grammars with vscode-textmate and vscode-oniguruma, the engine VS Code itself uses,
 * so tests and benchmarks tokenize exactly as the editor does.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { parseRawGrammar, Registry, type IGrammar, type IOnigLib } from 'vscode-textmate';

export const TRANSCRIPT_SCOPE = 'text.transcript';

/**
 * The grammar set vscode-tmgrammar-test reads too: the transcript grammar plus embedded-language stubs.
 * Found with require.resolve rather than __dirname, which tsx leaves wrong when an ES module (bench/)
 * imports this file.
 */
const TEST_CONFIG_PATH = require.resolve('./tmgrammar.config.json');

let onigLib: Promise<IOnigLib> | undefined;

/** The WebAssembly regex engine, read and instantiated once, shared by every registry. */
function loadOnigLib(): Promise<IOnigLib> {
  onigLib ??= loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'))).then(() => ({
    createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
    createOnigString: (text: string) => new OnigString(text),
  }));
  return onigLib;
}

/**
 * Loads `scopeName` from `grammarFiles` (scope name → grammar file path). Scopes it includes that are
 * not in `grammarFiles` are left out, as VS Code does when a grammar is not installed.
 */
export async function loadGrammar(scopeName: string, grammarFiles: ReadonlyMap<string, string>): Promise<IGrammar> {
  const registry = new Registry({
    onigLib: loadOnigLib(),
    loadGrammar: (scope) => {
      const path = grammarFiles.get(scope);
      return Promise.resolve(path === undefined ? null : parseRawGrammar(readFileSync(path, 'utf8'), path));
    },
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

/** Scope name → absolute path of every grammar in tmgrammar.config.json. */
export function testGrammarFiles(): Map<string, string> {
  const config = JSON.parse(readFileSync(TEST_CONFIG_PATH, 'utf8')) as {
    contributes: { grammars: { scopeName: string; path: string }[] };
  };
  return new Map(config.contributes.grammars.map((g) => [g.scopeName, resolve(dirname(TEST_CONFIG_PATH), g.path)]));
}

/** The transcript grammar, with the embedded languages resolved to the stand-ins in test/grammar/stubs. */
export function loadTranscriptGrammar(): Promise<IGrammar> {
  return loadGrammar(TRANSCRIPT_SCOPE, testGrammarFiles());
}
