import type { SeedResult, VocabularyStore } from '../../graph/index.ts';
import { bundledLexiconSeed } from '../extract/lexicon-vocabulary.ts';

/**
 * Seeds the graph vocabulary with the bundled lexicon (origin `lexicon`). Idempotent: a graph that
 * holds this lexicon already (same digest) is not written; a changed lexicon adds its new names.
 */
export function seedBundledLexicon(
  store: Pick<VocabularyStore, 'seed'>,
  options: { actor?: string } = {},
): Promise<SeedResult> {
  const { terms, digest } = bundledLexiconSeed();
  return store.seed(terms, { digest, actor: options.actor ?? 'system:lexicon' });
}
