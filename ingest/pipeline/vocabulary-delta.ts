import type { VocabularySnapshot, VocabularyTermRecord } from '../../graph/index.ts';

/**
 * A version's vocabulary as the terms it adds to one a thread holds, each with its place in the new
 * list. Late in a backfill a whole snapshot is tens of thousands of terms, and copying it to a thread
 * at every promotion cost the sender and the thread most of a second at 50,000 mined terms.
 */
export interface VocabularyDelta {
  /** The stamp of the version the thread must hold. */
  since: string;
  version: number;
  stamp: string;
  /** In ascending order of `index`, their places in the new version's list. */
  added: { index: number; term: VocabularyTermRecord }[];
}

/**
 * The delta from `previous` to `current` when `current` holds `previous`'s very records, in their order,
 * with terms between them, and the same retired ids: a snapshot caught up since `previous`
 * (`VocabularyStore.snapshot(since)`). Undefined otherwise (a whole read): the thread gets all of it.
 */
export function vocabularyDelta(
  previous: VocabularySnapshot,
  current: VocabularySnapshot,
): VocabularyDelta | undefined {
  const sameRetired =
    previous.retiredIds.length === current.retiredIds.length &&
    previous.retiredIds.every((id, index) => id === current.retiredIds[index]);
  if (!sameRetired) return undefined;
  const added: VocabularyDelta['added'] = [];
  let kept = 0;
  for (const [index, term] of current.terms.entries()) {
    if (term === previous.terms[kept]) kept += 1;
    else added.push({ index, term });
  }
  if (kept !== previous.terms.length) return undefined;
  return { since: previous.stamp, version: current.version, stamp: current.stamp, added };
}

/** The delta's version's terms: `previous` (the list the thread holds) with the added terms in their places. */
export function termsAfter<T>(
  previous: readonly T[],
  delta: VocabularyDelta,
): (T | VocabularyTermRecord)[] | undefined {
  const terms: (T | VocabularyTermRecord)[] = [];
  let from = 0;
  for (const { index, term } of delta.added) {
    if (index < terms.length || index - terms.length > previous.length - from) return undefined;
    while (terms.length < index) terms.push(previous[from++] as T);
    terms.push(term);
  }
  while (from < previous.length) terms.push(previous[from++] as T);
  return terms;
}
