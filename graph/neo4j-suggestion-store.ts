import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { EvidenceWithdrawal } from './document-retraction.ts';
import type { HeldBack, PassageSpan, Review, SuggestionStatus } from './model.ts';
import { withoutNulls } from './neo4j-values.ts';
import type {
  ReviewedApplication,
  StoredSuggestion,
  SuggestionStore,
  SuggestionWrite,
} from './suggestion-store.ts';

const saveSuggestionsQuery = `
MATCH (p:Product {id: $productId})
SET p.suggestionsComputedAt = $computedAt, p.heldBackJson = $heldBackJson
WITH p
OPTIONAL MATCH (p)-[:HAS_SUGGESTION]->(old:Suggestion)
WHERE NOT old.id IN $ids
WITH p, collect(old) AS stale
// Both lists are built before anything is deleted: reading a deleted node's status fails the transaction.
WITH p,
     [x IN stale WHERE x.status = 'new' AND NOT EXISTS { (x)<-[:REVIEWS]-(:Review) }] AS unreviewed,
     [x IN stale WHERE x.status <> 'new' OR EXISTS { (x)<-[:REVIEWS]-(:Review) }] AS reviewed
FOREACH (s IN reviewed | SET s.current = false, s.rank = null)
FOREACH (s IN unreviewed | DETACH DELETE s)
WITH p
UNWIND $rows AS row
MATCH (a:Application {id: row.applicationId})
MERGE (s:Suggestion {id: row.id})
ON CREATE SET s.status = 'new', s.firstProposedAt = row.createdAt
SET s.productId = $productId, s.applicationId = row.applicationId, s.score = row.score, s.rank = row.rank,
    s.componentsJson = row.componentsJson, s.rationale = row.rationale, s.createdAt = row.createdAt,
    s.engineVersion = row.engineVersion, s.model = row.model, s.promptId = row.promptId,
    s.evidenceDocuments = row.evidenceDocuments, s.evidenceDocumentIds = row.evidenceDocumentIds, s.current = true,
    s.variants = row.variants, s.scoreGroupsJson = row.scoreGroupsJson, s.baseRate = row.baseRate,
    s.confidence = row.confidence, s.supportJson = row.supportJson, s.analoguesJson = row.analoguesJson
MERGE (p)-[:HAS_SUGGESTION]->(s)
MERGE (s)-[:FOR_APPLICATION]->(a)
WITH s, row
OPTIONAL MATCH (s)-[oldCite:CITES]->()
DELETE oldCite
WITH DISTINCT s, row
UNWIND row.citations AS citation
MATCH (c:Chunk {id: citation.chunkId})
CREATE (s)-[:CITES {start: citation.start, end: citation.end, n: citation.n, role: citation.role}]->(c)`;

const suggestionProjection = `
OPTIONAL MATCH (s)-[:FOR_APPLICATION]->(a:Application)
CALL (s) {
  OPTIONAL MATCH (s)-[cite:CITES]->(c:Chunk)-[:PART_OF]->(d:Document)
  WITH cite, c, d ORDER BY cite.n
  RETURN collect(CASE WHEN cite IS NULL THEN null ELSE {
    chunkId: c.id, start: cite.start, end: cite.end, role: cite.role, section: c.section, page: c.page,
    chunkText: c.text, chunkStart: c.start,
    document: d {.id, .title, .kind, .number, .url, .publishedAt, .source, .ingestRunId}
  } END) AS citations
}
CALL (s) {
  OPTIONAL MATCH (s)<-[:REVIEWS]-(r:Review)
  WITH r ORDER BY r.at
  RETURN collect(r {.*}) AS reviews
}
RETURN s {.*} AS suggestion, a.name AS applicationName, citations, reviews`;

const listSuggestionsQuery = `
MATCH (:Product {id: $productId})-[:HAS_SUGGESTION]->(s:Suggestion)
WHERE ($status IS NULL OR s.status = $status) AND ($includeStale OR s.current)
WITH s ORDER BY coalesce(s.rank, 1000000), s.score DESC LIMIT $limit
${suggestionProjection}`;

const heldBackQuery = `
MATCH (p:Product {id: $productId})
RETURN p.heldBackJson AS heldBackJson`;

const getSuggestionQuery = `
MATCH (s:Suggestion {id: $id})
${suggestionProjection}`;

const reviewedApplicationsQuery = `
MATCH (:Product {id: $productId})-[:HAS_SUGGESTION]->(s:Suggestion)
WHERE s.status <> 'new'
RETURN s.applicationId AS applicationId, s.status AS status, coalesce(s.evidenceDocumentsAtReview, 0) AS atReview,
       coalesce(s.evidenceDocumentIdsAtReview, []) AS idsAtReview`;

const addReviewQuery = `
MATCH (s:Suggestion {id: $review.suggestionId})
CREATE (r:Review {id: $review.id, suggestionId: $review.suggestionId, decision: $review.decision,
                  comment: $review.comment, reviewer: $review.reviewer, at: $review.at,
                  previousStatus: s.status, evidenceDocuments: s.evidenceDocuments})
CREATE (r)-[:REVIEWS]->(s)
SET s.status = $status, s.evidenceDocumentsAtReview = s.evidenceDocuments,
    s.evidenceDocumentIdsAtReview = coalesce(s.evidenceDocumentIds, []), s.reviewedAt = $review.at
RETURN s.id AS id`;

const statusOfDecision: Record<Review['decision'], SuggestionStatus> = {
  accept: 'accepted',
  reject: 'rejected',
  defer: 'deferred',
};

function toStored(record: { get(key: string): unknown }): StoredSuggestion {
  const raw = record.get('suggestion') as Record<string, unknown>;
  const { componentsJson, evidenceWithdrawnJson, scoreGroupsJson, supportJson, analoguesJson, ...rest } =
    raw as Record<string, unknown> & {
      componentsJson?: string;
      evidenceWithdrawnJson?: string[];
      scoreGroupsJson?: string;
      supportJson?: string;
      analoguesJson?: string;
    };
  const withdrawals = (evidenceWithdrawnJson ?? []).map((json) => JSON.parse(json) as EvidenceWithdrawal);
  type RawCitation = Omit<PassageSpan, 'quote'> & { chunkText: string; chunkStart: number };
  const citations = (record.get('citations') as Array<RawCitation | null>).filter(
    (citation): citation is RawCitation => citation !== null,
  );
  return {
    ...(rest as unknown as StoredSuggestion),
    components: componentsJson ? JSON.parse(componentsJson) : {},
    ...(scoreGroupsJson ? { scoreGroups: JSON.parse(scoreGroupsJson) } : {}),
    ...(supportJson ? { support: JSON.parse(supportJson) } : {}),
    ...(analoguesJson ? { analogues: JSON.parse(analoguesJson) } : {}),
    applicationName: String(record.get('applicationName') ?? raw.applicationId),
    // Offsets are UTF-16 code units (String.slice); Cypher's substring counts code points, so cut here.
    citations: citations.map(({ chunkText, chunkStart, ...citation }) =>
      withoutNulls({
        ...citation,
        quote: chunkText.slice(citation.start - chunkStart, citation.end - chunkStart),
        document: withoutNulls(citation.document),
      }),
    ),
    reviews: record.get('reviews') as Review[],
    ...(withdrawals.length > 0 ? { evidenceWithdrawn: withdrawals[withdrawals.length - 1] } : {}),
  };
}

/** SuggestionStore on Neo4j: Suggestion nodes with CITES spans, Review nodes, status kept across recomputation. */
export class Neo4jSuggestionStore implements SuggestionStore {
  private readonly driver: Driver;
  private readonly database: string | undefined;

  constructor(driver: Driver, options: { database?: string } = {}) {
    this.driver = driver;
    this.database = options.database;
  }

  async saveSuggestions(
    productId: string,
    suggestions: SuggestionWrite[],
    heldBack?: HeldBack,
  ): Promise<void> {
    const rows = suggestions.map((suggestion) => ({
      id: suggestion.id,
      applicationId: suggestion.applicationId,
      score: suggestion.score,
      rank: suggestion.rank,
      componentsJson: JSON.stringify(suggestion.components),
      rationale: suggestion.rationale,
      createdAt: suggestion.createdAt,
      engineVersion: suggestion.engineVersion,
      model: suggestion.model,
      promptId: suggestion.promptId,
      evidenceDocuments: suggestion.evidenceDocuments,
      evidenceDocumentIds: suggestion.evidenceDocumentIds,
      variants: suggestion.variants && suggestion.variants.length > 0 ? suggestion.variants : null,
      scoreGroupsJson: suggestion.scoreGroups ? JSON.stringify(suggestion.scoreGroups) : null,
      baseRate: suggestion.baseRate ?? null,
      confidence: suggestion.confidence ?? null,
      supportJson: suggestion.support ? JSON.stringify(suggestion.support) : null,
      analoguesJson: suggestion.analogues?.length ? JSON.stringify(suggestion.analogues) : null,
      citations: suggestion.citations.map((citation, index) => ({
        chunkId: citation.chunkId,
        start: citation.start,
        end: citation.end,
        role: citation.role ?? null,
        n: index + 1,
      })),
    }));
    const session = this.driver.session({ database: this.database });
    try {
      await session.executeWrite((tx) =>
        tx.run(saveSuggestionsQuery, {
          productId,
          ids: rows.map((r) => r.id),
          rows,
          heldBackJson: heldBack ? JSON.stringify(heldBack) : null,
          // The engine stamps every suggestion of a computation alike; an empty one is stamped now.
          computedAt: rows[0]?.createdAt ?? new Date().toISOString(),
        }),
      );
    } finally {
      await session.close();
    }
  }

  async listSuggestions(
    productId: string,
    options: { status?: SuggestionStatus; limit?: number; includeStale?: boolean } = {},
  ): Promise<StoredSuggestion[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) =>
        tx.run(listSuggestionsQuery, {
          productId,
          status: options.status ?? null,
          includeStale: options.includeStale ?? options.status !== undefined,
          limit: neo4j.int(Math.max(1, Math.min(options.limit ?? 20, 500))),
        }),
      );
      return result.records.map(toStored);
    } finally {
      await session.close();
    }
  }

  async heldBack(productId: string): Promise<HeldBack | undefined> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(heldBackQuery, { productId }));
      const json = result.records[0]?.get('heldBackJson');
      return typeof json === 'string' ? (JSON.parse(json) as HeldBack) : undefined;
    } finally {
      await session.close();
    }
  }

  async getSuggestion(id: string): Promise<StoredSuggestion | undefined> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(getSuggestionQuery, { id }));
      const record = result.records[0];
      return record ? toStored(record) : undefined;
    } finally {
      await session.close();
    }
  }

  async reviewedApplications(productId: string): Promise<Map<string, ReviewedApplication>> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(reviewedApplicationsQuery, { productId }));
      return new Map(
        result.records.map((r) => [
          String(r.get('applicationId')),
          {
            status: r.get('status') as SuggestionStatus,
            evidenceDocumentsAtReview: Number(r.get('atReview')),
            evidenceDocumentIdsAtReview: (r.get('idsAtReview') as string[]).map(String),
          },
        ]),
      );
    } finally {
      await session.close();
    }
  }

  async addReview(review: Review): Promise<StoredSuggestion | undefined> {
    const session = this.driver.session({ database: this.database });
    try {
      const result = await session.executeWrite((tx) =>
        tx.run(addReviewQuery, { review, status: statusOfDecision[review.decision] }),
      );
      if (result.records.length === 0) return undefined;
    } finally {
      await session.close();
    }
    return this.getSuggestion(review.suggestionId);
  }
}

/** One suggestion read inside a caller's transaction (a writer that returns what it just wrote). */
export async function readStoredSuggestion(
  tx: ManagedTransaction,
  id: string,
): Promise<StoredSuggestion | undefined> {
  const record = (await tx.run(getSuggestionQuery, { id })).records[0];
  return record ? toStored(record) : undefined;
}
