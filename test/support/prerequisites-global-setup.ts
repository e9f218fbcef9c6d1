import { findMissingPrerequisites } from './prerequisites.ts';

/**
 * Runs before any test: stops the run with one line per missing system tool and how to install it,
 * instead of letting some test fail later with `spawn redis-server ENOENT`.
 */
export default function setup(): void {
  // Each vitest project runs this; once it passed in this process, the others need not ask again.
  if (process.env.MATSCOUT_PREREQUISITES_CHECKED === 'yes') return;
  const missing = findMissingPrerequisites({
    env: process.env,
    platform: process.platform,
    nodeVersion: process.version,
  });
  if (missing.length === 0) {
    process.env.MATSCOUT_PREREQUISITES_CHECKED = 'yes';
    return;
  }
  process.stderr.write(
    `\nThe tests need these tools, which this machine lacks (see the first lines of README.md):\n${missing
      .map((line) => `  ${line}`)
      .join('\n')}\n\n`,
  );
  // Exit rather than throw: a thrown error would bury the lines under a stack trace.
  process.exit(1);
}
