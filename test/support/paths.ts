import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `shared/` lies beside the checkout (locally and in CI); SHARED_DIR overrides it. */
export const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve(repoRoot, '../shared');

/** Real public data for tests, read by path and never copied into the repo. */
export const sharedData = (...parts: string[]): string => path.join(sharedRoot, 'data', ...parts);
