// Flat config: the recommended JS and typescript-eslint rules, one type-aware rule (floating
// promises), and the layer boundaries of docs/architecture.md as no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const EXPRESS = { name: 'express', message: 'Plain TypeScript here: HTTP lives in src/mock/http (docs/architecture.md, "Layers").' };
/** node:* modules that do I/O; pure ones (crypto, buffer, querystring) stay allowed. */
const NODE_IO = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'fs', 'fs/promises', 'child_process', 'worker_threads', 'cluster', 'readline'].flatMap(
  (m) => [`node:${m}`, m].map((name) => ({ name, message: 'No I/O here: the engine and the rules are pure (docs/architecture.md, "Layers").' })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'bench/results/**', 'coverage/**', 'test/**/.tmp-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Determinism: engine code must take time and randomness from injected sources.
      'no-restricted-properties': 'off',
    },
  },
  {
    // Type-aware: a promise nobody awaits or catches loses its errors (and, in a server, its answer).
    files: ['**/*.ts', '**/*.tsx'],
    // The consumer fixture is a separate project, type-checked against the packed package only.
    ignores: ['test/package/consumer/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['src/mock/engine/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator (engine/random.ts).' },
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected clock.' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [EXPRESS, ...NODE_IO],
          patterns: [{ group: ['**/http/**', '**/conformance/**', '**/cli/**'], message: 'The engine knows nothing of the HTTP layer, the runner or the CLI.' }],
        },
      ],
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [EXPRESS, ...NODE_IO],
          patterns: [{ group: ['**/mock/**', '**/conformance/**', '**/cli/**', '**/client/**'], message: 'The rules are shared by the mock, the proxy and the client runner: they import none of them.' }],
        },
      ],
    },
  },
  {
    files: ['src/conformance/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/mock/http/**'], message: "Use the shared rules (src/rules) or the mock's public surface (src/mock/index.ts), not the mock's HTTP internals." }] },
      ],
    },
  },
  {
    // Plain-JS children of the benchmark run on Node directly.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', setImmediate: 'readonly', globalThis: 'readonly' } },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
