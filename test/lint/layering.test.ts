import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

/**
 * The repository's own lint configuration, with the type-aware rules switched off so that a file that
 * exists only in the test can be linted; the import restrictions are not type-aware and stay as written.
 */
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

/** The messages of the layering rule for `source` as if it were the file at `file`. */
async function layeringErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the layering lint rules', () => {
  it('report a Node built-in imported by core', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/core/planted.ts',
          "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
        )
      ).length,
      1,
    );
  });

  it('report a Node built-in imported by core without the node: prefix', async () => {
    assert.equal(
      (await layeringErrors('src/core/planted.ts', "import * as path from 'path';\nexport const join = path.join;\n"))
        .length,
      1,
    );
  });

  it('report vscode imported by core', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/core/planted.ts',
          "import * as vscode from 'vscode';\nexport const window = vscode.window;\n",
        )
      ).length,
      1,
    );
  });

  it('report the LSP connection imported by core', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/core/planted.ts',
          "import { createConnection } from 'vscode-languageserver/node';\nexport const connect = createConnection;\n",
        )
      ).length,
      1,
    );
  });

  it('report core importing the server', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/core/planted.ts',
          "import { startServer } from '../server/server';\nexport const start = startServer;\n",
        )
      ).length,
      1,
    );
  });

  it('allow core to import protocol types', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/core/planted.ts',
        "import { Range } from 'vscode-languageserver-types';\nexport const empty = Range.create(0, 0, 0, 0);\n",
      ),
      [],
    );
  });

  it('report the server importing the client', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/server/planted.ts',
          "import { activate } from '../client/extension';\nexport const start = activate;\n",
        )
      ).length,
      1,
    );
  });

  it('report the server importing the CLI', async () => {
    assert.equal(
      (await layeringErrors('src/server/planted.ts', "import { main } from '../cli/main';\nexport const run = main;\n"))
        .length,
      1,
    );
  });

  it('allow the server to import core', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/server/planted.ts',
        "import { parse } from '../core/parse';\nexport const read = parse;\n",
      ),
      [],
    );
  });

  it('report the CLI importing the server', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/cli/planted.ts',
          "import { startServer } from '../server/server';\nexport const start = startServer;\n",
        )
      ).length,
      1,
    );
  });

  it('report a value the client imports from core', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/client/planted.ts',
          "import { parse } from '../core/parse';\nexport const read = parse;\n",
        )
      ).length,
      1,
    );
  });

  it('allow the client the chat stylesheet and HTML escaping, which hold no model', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/client/planted.ts',
        "import { CHAT_CSS } from '../core/chat-css';\nimport { escapeHtml } from '../core/html';\nexport const page = escapeHtml(CHAT_CSS);\n",
      ),
      [],
    );
  });

  it('allow the client the CSV writer, which holds no model', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/client/planted.ts',
        "import { csvRows } from '../core/csv';\nexport const rows = csvRows;\n",
      ),
      [],
    );
  });

  it('report the tokenizer imported by the client', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/client/planted.ts',
          "import { counter } from '../core/tokenizers/o200k_base';\nexport const count = counter.count;\n",
        )
      ).length,
      1,
    );
  });

  it('report the chat renderer imported by the client', async () => {
    assert.equal(
      (
        await layeringErrors(
          'src/client/planted.ts',
          "import { renderTurns } from '../core/chat-html';\nexport const render = renderTurns;\n",
        )
      ).length,
      1,
    );
  });

  it('allow the client to import types from core', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/client/planted.ts',
        "import type { Transcript } from '../core/model';\nexport type Model = Transcript;\n",
      ),
      [],
    );
  });
});

/** The compiler's errors for `source` as the file `src/core/planted.ts`, under src/core/tsconfig.json. */
function coreTypeErrors(source: string): string[] {
  const configPath = path.join(root, 'src/core/tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  assert.ok(config, 'src/core/tsconfig.json parses');
  const planted = path.join(root, 'src/core/planted.ts');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === planted ? source : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === planted || fileExists(file);
  const program = ts.createProgram([planted], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the core type-check', () => {
  it('rejects a Node global in core', () => {
    const errors = coreTypeErrors("export const home = process.env['HOME'];\n");
    assert.ok(
      errors.some((error) => error.includes("Cannot find name 'process'")),
      errors.join('\n'),
    );
  });

  it('rejects a DOM global in core', () => {
    const errors = coreTypeErrors('export const title = document.title;\n');
    assert.ok(
      errors.some((error) => error.includes("Cannot find name 'document'")),
      errors.join('\n'),
    );
  });

  it('accepts the language built-ins in core', () => {
    assert.deepEqual(coreTypeErrors("export const words = new Map<string, number>([['a', 1]]);\n"), []);
  });
});
