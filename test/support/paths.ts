import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Small licence-clean samples committed with the tests (see test/fixtures/README.md): everything
 * `npm test` reads. Real corpora folders keep their names, e.g. `fixture('epo-xml-formats', 'grant', …)`.
 */
export const fixture = (...parts: string[]): string => path.join(repoRoot, 'test', 'fixtures', ...parts);

/**
 * The shared corpora, read only by `npm run test:corpus` (`*.corpus.test.ts`): MATSCOUT_SHARED_DIR,
 * or `shared/` beside the checkout. This is the one setting that says where they are.
 */
export const sharedRoot = path.resolve(repoRoot, process.env.MATSCOUT_SHARED_DIR ?? '../shared');

/** A path inside the shared corpora's `data/` folder (corpus suite only). */
export const sharedData = (...parts: string[]): string => path.join(sharedRoot, 'data', ...parts);
