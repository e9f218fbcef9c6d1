/**
 * The documents a run has read lately (id → length of its longest reading), so that of two readings of
 * one document within a run the longer is kept. Bounded: past `limit` documents the oldest are
 * forgotten. A run holds at most two windows of documents unwritten, so a forgotten one is stored by
 * then, and a later reading of it meets the stored version, judged as across runs (the same content is
 * unchanged, a poorer reading from another source is a duplicate, a longer one replaces it). Kept for a
 * whole run, it grew by about 117 MB a million documents: a backfill of decades in one run.
 */
export class RecentReadings {
  private readonly lengths = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** True when a reading of `id` at least `length` long was seen; otherwise remembers this one. */
  seenLonger(id: string, length: number): boolean {
    const seen = this.lengths.get(id);
    if (seen !== undefined && seen >= length) return true;
    // Deleted first, so that a document read again counts as read last.
    this.lengths.delete(id);
    this.lengths.set(id, length);
    if (this.lengths.size > this.limit) {
      const oldest = this.lengths.keys().next();
      if (!oldest.done) this.lengths.delete(oldest.value);
    }
    return false;
  }

  /** How many documents are remembered. */
  get size(): number {
    return this.lengths.size;
  }
}
