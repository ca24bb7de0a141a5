// One lint config for the whole monorepo (ESLint 9 flat config), type-aware: every TypeScript file is checked
// against the tsconfig of the workspace it belongs to, so rules like no-floating-promises see real types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      'packages/db/dist/**',
      '**/.turbo/**',
      '**/generated/**',
      // 5 MB of dictionary data (see its README).
      'packages/chat-core/src/practice/dictionary/cedict-glosses.ts',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/next-env.d.ts',
      '.lumi/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/test/**', '**/e2e/**'],
    rules: {
      // Test doubles implement async interfaces (a provider's stream) without having anything to await.
      '@typescript-eslint/require-await': 'off',
      // Tests read wire JSON and assert its shape with expect(); typing every response first would only restate it.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // Plain JavaScript (config files, the pre-install launcher) belongs to no tsconfig.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
