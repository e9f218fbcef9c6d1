/** What retracting documents removes, per kind (a dry run reports the same numbers without removing). */
export interface RetractionCounts {
  documents: number;
  chunks: number;
  mentions: number;
  /** Facts removed: the documents' own facts, and any other fact left without evidence. */
  facts: number;
  /** EVIDENCE links into the removed chunks (of removed facts and of facts that keep other evidence). */
  evidence: number;
  /** Entities left without mentions or links, not from the lexicon, the catalog or a user. */
  entities: number;
  /** Materialised `(:Material)-[:USED_IN]->(:Application)` paths recomputed, and of those removed. */
  fastPathsRecomputed: number;
  fastPathsRemoved: number;
  /** CITES links from suggestions into the removed chunks. */
  citations: number;
  /** Reviewed suggestions marked `evidence withdrawn` (history kept). */
  suggestionsMarked: number;
  /** Unreviewed suggestions left without any citation (recomputation proposes them again if still supported). */
  suggestionsRemoved: number;
  /** Chat messages whose stored citations (and quotes) of the documents were withdrawn. */
  messagesRedacted: number;
}

/** Entities with these origins stay even when nothing mentions them any more. */
export const protectedEntityOrigins = ['lexicon', 'catalog', 'user'] as const;

/** A citation that a retraction took away from a suggestion (metadata only: the quoted text is not kept). */
export interface WithdrawnCitation {
  n?: number;
  chunkId: string;
  start: number;
  end: number;
  section?: string;
  page?: number;
  document: {
    id: string;
    title?: string;
    kind?: string;
    number?: string;
    url?: string;
    publishedAt?: string;
  };
}

/** What a retraction did to one suggestion that cited the document (kept in the audit event). */
export interface RetractedSuggestionRecord {
  suggestionId: string;
  productId?: string;
  applicationId?: string;
  status: string;
  reviewed: boolean;
  /** `marked`: reviewed, kept with `evidenceWithdrawn`; `removed`: unreviewed and left without citations; `kept`: unreviewed, still cited. */
  action: 'marked' | 'removed' | 'kept';
  citations: WithdrawnCitation[];
}

/** The marker a reviewed suggestion carries after a retraction took some of its cited evidence. */
export interface EvidenceWithdrawal {
  /** The retraction's audit event (its details list the citations that went). */
  auditEventId: string;
  at: string;
  reason?: string;
  citationsRemoved: number;
}

/** What would go (dry run) or went, for a set of documents. */
export interface RetractionPlan {
  /** Requested documents that exist. */
  documentIds: string[];
  /** Requested ids with no document (already retracted, or never ingested). */
  missing: string[];
  counts: RetractionCounts;
  /** Products whose suggestions or materials/applications are touched (their suggestions get recomputed). */
  productIds: string[];
}

/** One document's retraction, committed in one transaction together with its audit event. */
export interface RetractionOutcome {
  documentId: string;
  auditEventId: string;
  counts: RetractionCounts;
  productIds: string[];
  suggestions: RetractedSuggestionRecord[];
}

/** Who retracts, why, and under which audit event id. */
export interface RetractionRecord {
  auditEventId: string;
  actor: string;
  at: string;
  reason?: string;
  /** Extra audit details (e.g. the source whose documents are retracted, a batch id). */
  context?: Record<string, unknown>;
}

/** Removes documents and everything derived from them; each document in its own transaction. */
export interface DocumentRetractor {
  /** What retracting these documents together would remove; changes nothing. */
  planRetraction(documentIds: string[]): Promise<RetractionPlan>;
  /**
   * Retracts one document with everything derived from it and writes its audit event, all in one
   * transaction. Undefined when there is no such document (nothing is written).
   */
  retractDocument(documentId: string, record: RetractionRecord): Promise<RetractionOutcome | undefined>;
  /** Documents last written by runs of a declared source (through its run jobs and run records). */
  documentIdsOfSource(sourceId: string): Promise<string[]>;
}

/** Zero counts. */
export function emptyRetractionCounts(): RetractionCounts {
  return {
    documents: 0,
    chunks: 0,
    mentions: 0,
    facts: 0,
    evidence: 0,
    entities: 0,
    fastPathsRecomputed: 0,
    fastPathsRemoved: 0,
    citations: 0,
    suggestionsMarked: 0,
    suggestionsRemoved: 0,
    messagesRedacted: 0,
  };
}

/** Adds `more` into `into` (totals over several documents). */
export function addRetractionCounts(into: RetractionCounts, more: RetractionCounts): RetractionCounts {
  for (const key of Object.keys(into) as (keyof RetractionCounts)[]) into[key] += more[key];
  return into;
}
