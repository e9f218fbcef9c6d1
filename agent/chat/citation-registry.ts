import type { DocumentKind, SectionName } from '../../graph/index.ts';

/** The document a cited passage comes from (what a citation shows besides the quote). */
export interface CitedDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  number?: string;
  url?: string;
  /** Absent when the document states no date. */
  publishedAt?: string;
}

/** A span of a document's stored text, as a tool returned it: `quote === document.text.slice(start, end)`. */
export interface PassageSpan {
  chunkId: string;
  section: SectionName;
  page?: number;
  start: number;
  end: number;
  quote: string;
  document: CitedDocument;
}

/** The citation object of design.md section 7. */
export interface ChatCitation {
  n: number;
  chunkId: string;
  documentId: string;
  title: string;
  kind: DocumentKind;
  number?: string;
  url?: string;
  publishedAt?: string;
  section: SectionName;
  page?: number;
  start: number;
  end: number;
  quote: string;
}

/**
 * The passages returned by tools during one chat turn, numbered from 1 in the order they were first seen.
 * The same span returned twice keeps its number, so `[n]` always points at exactly one span.
 */
export class CitationRegistry {
  private readonly byNumber = new Map<number, ChatCitation>();
  private readonly byKey = new Map<string, number>();

  /** Numbers the span (or returns its existing number). */
  register(span: PassageSpan): number {
    const key = `${span.chunkId}|${span.start}|${span.end}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const n = this.byNumber.size + 1;
    const { document } = span;
    const citation: ChatCitation = {
      n,
      chunkId: span.chunkId,
      documentId: document.id,
      title: document.title,
      kind: document.kind,
      ...(document.number ? { number: document.number } : {}),
      ...(document.url ? { url: document.url } : {}),
      publishedAt: document.publishedAt,
      section: span.section,
      ...(span.page !== undefined && span.page !== null ? { page: span.page } : {}),
      start: span.start,
      end: span.end,
      quote: span.quote,
    };
    this.byNumber.set(n, citation);
    this.byKey.set(key, n);
    return n;
  }

  get(n: number): ChatCitation | undefined {
    return this.byNumber.get(n);
  }

  has(n: number): boolean {
    return this.byNumber.has(n);
  }

  get size(): number {
    return this.byNumber.size;
  }

  all(): ChatCitation[] {
    return [...this.byNumber.values()];
  }
}
