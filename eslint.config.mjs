// Lint rules that hold the shape of the code: typescript-eslint's type-aware recommended rules, and
// the layering as rules, not habits — the core is pure (no engine, no vscode, no file system, no
// processes), the engine and the CLI never import vscode, and only engine/processes.ts starts a
// process.
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only src/vscode (and extension.ts) may import vscode: the core, the engine and the CLI run in plain Node.' };
const noProcess = ['execa', 'child_process', 'node:child_process'].map((name) => ({ name, message: 'Start processes through src/engine/processes.ts.' }));
const nodeIo = ['fs', 'fs/promises', 'child_process', 'tls', 'http', 'https', 'dns', 'dns/promises', 'os'].flatMap((name) => [name, `node:${name}`]);
// node:net's BlockList and isIP are pure (the NO_PROXY rules use them); its sockets are not.
const pureNet = ['net', 'node:net'].map((name) => ({
  name,
  allowImportNames: ['BlockList', 'isIP'],
  message: 'The core opens no socket: only BlockList and isIP of node:net.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.vscode-test/**', 'test-results/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noVscode,
            ...noProcess,
            ...nodeIo
              .filter((name) => !name.endsWith('child_process'))
              .map((name) => ({ name, message: 'The core does no I/O: the engine reads files and talks to the network.' })),
            ...pureNet,
          ],
          patterns: [{ group: ['**/engine/*', '**/vscode/*', '**/cli/*', '**/cli'], message: 'The core imports nothing from the layers above it.' }],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode, ...noProcess],
          patterns: [{ group: ['**/vscode/*', '**/cli/*', '**/cli'], message: 'The engine imports only the core.' }],
        },
      ],
    },
  },
  {
    // The one way to start a process: argument arrays, the environment with Go's git hardening,
    // time limits, cancellation, and the kill of the whole process group.
    files: ['src/engine/processes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode], patterns: [{ group: ['**/vscode/*', '**/cli/*', '**/cli'], message: 'The engine imports only the core.' }] },
      ],
    },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode, ...noProcess], patterns: [{ group: ['**/vscode/*'], message: 'The CLI never imports the editor glue.' }] },
      ],
    },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noProcess }] },
  },
);
