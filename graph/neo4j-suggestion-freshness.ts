import { Neo4jSessionStore } from './neo4j-session.ts';

/** How current a product's stored suggestions are, compared with what was ingested since. */
export interface SuggestionFreshness {
  /** When they were last computed; undefined when they never were. */
  computedAt?: string;
  /** Documents added or changed by ingest runs that finished after computedAt (all of them when never). */
  newerDocuments: number;
  /** When the newest of those runs finished. */
  newestRunAt?: string;
}

/** Reads suggestion freshness (a READ transaction; nothing is computed or written). */
export interface SuggestionFreshnessReader {
  readFreshness(productId: string): Promise<SuggestionFreshness>;
}

export const READ_SUGGESTION_FRESHNESS = `
OPTIONAL MATCH (p:Product {id: $productId})
OPTIONAL MATCH (p)-[:HAS_SUGGESTION]->(s:Suggestion)
WITH p, max(s.createdAt) AS newestSuggestion
WITH coalesce(p.suggestionsComputedAt, newestSuggestion) AS computedAt
OPTIONAL MATCH (r:IngestRun)
WHERE r.finishedAt IS NOT NULL AND r.status IN ['succeeded', 'partial']
  AND (computedAt IS NULL OR r.finishedAt > computedAt)
WITH computedAt, collect(r.id) AS runIds, max(r.finishedAt) AS newestRunAt
OPTIONAL MATCH (d:Document) WHERE d.ingestRunId IN runIds
RETURN computedAt, newestRunAt, count(d) AS newerDocuments`;

/** SuggestionFreshnessReader on Neo4j. */
export class Neo4jSuggestionFreshnessReader extends Neo4jSessionStore implements SuggestionFreshnessReader {
  async readFreshness(productId: string): Promise<SuggestionFreshness> {
    const record = (await this.read((tx) => tx.run(READ_SUGGESTION_FRESHNESS, { productId }))).records[0];
    const computedAt = record?.get('computedAt');
    const newestRunAt = record?.get('newestRunAt');
    return {
      ...(typeof computedAt === 'string' ? { computedAt } : {}),
      newerDocuments: Number(record?.get('newerDocuments') ?? 0),
      ...(typeof newestRunAt === 'string' ? { newestRunAt } : {}),
    };
  }
}
