import type { VocabularySnapshot, VocabularyStore } from '../../graph/index.ts';

/** The part of the vocabulary store that extraction reads: the version, and the terms of one. */
export type VocabularySource = Pick<VocabularyStore, 'version' | 'snapshot'>;

/**
 * One read of each vocabulary version for everything in a run that needs it. A run's promotion compiles
 * the vocabulary on this thread while the ingestion pool sends the same version to its threads, and
 * each read its own copy: late in a backfill, with tens of thousands of mined terms, a read is most
 * of a second of this thread's time, at every version change. The newest snapshot is kept (it is
 * never modified: compiling copies its terms, sending clones it) and handed out while the graph's
 * version is still its own; a read that fails is not kept.
 */
export function sharedSnapshots(store: VocabularySource): VocabularySource {
  let kept: { version: number; snapshot: Promise<VocabularySnapshot> } | undefined;
  return {
    version: () => store.version(),
    async snapshot() {
      const version = await store.version();
      if (kept?.version === version) return kept.snapshot;
      const entry = { version, snapshot: store.snapshot() };
      kept = entry;
      try {
        // The version may have moved between the two reads: the snapshot is kept under its own.
        const snapshot = await entry.snapshot;
        if (kept === entry) kept = { version: snapshot.version, snapshot: entry.snapshot };
        return snapshot;
      } catch (error) {
        if (kept === entry) kept = undefined;
        throw error;
      }
    },
  };
}
