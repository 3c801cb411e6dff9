// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import moduleBoundaries from './eslint-rules/module-boundaries.js';

/**
 * Lint: the recommended JavaScript and TypeScript rules (without type information, so
 * `npm run lint` stays fast), plus the architecture's own rules — module boundaries and
 * "nothing but src/platform/config reads process.env".
 */
export default tseslint.config(
  {
    ignores: [
      'public/build/**',
      'dist/**',
      'data/**',
      'coverage/**',
      'node_modules/**',
      'tmp/**',
      'tmp-*/**',
      '.tmp-*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain-JavaScript scripts run by Node without a TypeScript loader (scripts/build.mjs).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { local: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: {
      'local/module-boundaries': 'error',
      // Unused arguments are part of a signature (Fastify plugins take `options`); name them `_x`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Visible but not blocking: generic registries (jobs of many payload types) need it now and then.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // Frozen migrations are written against Kysely<any> on purpose: they never import app types.
    files: ['src/platform/db/migrations/**', 'src/modules/*/migrations/**', 'src/platform/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Configuration is parsed once, in one place (style.md, practice 10). Tests beside the code
    // may read the environment like the rest of the test tree (e.g. TEST_DATABASE_URL).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/platform/config/**', 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/platform/config (loadConfig) and pass it down.',
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
