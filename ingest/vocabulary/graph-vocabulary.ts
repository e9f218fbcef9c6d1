import type { VocabularySnapshot } from '../../graph/index.ts';
import { bundledStopPhrases } from '../extract/lexicon-vocabulary.ts';
import {
  buildVocabulary,
  type Vocabulary,
  type VocabularyExtension,
  type VocabularyTerm,
} from '../extract/vocabulary.ts';
import type { VocabularySource } from './shared-snapshots.ts';

/** The matcher's vocabulary for a graph snapshot: its terms, the bundled stop phrases, version `graph-<n>`. */
export function vocabularyFromSnapshot(
  snapshot: VocabularySnapshot,
  options: { stopPhrases?: readonly string[] } = {},
): Vocabulary {
  return buildVocabulary(termsOf(snapshot), graphVocabularyVersion(snapshot.version), {
    stopPhrases: options.stopPhrases ?? bundledStopPhrases(),
    // Lexicon terms carry their file's rule; catalog, user and mined names also match their plurals.
    inflect: true,
  });
}

/**
 * The vocabulary of `snapshot` made by extending `previous` (compiled from an earlier snapshot, with
 * the same stop phrases) when the snapshot only adds terms to it, as a promotion does; undefined when
 * it must be built in full (`Vocabulary.extendedTo`).
 */
export function extendedFromSnapshot(
  previous: Vocabulary,
  snapshot: VocabularySnapshot,
): VocabularyExtension | undefined {
  return previous.extendedTo(termsOf(snapshot), graphVocabularyVersion(snapshot.version));
}

function termsOf(snapshot: VocabularySnapshot): VocabularyTerm[] {
  return snapshot.terms.map((term) => ({ ...term }));
}

/** The compiled vocabulary's version string for a graph version. */
export function graphVocabularyVersion(version: number): string {
  return `graph-${version}`;
}

/** The compiled vocabulary of one graph version, with the ids extraction must not produce. */
export interface GraphVocabularyState {
  version: number;
  stamp: string;
  /** What it was compiled from; the next version is read from it (`VocabularyStore.snapshot`). */
  snapshot: VocabularySnapshot;
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
    const snapshot = await this.store.snapshot(this.cached?.snapshot);
    const state = {
      version: snapshot.version,
      stamp: snapshot.stamp,
      snapshot,
      vocabulary: this.extended(snapshot) ?? vocabularyFromSnapshot(snapshot, this.options),
      retiredIds: new Set(snapshot.retiredIds),
    };
    this.cached = state;
    return state;
  }

  /**
   * The last version's vocabulary extended, when this version only adds terms (a promotion): its
   * index of term keys, which promotion looks terms up in, and its matcher if one was compiled, take
   * the new terms instead of being built again. An extraction still holding the last version's state
   * then matches the new terms too; the version it records is the older one, so a re-extraction of
   * the change reads it again.
   */
  private extended(snapshot: VocabularySnapshot): Vocabulary | undefined {
    if (!this.cached) return undefined;
    try {
      return extendedFromSnapshot(this.cached.vocabulary, snapshot)?.vocabulary;
    } catch {
      return undefined;
    }
  }
}
