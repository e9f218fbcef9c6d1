import { defineConfig } from 'vitest/config';

/** `npm test`: needs only the repository (test/fixtures, samples/) and the tools the README names. */
export default defineConfig({
  test: {
    // Before anything runs: every system prerequisite, one line per missing tool.
    globalSetup: ['test/support/prerequisites-global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.corpus.test.ts', 'node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          exclude: ['test/**/*.corpus.int.test.ts', 'node_modules/**'],
          // One real Neo4j for the whole run; files that write the graph run one at a time.
          globalSetup: ['test/support/neo4j-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
