// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import globals from 'globals';

/*
 * Import boundaries (architecture.md, "Dependency rules") are enforced with core
 * `no-restricted-imports` patterns on the import text. That works because product code imports
 * across folders only through the `@/` alias (`../` is banned), so `@/lib/graph/…` is the one way
 * to name the Graph client. (eslint-plugin-import-x would need unrs-resolver, whose per-platform
 * binaries the npm registry reachable here does not all serve, which breaks `npm ci`.)
 */
const pattern = (regex, message) => ({ regex, message });

const CROSS_FOLDER_RELATIVE = pattern(
  '^\\.\\./',
  "Import across folders with '@/…', so boundaries can be checked.",
);
const TESTS = pattern('^@/tests(/|$)', 'Production code never imports tests.');
const BACKGROUND_ONLY = pattern(
  '^@/(lib/(graph|auth|cache|sync|readers)|lib/settings/(owned|sync|facebook-login|health|legacy)|lib/messaging/(server|sender-policy|handler|rules)|entrypoints/background)(/|$)',
  'Background only: content scripts and pages are treated as the page, and ask the background by message.',
);
const FEATURES = pattern(
  '^@/entrypoints/ads-manager\\.content/features(/|$)',
  'Only the content entry imports features.',
);
const ENTRYPOINTS = pattern(
  '^@/entrypoints(/|$)',
  'Entry points are wiring; nothing imports them.',
);
const COMPONENTS_FROM_LIB = pattern('^@/components(/|$)', 'lib/ is below components/.');
const APP_SPECIFIC = pattern(
  '^@/(lib/(?!(schema|util|config)(/|$))|components|entrypoints)',
  'schema and util import nothing app-specific.',
);
// The engine's sub-folders (its detectors) name its own modules with '@/lib/anomaly/…'.
const ENGINE_APP_SPECIFIC = pattern(
  '^@/(lib/(?!(schema|util|config|anomaly)(/|$))|components|entrypoints)',
  'The anomaly engine imports nothing app-specific.',
);
const COMPONENTS_SCOPE = pattern(
  '^@/(lib/(?!(schema|util)(/|$))|entrypoints)',
  'Components are presentational: props in, callbacks out.',
);

/*
 * Test layers: tests/unit, tests/e2e (and tests/e2e-firefox), tests/bench and tests/demo share code
 * only through tests/support and the simulator (tests/sim, a product of its own); tests/support and
 * tests/sim import no layer. Tests name folders with '@/tests/…' or by climbing out with '../'.
 */
const TEST_LAYERS = ['unit', 'e2e', 'e2e-firefox', 'bench', 'demo'];
const testFolders = (names, climb = '(\\.\\./)+') =>
  pattern(
    `^(@/tests/|${climb})(${names.join('|')})(/|$)`,
    'Test layers do not import each other: what they share lives in tests/support.',
  );
const restrictTestImports = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const others = (layer) => TEST_LAYERS.filter((other) => other !== layer);
const testLayerRules = [
  ...TEST_LAYERS.map((layer) => ({
    files: [`tests/${layer}/**`],
    rules: restrictTestImports(testFolders(others(layer))),
  })),
  { files: ['tests/sim/**'], rules: restrictTestImports(testFolders(TEST_LAYERS)) },
  // Inside tests/support, `e2e/` is its own browser harness: only tests/e2e seen from here is banned.
  {
    files: ['tests/support/*'],
    rules: restrictTestImports(testFolders(others('e2e')), testFolders(['e2e'], '\\.\\./')),
  },
  {
    files: ['tests/support/*/**'],
    rules: restrictTestImports(testFolders(others('e2e')), testFolders(['e2e'], '\\.\\./\\.\\./')),
  },
];

const restrictImports = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: [CROSS_FOLDER_RELATIVE, TESTS, ...patterns] }],
});

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
const senderSyntax = {
  selector: "MemberExpression[object.name='sender'][property.name=/^(origin|tab|frameId|id|url)$/]",
  message: 'Read sender fields only in lib/messaging/sender-policy.ts.',
};

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
    plugins: { 'no-unsanitized': noUnsanitized },
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
    },
  },
  // Dependency direction, most general first: a later block replaces the rule for its files.
  { files: ['lib/**', 'entrypoints/**', 'components/**'], rules: restrictImports(FEATURES) },
  { files: ['lib/**'], rules: restrictImports(FEATURES, ENTRYPOINTS, COMPONENTS_FROM_LIB) },
  {
    files: [
      'lib/ads-manager/**',
      'lib/query/**',
      'lib/settings/**',
      'lib/snapshots/**',
      'lib/messaging/client.ts',
      'lib/messaging/protocol.ts',
    ],
    rules: restrictImports(ENTRYPOINTS, COMPONENTS_FROM_LIB, BACKGROUND_ONLY),
  },
  {
    files: ['lib/schema/**', 'lib/util/**'],
    rules: restrictImports(APP_SPECIFIC),
  },
  { files: ['lib/anomaly/**'], rules: restrictImports(ENGINE_APP_SPECIFIC) },
  { files: ['components/**'], rules: restrictImports(COMPONENTS_SCOPE) },
  {
    files: [
      'entrypoints/ads-manager.content/**',
      'entrypoints/options/**',
      'entrypoints/popup/**',
      'entrypoints/snapshot-viewer/**',
    ],
    rules: restrictImports(BACKGROUND_ONLY),
  },
  { files: ['entrypoints/background/**'], rules: restrictImports(FEATURES) },
  {
    // Only the sender policy may read who sent a message (Bitwarden's rule).
    files: ['entrypoints/**', 'lib/**', 'components/**'],
    ignores: ['lib/messaging/sender-policy.ts'],
    rules: { 'no-restricted-syntax': ['error', ...rawHtmlSyntax, senderSyntax] },
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
  ...testLayerRules,
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
