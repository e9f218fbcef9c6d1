import type { VocabularyChangeKind, VocabularySnapshot, VocabularyTermRecord } from './vocabulary-store.ts';

/**
 * Changes that only add terms: a snapshot after them is an earlier one with the terms they wrote. A
 * backfill's versions are nearly all promotions, and reading every term again at each one cost most
 * of a second at 50,000 mined terms, growing with every term promoted.
 */
export const addingChanges: ReadonlySet<VocabularyChangeKind> = new Set(['add', 'promote']);

/** At most this many versions are caught up change by change; further behind, a snapshot is read whole. */
export const maxVersionsCaughtUp = 64;

/** The instant a stamp carries (`vocabularyStamp`: number, `|`, instant). */
export function stampInstant(stamp: string): string {
  return stamp.slice(stamp.indexOf('|') + 1);
}

const unordered = 1_000_000_000;

/**
 * The order snapshots list the vocabulary's terms in: the seeded lexicon's own order (its terms carry
 * their place), then the other terms by id, in code units, as both JavaScript and Cypher compare
 * strings; products follow, by id, as the store reads them.
 */
export function snapshotOrder(a: VocabularyTermRecord, b: VocabularyTermRecord): number {
  const byPlace = (a.termOrder ?? unordered) - (b.termOrder ?? unordered);
  if (byPlace !== 0) return byPlace;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `previous` with `added` (terms it does not hold, none of them a product) placed where a whole read
 * lists them, under the stamp of the version that added them.
 */
export function withAddedTerms(
  previous: VocabularySnapshot,
  added: readonly VocabularyTermRecord[],
  current: { version: number; stamp: string },
): VocabularySnapshot {
  const products = previous.terms.filter((term) => term.materialId !== undefined);
  const kept = previous.terms.filter((term) => term.materialId === undefined);
  const adding = [...added].sort(snapshotOrder);
  const terms: VocabularyTermRecord[] = [];
  let next = 0;
  for (const term of kept) {
    while (next < adding.length && snapshotOrder(adding[next] as VocabularyTermRecord, term) < 0) {
      terms.push(adding[next] as VocabularyTermRecord);
      next += 1;
    }
    terms.push(term);
  }
  terms.push(...adding.slice(next), ...products);
  return { version: current.version, stamp: current.stamp, terms, retiredIds: previous.retiredIds };
}
