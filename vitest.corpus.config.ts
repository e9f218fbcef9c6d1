import { defineConfig } from 'vitest/config';

/**
 * `npm run test:corpus`: the tests over the whole shared corpora (`*.corpus.test.ts`,
 * `*.corpus.int.test.ts`), read from MATSCOUT_SHARED_DIR or `../shared`. A missing folder stops the
 * run before any test with a message naming what is needed and where.
 */
export default defineConfig({
  test: {
    globalSetup: [
      'test/support/prerequisites-global-setup.ts',
      'test/support/shared-corpora-global-setup.ts',
    ],
    projects: [
      {
        test: {
          name: 'corpus',
          include: ['test/**/*.corpus.test.ts'],
          globalSetup: [
            'test/support/prerequisites-global-setup.ts',
            'test/support/shared-corpora-global-setup.ts',
            'test/support/temp-root-global-setup.ts',
          ],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'corpus-integration',
          include: ['test/**/*.corpus.int.test.ts'],
          // Prerequisites and corpora are checked before Neo4j starts (a project's setups run in order).
          globalSetup: [
            'test/support/prerequisites-global-setup.ts',
            'test/support/shared-corpora-global-setup.ts',
            'test/support/temp-root-global-setup.ts',
            'test/support/neo4j-global-setup.ts',
          ],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
