import type { VocabularySnapshot, VocabularyStore } from '../../graph/index.ts';

/** The part of the vocabulary store that extraction reads: the version's stamp, and the terms of one. */
export type VocabularySource = Pick<VocabularyStore, 'stamp' | 'snapshot'>;

/**
 * One read of each vocabulary version for everything in a run that needs it. A run's promotion compiles
 * the vocabulary on this thread while the ingestion pool sends the same version to its threads, and
 * each read its own copy: late in a backfill, with tens of thousands of mined terms, a read is most
 * of a second of this thread's time, at every version change. The newest snapshot is kept (it is
 * never modified: compiling copies its terms, sending clones it) and handed out while the graph's
 * stamp is still its own; a read that fails is not kept. The next version is read from it: the store
 * then reads only the terms a promotion added.
 */
export function sharedSnapshots(store: VocabularySource): VocabularySource {
  let kept: { stamp: string; snapshot: Promise<VocabularySnapshot> } | undefined;
  // The last snapshot read: the store reads only what changed since (a promotion's terms).
  let last: VocabularySnapshot | undefined;
  return {
    stamp: () => store.stamp(),
    async snapshot() {
      const stamp = await store.stamp();
      if (kept?.stamp === stamp) return kept.snapshot;
      const entry = { stamp, snapshot: store.snapshot(last) };
      kept = entry;
      try {
        // The version may have moved between the two reads: the snapshot is kept under its own.
        const snapshot = await entry.snapshot;
        if (kept === entry) kept = { stamp: snapshot.stamp, snapshot: entry.snapshot };
        last = snapshot;
        return snapshot;
      } catch (error) {
        if (kept === entry) kept = undefined;
        throw error;
      }
    },
  };
}
