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
 * The layers, from the bottom up (README.md, "How it is built", says the same in words):
 *
 *   shared       plain helpers safe anywhere: errors, file formats, names, dates, ids (lib/errors,
 *                lib/formats, lib/text)
 *   config       the settings, read from the environment once (lib/config)
 *   logging      the structured logger, with its redaction (lib/logging): server only, usable by
 *                everything from the database up; it reads only its level from the settings
 *   extract      reading text out of documents: a library of its own that knows nothing of the hub
 *   documents    writing documents (Markdown to DOCX and ODT): a library of its own too
 *   previews     drawing previews of documents: standalone too (it may use extract and the shared helpers)
 *   checks       checking uploaded files for personal data, hidden content and accessibility: standalone too
 *   data         the database and file storage (lib/db, lib/storage)
 *   auth         who the viewer is and what they may see or do (lib/auth): the rules everything
 *                depends on, with their SQL and Meilisearch twins
 *   domain       what the hub does, one verb per file, each checking permission itself (the rest of lib/)
 *   web          the Next.js side: HTTP helpers and form wrappers, sign-in (next-auth), the runtime that
 *                wires services together (lib/http, lib/sign-in, lib/runtime, lib/api: the JSON API)
 *   app          pages and route handlers: thin; they call the domain and never touch the database
 *   cli          command-line tools and benchmarks, which wire things up as the runtime does
 *
 * Test support (the stand-ins, fixtures and contract suites under any `testing/` folder, and the
 * tests themselves) may use anything; production code may never import it.
 */

/** Tests and the support that exists only for them: they may import anything, and nothing else may import them. */
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'e2e/**', 'playwright.config.ts', 'vitest.config.mts'];

/** Where each layer lives (folders, from the project root). The first match decides. */
const elements = [
  { type: 'test-support', pattern: ['**/testing', 'e2e'], partialMatch: false },
  { type: 'shared', pattern: ['lib/errors', 'lib/formats', 'lib/text'], partialMatch: false },
  { type: 'config', pattern: 'lib/config', partialMatch: false },
  { type: 'logging', pattern: 'lib/logging', partialMatch: false },
  { type: 'extract', pattern: 'lib/extract', partialMatch: false },
  { type: 'documents', pattern: 'lib/documents', partialMatch: false },
  { type: 'previews', pattern: 'lib/previews', partialMatch: false },
  { type: 'checks', pattern: 'lib/checks', partialMatch: false },
  { type: 'data', pattern: ['lib/db', 'lib/storage'], partialMatch: false },
  { type: 'auth', pattern: 'lib/auth', partialMatch: false },
  { type: 'web', pattern: ['lib/http', 'lib/sign-in', 'lib/runtime', 'lib/api'], partialMatch: false },
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
  {
    // A page or route handler that reaches `hub.db` has bypassed the domain layer and its permission checks.
    files: ['app/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: databaseModules,
              message: 'app/ calls domain functions (lib/…) and never the database or its drivers directly',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db']",
          message: 'Pages and route handlers never use the database handle: call a domain function in lib/ that checks permission.',
        },
      ],
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
              // Pages and route handlers call the domain; the database and storage are reached only through it.
              from: { element: { type: 'app' } },
              disallow: { to: { element: { type: 'data' } } },
              message: 'app/ calls domain functions (lib/…) and never the database or file storage directly',
            },
            {
              // Reading documents is a library of its own: it must not know about materials or the database.
              from: { element: { type: 'extract' } },
              disallow: { to: { element: { type: '!{extract,shared}' } } },
              message: 'lib/extract/ is standalone: it may use only itself and the shared helpers',
            },
            {
              // Writing documents is a library of its own too (its tests read the files back with lib/extract).
              from: { element: { type: 'documents' } },
              disallow: { to: { element: { type: '!{documents,shared}' } } },
              message: 'lib/documents/ is standalone: it may use only itself and the shared helpers (errors, formats)',
            },
            {
              from: { element: { type: 'previews' } },
              disallow: { to: { element: { type: '!{previews,extract,shared}' } } },
              message: 'lib/previews/ is standalone: it may use only itself, lib/extract and the shared helpers',
            },
            {
              from: { element: { type: 'checks' } },
              disallow: { to: { element: { type: '!{checks,extract,shared}' } } },
              message: 'lib/checks/ is standalone: it may use only itself, lib/extract and the shared helpers',
            },
            {
              from: { element: { type: 'shared' } },
              disallow: { to: { element: { type: '!shared' } } },
              message: 'the shared helpers (lib/errors, lib/formats, lib/text) depend on nothing else in the hub',
            },
            {
              // Everything logs through it, so it may use nothing but its settings and the shared helpers.
              from: { element: { type: 'logging' } },
              disallow: { to: { element: { type: '!{logging,config,shared}' } } },
              message: 'lib/logging sits just above the settings: it may use only lib/config and the shared helpers',
            },
            {
              from: { element: { type: 'config' } },
              disallow: { to: { element: { type: 'logging' } } },
              message: 'the settings sit below the logger (which reads LOG_LEVEL from them)',
            },
            {
              from: { element: { type: '{config,data}' } },
              disallow: { to: { element: { type: '{extract,documents,previews,checks,auth,domain,web,app,cli}' } } },
              message: 'configuration, the database and storage sit below everything that uses them',
            },
            {
              // The rules everything depends on: they read the database, and nothing above it.
              from: { element: { type: 'auth' } },
              disallow: { to: { element: { type: '{domain,web,app,cli}' } } },
              message: 'lib/auth holds the permission rules: it never reaches up to the domain, sign-in or pages',
            },
            {
              from: { element: { type: 'domain' } },
              disallow: { to: { element: { type: '{web,app,cli}' } } },
              message: 'the domain never imports pages, route helpers, sign-in or command-line tools',
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
