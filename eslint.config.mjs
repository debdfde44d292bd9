import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'coverage/',
      '.serverless/',
      '.esbuild/',
      'dist/',
      'reports/',
      '.stryker-tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node scripts (quality/run-mutation.mjs, stryker.config.mjs).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Workflows, state, aws, cost and the diagrams never know about Slack or the sandbox (DESIGN.md: dependency direction).
    files: ['src/workflows/**', 'src/state/**', 'src/aws/**', 'src/cost/**', 'src/diagram/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@slack/*', '**/bot/**', '**/sandbox/**'] }],
    },
  },
  {
    files: ['src/bot/**', 'src/handlers/**', 'src/cli/**', 'src/config/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/sandbox/**'] }] },
  },
);
