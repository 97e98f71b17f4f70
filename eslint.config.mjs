// Flat config. The rule that matters most: src/core runs in plain Node and must never
// import `vscode` (DESIGN.md, convention 2).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.vscode-test/', 'dist/', 'out/', '.test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core runs in plain Node: no vscode import.' }],
          patterns: [
            { group: ['vscode/*'], message: 'src/core runs in plain Node: no vscode import.' },
          ],
        },
      ],
    },
  },
  {
    // Tests, benchmarks and scripts print their results.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**', 'esbuild.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
