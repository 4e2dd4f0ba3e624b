// @ts-check
import boundaries from 'eslint-plugin-boundaries';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * The linter: Next.js's rules (React, hooks, Core Web Vitals), typescript-eslint, the full
 * jsx-a11y set, and the architecture written as rules (eslint-plugin-boundaries), so that a change that
 * crosses a layer fails `npm test` rather than waiting for a reviewer to notice.
 *
 * The layers, from the bottom up (ARCHITECTURE in README.md says the same in words):
 *
 *   shared       plain rules and helpers safe anywhere: who the viewer is and what they may do
 *                (lib/auth), errors, formats, dates, names
 *   extract      reading text out of documents: knows nothing of the hub (no database, no domain)
 *   checks       checking uploaded files for personal data, hidden content and accessibility
 *                signals, cleaning them and suggesting tags: built on extract, knows nothing of the hub
 *   data         the database, file storage, search engines, jobs, mail, configuration
 *   domain       what the hub does: one verb per file, permission checked inside each
 *   web          the Next.js layer: HTTP helpers, sign-in machinery, the runtime that wires it all
 *   app          pages and route handlers: thin, they call the domain and never touch the database
 *
 * Test support (the stand-ins, fixtures and contract suites under any `testing/` folder, and the
 * tests themselves) may use anything; production code may never import it.
 */

/** Tests and the support that exists only for them: they may import anything, and nothing else may import them. */
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'e2e/**', 'playwright.config.ts', 'vitest.config.mts'];

/** Where each layer lives (folders or files, from the project root). The first match decides. */
const elements = [
  { type: 'test-support', pattern: ['**/testing', 'e2e'], partialMatch: false },
  { type: 'extract', pattern: 'lib/extract', partialMatch: false },
  { type: 'checks', pattern: 'lib/checks', partialMatch: false },
  { type: 'shared', pattern: ['lib/auth', 'lib/errors', 'lib/formats', 'lib/text'], partialMatch: false },
  { type: 'data', pattern: ['lib/db', 'lib/storage', 'lib/config'], partialMatch: false },
  { type: 'web', pattern: ['lib/http', 'lib/sign-in', 'lib/runtime'], partialMatch: false },
  { type: 'cli', pattern: ['lib/cli', 'bench'], partialMatch: false },
  { type: 'domain', pattern: 'lib/*', partialMatch: false },
  { type: 'app', pattern: 'app', partialMatch: false },
];

const databaseModules = ['drizzle-orm', 'drizzle-orm/**', 'pg', '@electric-sql/pglite', '@electric-sql/pglite/**', 'pg-boss'];

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  globalIgnores(['.next/**', '.data/**', 'node_modules/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'bench/results/**']),

  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      ...jsxA11y.flatConfigs.strict.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Plain links on purpose: every page works without JavaScript, and <Link> would add the client
      // router's JavaScript to pages that need none (see the phone performance budget in bench/).
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  // Playwright fixtures call `use(…)`, which the React hooks rule mistakes for React's `use`.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  // CommonJS configuration files (next.config.js) are loaded by Node with require.
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },

  {
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts'],
    ignores: testFiles,
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
      'boundaries/elements': elements,
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              // Pages and route handlers call the domain; the database is reached only through it.
              from: { element: { type: 'app' } },
              disallow: { to: [{ element: { type: 'data' } }, { module: { origin: 'external', source: databaseModules } }] },
              message: 'app/ calls domain functions (lib/…) and never the database, storage or search engine directly',
            },
            {
              // Reading documents is a library of its own: it must not know about materials or the database.
              from: { element: { type: 'extract' } },
              disallow: { to: { element: { type: '!{extract,shared}' } } },
              message: 'lib/extract/ is standalone: it may use only itself and the shared helpers',
            },
            {
              // Checking files is a library of its own too: over a file's bytes, on top of extract.
              from: { element: { type: 'checks' } },
              disallow: { to: { element: { type: '!{checks,extract,shared}' } } },
              message: 'lib/checks/ is standalone: it may use only itself, lib/extract and the shared helpers',
            },
            {
              // The rules everything depends on sit at the bottom: they never reach up to HTTP or sign-in.
              from: { element: { type: 'shared' } },
              disallow: { to: { element: { type: '!shared' } } },
              message: 'the shared layer (lib/auth, errors, formats) depends on nothing above it',
            },
            {
              from: { element: { type: '{data,domain,shared,extract,checks}' } },
              disallow: { to: { element: { type: '{app,web,cli}' } } },
              message: 'lib/ below the web layer never imports pages, route helpers, sign-in or command-line tools',
            },
            {
              // Stand-ins, fixtures and contract suites are for tests only.
              disallow: { to: { element: { type: 'test-support' } } },
              message: 'production code never imports test support (files under a testing/ folder, or tests)',
            },
          ],
        },
      ],
    },
  },

  // Type-aware rules need a TypeScript program; only the project's own sources are in it.
  {
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
]);
