import { type Citation, type PassageSpan, toCitation } from '../../graph/index.ts';

/**
 * The passages returned by tools during one chat turn, numbered from 1 in the order they were first seen.
 * The same span returned twice keeps its number, so `[n]` always points at exactly one span.
 */
export class CitationRegistry {
  private readonly byNumber = new Map<number, Citation>();
  private readonly byKey = new Map<string, number>();

  /** Numbers the span (or returns its existing number). */
  register(span: PassageSpan): number {
    const key = `${span.chunkId}|${span.start}|${span.end}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const n = this.byNumber.size + 1;
    this.byNumber.set(n, toCitation(n, span));
    this.byKey.set(key, n);
    return n;
  }

  get(n: number): Citation | undefined {
    return this.byNumber.get(n);
  }

  has(n: number): boolean {
    return this.byNumber.has(n);
  }

  get size(): number {
    return this.byNumber.size;
  }

  all(): Citation[] {
    return [...this.byNumber.values()];
  }
}
