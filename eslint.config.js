// Flat config: the recommended JS and typescript-eslint rules, nothing exotic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['src/mock/engine/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator (engine/random.ts).' },
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected clock.' }],
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
