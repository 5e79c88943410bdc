import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import {layersPlugin} from './scripts/layers.mjs'

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'coverage/', 'src/spec/*.generated.ts']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortController: 'readonly', performance: 'readonly'}},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
        message: '.only would silently skip the rest of the suite in CI',
      }],
    },
  },
  {
    // The folder graph: a room of src/ imports only rooms below it (scripts/layers.mjs), whatever the file's kind.
    files: ['src/**/*.{ts,mts,cts,js,mjs,cjs}'],
    plugins: {layers: layersPlugin},
    rules: {'layers/one-way': 'error'},
  },
  {
    // The launcher is CommonJS (bin/package.json), as are test preloads for `node -r`.
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: {sourceType: 'commonjs', globals: {require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly'}},
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
)
