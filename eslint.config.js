import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A page module of the dashboard (`scorecard-page.tsx`, `admin-pages`), whichever folder it is in. */
const WEB_PAGES = {
  group: ['**/*-page', '**/*-page.*', '**/*-pages', '**/*-pages.*'],
  message: 'Pages are imported only by apps/web/src/app/routes.tsx; move what is shared to apps/web/src/components/.',
};

/** packages/core and packages/returns run in the browser too: no I/O or framework imports. */
const PURE = {
  group: ['node:*', 'fs', 'path', 'fastify', 'drizzle-orm*', 'better-sqlite3', 'react*'],
  message: 'packages/core and packages/returns are pure (they run in the browser too): no I/O or framework imports.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/migrations/**', 'tests/screenshots/**', '.var/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The environment is read and validated in one place (apps/api/src/config.ts).
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment in apps/api/src/config.ts only.' },
      ],
    },
  },
  {
    // The domain core stays pure: no I/O, no clock, no framework.
    files: ['packages/core/src/**/*.ts', 'packages/returns/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [PURE],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock in the domain core: take asOf as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock in the domain core: take asOf as an argument.',
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // A warning, as React's own preset has it; lint runs with --max-warnings 0, so it still fails the check.
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Pages are opened only through the route tree (apps/web/src/app/routes.tsx), which loads each as a
    // chunk of its own: no feature imports another's page, and what two features share lives in components/.
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [WEB_PAGES] }] },
  },
  {
    // The shared layers serve every feature, so they depend on none.
    files: ['apps/web/src/{components,api,lib}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            WEB_PAGES,
            { group: ['**/features/**'], message: 'components/, api/ and lib/ are shared: they import no feature.' },
          ],
        },
      ],
    },
  },
  // ADR 0011's layer boundaries, as lint rules: dependencies point one way (web -> contracts -> core, api ->
  // contracts -> core), routes hold no SQL, services speak no HTTP.
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            PURE,
            {
              group: ['@indicate/*', '**/apps/**', '**/contracts/**', '**/returns/**'],
              message: 'packages/core depends on nothing (ADR 0011): contracts, returns, api and web depend on it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The returns package's tests may read the published fixtures (tests/fixtures/returns): the code they
    // test stays pure.
    files: ['packages/returns/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@indicate/api',
                '@indicate/web',
                '@indicate/returns',
                '**/apps/**',
                'node:*',
                'fastify',
                'react*',
              ],
              message: 'packages/contracts holds shapes for both sides: it depends on core and zod only (ADR 0011).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ignores: ['apps/web/src/features/**', 'apps/web/src/{components,api,lib}/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@indicate/api', '**/apps/api/**', 'node:*', 'fastify', 'better-sqlite3', 'drizzle-orm*'],
              message: 'The dashboard reaches the server only through the API, with the shared contracts (ADR 0011).',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes parse, call one service and send: no SQL (ADR 0011).
    files: ['apps/api/src/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '../db/client.ts',
              importNames: ['prepared'],
              message: 'Routes hold no SQL: ask the service of their area (ADR 0011).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message: 'Routes hold no SQL: ask the service of their area (ADR 0011).',
        },
        {
          selector: "MemberExpression[property.name='$client']",
          message: 'Routes hold no SQL: ask the service of their area (ADR 0011).',
        },
      ],
    },
  },
  {
    // Services speak the domain, not HTTP: they throw DomainError and errors.ts maps it (ADR 0011).
    files: [
      'apps/api/src/{reads,loader,packs,audit,dashboard}/**/*.ts',
      'apps/api/src/auth/**/*.ts',
      'apps/api/src/editorial.ts',
    ],
    ignores: ['apps/api/src/auth/access.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fastify', '@fastify/*', '../routes/*', '**/routes/**'],
              message: 'Services speak no HTTP: throw a DomainError; routes/ and errors.ts turn it into a response.',
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules where a forgotten promise loses a write or an error: the API and the web's calls.
    files: ['apps/api/src/**/*.ts', 'packages/*/src/**/*.ts', 'apps/web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
