import type { VocabularySnapshot } from '../../graph/index.ts';
import { bundledStopPhrases } from '../extract/lexicon-vocabulary.ts';
import { buildVocabulary, type Vocabulary, type VocabularyTerm } from '../extract/vocabulary.ts';
import type { VocabularySource } from './shared-snapshots.ts';

/** The matcher's vocabulary for a graph snapshot: its terms, the bundled stop phrases, version `graph-<n>`. */
export function vocabularyFromSnapshot(
  snapshot: VocabularySnapshot,
  options: { stopPhrases?: readonly string[] } = {},
): Vocabulary {
  const terms: VocabularyTerm[] = snapshot.terms.map((term) => ({ ...term }));
  return buildVocabulary(terms, `graph-${snapshot.version}`, {
    stopPhrases: options.stopPhrases ?? bundledStopPhrases(),
    // Lexicon terms carry their file's rule; catalog, user and mined names also match their plurals.
    inflect: true,
  });
}

/** The compiled vocabulary of one graph version, with the ids extraction must not produce. */
export interface GraphVocabularyState {
  version: number;
  stamp: string;
  vocabulary: Vocabulary;
  retiredIds: ReadonlySet<string>;
}

/**
 * The graph's vocabulary, compiled once per version: each call reads only the version's stamp and
 * rebuilds the matcher when it changed (a restore can bring back the number with other terms).
 */
export class GraphVocabulary {
  private cached: GraphVocabularyState | undefined;
  private loading: Promise<GraphVocabularyState> | undefined;

  constructor(
    private readonly store: VocabularySource,
    private readonly options: { stopPhrases?: readonly string[] } = {},
  ) {}

  async current(): Promise<GraphVocabularyState> {
    const stamp = await this.store.stamp();
    if (this.cached && this.cached.stamp === stamp) return this.cached;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<GraphVocabularyState> {
    const snapshot = await this.store.snapshot();
    const state = {
      version: snapshot.version,
      stamp: snapshot.stamp,
      vocabulary: vocabularyFromSnapshot(snapshot, this.options),
      retiredIds: new Set(snapshot.retiredIds),
    };
    this.cached = state;
    return state;
  }
}
