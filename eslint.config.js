// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const BACKGROUND_ONLY = [
  './lib/graph',
  './lib/auth',
  './lib/cache',
  './lib/sync',
  './lib/messaging/server.ts',
  './lib/messaging/sender-policy.ts',
];

const rawHtmlSyntax = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'No raw HTML: render text through Preact.',
  },
  {
    selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'No raw HTML: use textContent or Preact.',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'No raw HTML.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
    message: 'No document.write.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'tests/.certs/**',
      'tests/.artifacts/**',
      'demo-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'import-x': importX, 'no-unsanitized': noUnsanitized },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-restricted-syntax': ['error', ...rawHtmlSyntax],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './components',
              from: ['./lib', './entrypoints'],
              except: ['./schema', './util'],
              message: 'Components are presentational: props in, callbacks out.',
            },
            {
              target: './entrypoints/ads-manager.content',
              from: BACKGROUND_ONLY,
              message: 'Content scripts are treated as the page: ask the background by message.',
            },
            {
              target: './entrypoints/options',
              from: BACKGROUND_ONLY,
              message: 'Extension pages ask the background by message.',
            },
            {
              target: './entrypoints/popup',
              from: BACKGROUND_ONLY,
              message: 'Extension pages ask the background by message.',
            },
            {
              target: './entrypoints/snapshot-viewer',
              from: BACKGROUND_ONLY,
              message: 'Extension pages ask the background by message.',
            },
            { target: './components', from: BACKGROUND_ONLY },
            {
              target: ['./lib/schema', './lib/util'],
              from: [
                './lib/graph',
                './lib/auth',
                './lib/cache',
                './lib/sync',
                './lib/messaging',
                './lib/meta',
                './lib/share',
                './lib/settings',
                './lib/anomaly',
                './lib/query',
              ],
              message: 'schema and util import nothing app-specific.',
            },
            {
              target: ['./entrypoints', './components', './lib'],
              from: './tests',
              message: 'Production code never imports tests.',
            },
            {
              target: [
                './lib',
                './components',
                './entrypoints/background',
                './entrypoints/options',
              ],
              from: './entrypoints/ads-manager.content/features',
              message: 'Only the content entry imports features.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the sender policy may read who sent a message (Bitwarden's rule): everything else gets a classified sender.
    files: ['entrypoints/**', 'lib/**', 'components/**'],
    ignores: ['lib/messaging/sender-policy.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...rawHtmlSyntax,
        {
          selector:
            "MemberExpression[object.name='sender'][property.name=/^(origin|tab|frameId|id|url)$/]",
          message: 'Read sender fields only in lib/messaging/sender-policy.ts.',
        },
      ],
    },
  },
  {
    files: [
      'entrypoints/background/**',
      'lib/graph/**',
      'lib/auth/**',
      'lib/cache/**',
      'lib/sync/**',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'The service worker has no window.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
