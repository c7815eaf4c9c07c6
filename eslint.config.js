import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

/** Tests, the test kit, benchmarks and scripts stand outside the packages and may reach into any of them. */
const NOT_PRODUCTION = ['**/*.test.ts', '**/test/**', '**/test-support.ts', 'test-kit/**', 'e2e/**', 'bench/**', 'scripts/**', '*.ts'];
const TOP_LEVEL = 'lib|ingest|simulator|gateway|web|agent|discord|minecraft|test-kit|subgraphs|e2e|bench|scripts';

/**
 * A package imports `@lifestone/lib` and its own files, nothing beside it: no
 * other workspace by name, no relative path up into another top-level folder
 * (or a sibling subgraph). `alsoAllowed` names the workspaces a package may
 * import besides lib.
 */
function importsOnlyLib(alsoAllowed = [], relativeOutside = `^(\\.\\./)+(${TOP_LEVEL})(/|$)`) {
  const allowed = ['lib', ...alsoAllowed].join('|');
  return [
    'error',
    {
      patterns: [
        { regex: `^@lifestone/(?!(${allowed})(/|$))`, message: `A package imports only @lifestone/${allowed.replaceAll('|', ', @lifestone/')} and its own files: move what is shared into lib.` },
        { regex: relativeOutside, message: 'A package imports another by its name (@lifestone/lib), never by a relative path out of its own folder.' },
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.lifestone/**', '**/dist/**', 'lib/protocol/schemas/**', '**/generated/**', 'scratch/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['web/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['web/src/**/*.{ts,vue}'],
    // vue-tsc checks names against the DOM's types; ESLint's own list of globals would only duplicate it.
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Formatting is not linted; these fight the house style of one-line attributes.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['**/*.{ts,vue}'],
    ignores: NOT_PRODUCTION,
    rules: { 'no-restricted-imports': importsOnlyLib() },
  },
  {
    // The dashboard has folders of its own named like top-level ones (web/src/minecraft): out of web is two levels up at least.
    files: ['web/**/*.{ts,vue}'],
    ignores: NOT_PRODUCTION,
    rules: { 'no-restricted-imports': importsOnlyLib([], `^(\\.\\./){2,}(${TOP_LEVEL})(/|$)`) },
  },
  {
    files: ['subgraphs/**/*.ts'],
    ignores: NOT_PRODUCTION,
    rules: { 'no-restricted-imports': importsOnlyLib([], `^(\\.\\./)+(${TOP_LEVEL}|accounts|assistant|combat|inventory|telemetry)(/|$)`) },
  },
  {
    // A function no longer than its phases: past this, split it where its own comments name a seam.
    files: ['**/*.{ts,vue}'],
    ignores: ['**/*.test.ts', '**/test/**', '**/test-support.ts', 'test-kit/**', 'e2e/**', 'bench/**'],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }] },
  },
);
