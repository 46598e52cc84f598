// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.samlspec/**', 'reports-out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { z }` takes zod's namespace object whole, every language's messages included: ~430 kB more
      // for the CLI bundle to compile at each start (docs/performance.md).
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "import * as z from 'zod' (the bundler then keeps only what is used)",
        },
      ],
    },
  },
  // samlify's bundled xmldom 0.8 typings pull in lib.dom and break the project's types: load it only
  // through the small local facade.
  {
    files: ['**/*.ts'],
    ignores: ['fixtures/sps/samlify-sp/samlify-api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'samlify', message: 'use fixtures/sps/samlify-sp/samlify-api.ts' }] },
      ],
    },
  },
  // Layering (docs/contributing.md §1): the mock IdP stands alone and never reaches into the runner or reports.
  {
    files: ['mock-idp/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/runner/**', '**/reports/**', '**/scenarios/**'] }],
    },
  },
  // The catalog stays data: scenario files may import only scenario helpers and mock-idp types.
  {
    files: ['scenarios/**/*.ts'],
    ignores: ['scenarios/**/*.test.ts', 'scenarios/test-support/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/runner/**', '**/reports/**'] }] },
  },
  // Reports see only result types; the one exception is the dependency-free XML escaper they share.
  {
    files: ['reports/**/*.ts'],
    ignores: ['reports/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)mock-idp/(?!util/xml-escape\\.js$)', message: 'reports see only result types' },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
