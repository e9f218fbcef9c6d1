import { existsSync } from 'node:fs';
import path from 'node:path';

/** Everything `npm run test:corpus` reads, relative to the shared folder. */
export const requiredSharedPaths = [
  'data/uspto-xml-formats',
  'data/uspto-ipg-weekly-excerpts',
  'data/epo-xml-formats',
  'data/pap2pat-patent-paper-pairs',
  'data/news-press-releases-materials',
  'data/news-html-article-benchmark',
  'data/news-reuters21578-chem',
  'data/materials-ner-matscholar',
  'bench/discovery/vocab.json',
  'bench/discovery/documents.jsonl',
  'bench/discovery/cutoff-2015',
];

/** The message that stops the corpus suite, or undefined when every required path exists. */
export function missingSharedCorporaMessage(sharedRoot: string): string | undefined {
  const missing = requiredSharedPaths.filter((relative) => !existsSync(path.join(sharedRoot, relative)));
  if (missing.length === 0) return undefined;
  const what =
    missing.length === requiredSharedPaths.length
      ? 'nothing of it is there'
      : `missing ${missing.join(', ')}`;
  return (
    `npm run test:corpus needs the shared corpora (data/ and bench/discovery/) in ${sharedRoot}: ${what}. ` +
    'Put the shared folder beside the checkout (../shared) or set MATSCOUT_SHARED_DIR to where it is.'
  );
}
