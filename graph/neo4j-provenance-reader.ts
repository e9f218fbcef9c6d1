import type { Driver } from 'neo4j-driver';
import type { IngestRun } from './model.ts';
import { Neo4jSessionStore, readTransaction } from './neo4j-session.ts';

/** A cited document as provenance shows it (without its text). */
export interface ProvenanceDocument {
  id: string;
  title: string;
  kind: string;
  number?: string;
  url?: string;
  /** Absent when the document states no date. */
  publishedAt?: string;
  source: string;
  ingestRunId?: string;
}

/** One CITES span, checked against the stored document text. */
export interface ProvenanceCitation {
  n: number;
  chunkId: string;
  start: number;
  end: number;
  /** The span as the chunk states it (the chunk's text at the cited offsets). */
  quote: string;
  section?: string;
  page?: number;
  /**
   * True when the cited document exists, the span lies inside the chunk, and
   * `document.text.slice(start, end) === quote`, checked on the document text read from the graph.
   */
  reproduces: boolean;
  /** Undefined when the chunk's document no longer exists. */
  document?: ProvenanceDocument;
}

export type ProvenanceIngestRun = Pick<IngestRun, 'id' | 'status' | 'startedAt' | 'finishedAt' | 'source'>;

export interface SuggestionProvenance {
  citations: ProvenanceCitation[];
  /** Distinct cited documents that exist, in citation order. */
  documents: ProvenanceDocument[];
  /** IngestRun records of those documents (runs without a record are left out). */
  ingestRuns: ProvenanceIngestRun[];
}

export const READ_SUGGESTION_CITATION_SPANS = `
MATCH (s:Suggestion {id: $suggestionId})-[cite:CITES]->(c:Chunk)
OPTIONAL MATCH (c)-[:PART_OF]->(d:Document)
RETURN cite.n AS n, cite.start AS start, cite.end AS end,
       c {.id, .text, .start, .end, .section, .page} AS chunk,
       d.id AS documentId
ORDER BY n, chunk.id`;

export const READ_DOCUMENTS_WITH_TEXT = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d {.id, .title, .kind, .number, .url, .publishedAt, .source, .ingestRunId, .text} AS document`;

export const READ_INGEST_RUNS = `
UNWIND $ids AS id
MATCH (r:IngestRun {id: id})
RETURN r {.id, .status, .startedAt, .finishedAt, .source} AS run
ORDER BY r.startedAt`;

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value);
}

function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined),
  ) as T;
}

/**
 * Reads the provenance of a suggestion straight from the graph: its CITES spans, the chunks and the
 * documents they belong to (with the text, so every quote is re-checked here, not trusted), and the
 * IngestRun records that brought those documents in.
 */
export async function readSuggestionProvenance(
  driver: Driver,
  suggestionId: string,
  options: { database?: string } = {},
): Promise<SuggestionProvenance> {
  return readTransaction(driver, options.database, async (tx) => {
    const spans = (await tx.run(READ_SUGGESTION_CITATION_SPANS, { suggestionId })).records.map((record) => {
      const chunk = record.get('chunk') as {
        id: string;
        text: string;
        start: unknown;
        end: unknown;
        section?: string;
        page?: unknown;
      };
      return {
        n: record.get('n') === null ? undefined : toNumber(record.get('n')),
        start: toNumber(record.get('start')),
        end: toNumber(record.get('end')),
        chunk: {
          ...chunk,
          start: toNumber(chunk.start),
          end: toNumber(chunk.end),
          page: chunk.page === null || chunk.page === undefined ? undefined : toNumber(chunk.page),
        },
        documentId: record.get('documentId') as string | null,
      };
    });
    const documentIds = [...new Set(spans.flatMap((span) => (span.documentId ? [span.documentId] : [])))];
    const texts = new Map<string, string>();
    const documents = new Map<string, ProvenanceDocument>();
    for (const record of (await tx.run(READ_DOCUMENTS_WITH_TEXT, { ids: documentIds })).records) {
      const { text, ...document } = record.get('document') as ProvenanceDocument & { text: string };
      texts.set(document.id, text);
      documents.set(document.id, withoutNulls(document));
    }
    const citations = spans.map((span, index): ProvenanceCitation => {
      const { chunk } = span;
      const insideChunk = span.start >= chunk.start && span.end <= chunk.end && span.start <= span.end;
      const quote = insideChunk ? chunk.text.slice(span.start - chunk.start, span.end - chunk.start) : '';
      const document = span.documentId ? documents.get(span.documentId) : undefined;
      const text = span.documentId ? texts.get(span.documentId) : undefined;
      return withoutNulls({
        n: span.n ?? index + 1,
        chunkId: chunk.id,
        start: span.start,
        end: span.end,
        quote,
        section: chunk.section,
        page: chunk.page,
        reproduces:
          insideChunk && text !== undefined && quote.length > 0 && text.slice(span.start, span.end) === quote,
        document,
      });
    });
    const cited = documentIds.flatMap((id) => documents.get(id) ?? []);
    const runIds = [
      ...new Set(cited.flatMap((document) => (document.ingestRunId ? [document.ingestRunId] : []))),
    ];
    const ingestRuns = (await tx.run(READ_INGEST_RUNS, { ids: runIds })).records.map((record) =>
      withoutNulls(record.get('run') as ProvenanceIngestRun),
    );
    return { citations, documents: cited, ingestRuns };
  });
}

/** Reads what a suggestion was computed from (see `readSuggestionProvenance`). */
export interface ProvenanceReader {
  readProvenance(suggestionId: string): Promise<SuggestionProvenance>;
}

/** ProvenanceReader on Neo4j: one read transaction per suggestion. */
export class Neo4jProvenanceReader extends Neo4jSessionStore implements ProvenanceReader {
  readProvenance(suggestionId: string): Promise<SuggestionProvenance> {
    return readSuggestionProvenance(this.driver, suggestionId, { database: this.database });
  }
}
