// Lint rules that keep the code's promises: type-checked TypeScript rules, and the layering
// (core ← server ← client/cli) as import restrictions, so a wrong import fails `npm run lint`.
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** The import restrictions of one layer, as `no-restricted-imports` options. */
const layer = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }];

const coreIsPure = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'src/core runs anywhere: no Node built-ins.' })),
    { name: 'vscode', message: 'src/core knows no editor: no vscode.' },
    {
      name: 'vscode-languageserver',
      message: 'src/core has no LSP connection: import protocol types from vscode-languageserver-types.',
    },
    {
      name: 'vscode-languageserver/node',
      message: 'src/core has no LSP connection: import protocol types from vscode-languageserver-types.',
    },
    { name: 'vscode-languageclient', message: 'src/core knows no editor.' },
    { name: 'vscode-languageclient/node', message: 'src/core knows no editor.' },
  ],
  patterns: [
    {
      group: ['**/server/**', '**/server', '**/client/**', '**/client', '**/cli/**', '**/cli'],
      message: 'src/core depends on no other layer.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      '.code-server/**',
      'bench/peers/**',
      'bench/results/**',
      'bench/.cache/**',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe and it return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Tests read the CLI's JSON and SARIF as parsed, untyped values: asserting their shape is the test.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': layer(coreIsPure) } },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': layer({
        paths: [{ name: 'vscode', message: 'The server runs outside VS Code: no vscode.' }],
        patterns: [
          {
            group: ['**/client/**', '**/client', '**/cli/**', '**/cli'],
            message: 'src/server imports core only, never client or cli.',
          },
        ],
      }),
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': layer({
        paths: [{ name: 'vscode', message: 'The CLI runs outside VS Code: no vscode.' }],
        patterns: [
          {
            group: ['**/server/**', '**/server', '**/client/**', '**/client'],
            message: 'src/cli imports core only, never server or client.',
          },
        ],
      }),
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': layer({
        patterns: [
          {
            group: ['**/server/**', '**/server', '**/cli/**', '**/cli'],
            message: 'src/client talks to the server over LSP, never by import.',
          },
          {
            // The chat's stylesheet, HTML escaping and CSV hold no model: the page shells and copies use them.
            regex: '(^|/)core(/(?!(chat-css|html|csv)$).*)?$',
            allowTypeImports: true,
            message: 'src/client imports core only as types: the server owns the model.',
          },
        ],
      }),
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
