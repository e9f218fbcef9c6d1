import { sharedRoot } from './paths.ts';
import { missingSharedCorporaMessage } from './shared-corpora.ts';

/** Stops the corpus suite before any test when the shared corpora are not where the setting says. */
export default function setup(): void {
  const message = missingSharedCorporaMessage(sharedRoot);
  if (message === undefined) return;
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}
