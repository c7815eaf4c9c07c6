import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test-kit/sequencer.js';

export default defineConfig({
  // Single-file components for the dashboard's tests (web/**/*.test.ts run in happy-dom: see their first line).
  plugins: [vue()],
  // One graphql for everyone: vitest would hand test and source files
  // graphql/index.mjs while graphql-ws, Apollo and Hive load graphql/index.js,
  // and instanceof checks fail across the two copies.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  define: { __LIFESTONE_VERSION__: JSON.stringify('test') },
  test: {
    include: ['lib/**/*.test.ts', 'ingest/**/*.test.ts', 'simulator/**/*.test.ts', 'subgraphs/**/*.test.ts', 'gateway/**/*.test.ts', 'test-kit/**/*.test.ts', 'web/**/*.test.ts', 'agent/**/*.test.ts', 'discord/**/*.test.ts', 'e2e/**/*.test.ts', 'ops/**/*.test.ts', 'minecraft/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test-kit/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two suites at once, each with its own database; more only
    // adds timing noise to the tests that measure latency and reconnects.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
