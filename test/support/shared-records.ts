import type { VocabularySnapshot } from '../../graph/index.ts';

/** Whether `next` reused `previous`'s records (read since it) or read every term again. */
export function sharesRecords(next: VocabularySnapshot, previous: VocabularySnapshot): boolean {
  const earlier = new Set(previous.terms);
  return next.terms.some((term) => earlier.has(term));
}
