// Lint for correctness; Prettier owns layout (eslint-config-prettier turns the overlapping rules off).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/', 'cdktf.out/', 'coverage/', 'node_modules/', 'test/golden/', 'test/fixtures/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly'},
    },
    rules: {
      // Sequential awaits are usually an accident; the few on purpose say why in a disable comment.
      'no-await-in-loop': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'},
      ],
      '@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
      eqeqeq: ['error', 'always', {null: 'ignore'}],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message:
            "import * as z from 'zod': the bundle then keeps only the parts used (the named z keeps all of zod, ~750 KB).",
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message:
                'Import one resource: @cdktf/provider-aws/lib/<resource>/index.js (the root loads every binding, ~2 s).',
            },
            {
              name: '@oclif/core',
              message: 'Use a subpath (@oclif/core/command, /flags, ...): the root runs a version check at start-up.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks run steps one after another on purpose (a fixture per case, a run per sample).
    files: ['test/**', 'bench/**'],
    rules: {'no-await-in-loop': 'off'},
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // bin/ is CommonJS (bin/package.json): the launcher starts without Node's ES module loader.
    files: ['bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {require: 'readonly', module: 'writable', __dirname: 'readonly'},
    },
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
  prettier,
)
