import type { SeedResult, VocabularyStore } from '../../graph/index.ts';
import { bundledLexiconDigest, bundledLexiconSeed } from '../extract/lexicon-vocabulary.ts';

/**
 * Seeds the graph vocabulary with the bundled lexicon (origin `lexicon`). Idempotent: a graph that
 * holds this lexicon already (same digest) is not written, and the lexicon is not even compiled; a
 * changed lexicon adds its new names.
 */
export async function seedBundledLexicon(
  store: Pick<VocabularyStore, 'seed' | 'seededDigest' | 'version'>,
  options: { actor?: string } = {},
): Promise<SeedResult> {
  if ((await store.seededDigest()) === bundledLexiconDigest()) {
    return { seeded: false, version: await store.version(), changed: 0 };
  }
  const { terms, digest } = bundledLexiconSeed();
  return store.seed(terms, { digest, actor: options.actor ?? 'system:lexicon' });
}
