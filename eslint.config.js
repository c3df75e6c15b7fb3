import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A page module of the dashboard (`scorecard-page.tsx`, `admin-pages`), whichever folder it is in. */
const WEB_PAGES = {
  group: ['**/*-page', '**/*-page.*', '**/*-pages', '**/*-pages.*'],
  message: 'Pages are imported only by apps/web/src/app/routes.tsx; move what is shared to apps/web/src/components/.',
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
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'fastify', 'drizzle-orm*', 'better-sqlite3', 'react*'],
              message:
                'packages/core and packages/returns are pure (they run in the browser too): no I/O or framework imports.',
            },
          ],
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
);
