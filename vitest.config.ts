import { defineConfig } from 'vitest/config';

/** `npm test`: needs only the repository (test/fixtures, samples/) and the tools the README names. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.corpus.test.ts', 'node_modules/**'],
          // Before anything runs: every system prerequisite, one line per missing tool.
          // Then one temporary folder for the run, removed at its end (test/support/temp-root-global-setup.ts).
          globalSetup: [
            'test/support/prerequisites-global-setup.ts',
            'test/support/temp-root-global-setup.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          exclude: ['test/**/*.corpus.int.test.ts', 'node_modules/**'],
          // The prerequisites first (a project's setups run in order, so Neo4j never starts without
          // them), then one real Neo4j for the whole run; files that write the graph run one at a time.
          globalSetup: [
            'test/support/prerequisites-global-setup.ts',
            'test/support/temp-root-global-setup.ts',
            'test/support/neo4j-global-setup.ts',
          ],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // A busy 2-core machine can take seconds to answer (API, browser): polls wait, never time.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
