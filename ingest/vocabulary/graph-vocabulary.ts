import type { VocabularySnapshot, VocabularyStore } from '../../graph/index.ts';
import { bundledStopPhrases } from '../extract/lexicon-vocabulary.ts';
import { buildVocabulary, type Vocabulary, type VocabularyTerm } from '../extract/vocabulary.ts';

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
  vocabulary: Vocabulary;
  retiredIds: ReadonlySet<string>;
}

/**
 * The graph's vocabulary, compiled once per version: each call reads only the version number and
 * rebuilds the matcher when it moved.
 */
export class GraphVocabulary {
  private cached: GraphVocabularyState | undefined;
  private loading: Promise<GraphVocabularyState> | undefined;

  constructor(
    private readonly store: Pick<VocabularyStore, 'version' | 'snapshot'>,
    private readonly options: { stopPhrases?: readonly string[] } = {},
  ) {}

  async current(): Promise<GraphVocabularyState> {
    const version = await this.store.version();
    if (this.cached && this.cached.version === version) return this.cached;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<GraphVocabularyState> {
    const snapshot = await this.store.snapshot();
    const state = {
      version: snapshot.version,
      vocabulary: vocabularyFromSnapshot(snapshot, this.options),
      retiredIds: new Set(snapshot.retiredIds),
    };
    this.cached = state;
    return state;
  }
}
