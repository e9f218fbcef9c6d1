import { findMissingPrerequisites } from './prerequisites.ts';

/**
 * Runs before any test: stops the run with one line per missing system tool and how to install it,
 * instead of letting some test fail later with `spawn redis-server ENOENT`.
 */
export default function setup(): void {
  const missing = findMissingPrerequisites({
    env: process.env,
    platform: process.platform,
    nodeVersion: process.version,
  });
  if (missing.length === 0) return;
  process.stderr.write(
    `\nThe tests need these tools, which this machine lacks (see the first lines of README.md):\n${missing
      .map((line) => `  ${line}`)
      .join('\n')}\n\n`,
  );
  // Exit rather than throw: a thrown error would bury the lines under a stack trace.
  process.exit(1);
}
