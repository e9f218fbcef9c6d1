/** Domain model types and zod schemas (design.md section 3). */

/** API key generation and hashing (keys are stored only as SHA-256). */
export { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret.ts';
/** The ApiKeyStore contract. */
export type * from './api-key-store.ts';
/** Models of the API's own records: API keys (roles) and conversations. */
export * from './api-model.ts';
/** The ConversationStore contract (chat history). */
export type * from './conversation-store.ts';
/** Stable entity ids from names or ids (`material:<slug>`). */
export { nameFromEntityId, slugify, toEntityId } from './entity-ids.ts';
/** Typed errors of the graph layer, each with a one-line fix hint. */
export * from './errors.ts';
/** The GraphStore contract and its write/read records. */
export type * from './graph-store.ts';
/** Local Neo4j 5.26 Community management (fetch jars, start, stop, status). */
export * from './local-neo4j.ts';
export * from './model.ts';
/** ApiKeyStore on Neo4j. */
export { Neo4jApiKeyStore, type Neo4jApiKeyStoreOptions } from './neo4j-api-key-store.ts';
/** The audit trail of reviews, schedule changes and runs, on Neo4j. */
export { type AuditEvent, type AuditEventType, type AuditLog, Neo4jAuditLog } from './neo4j-audit-log.ts';
/** ConversationStore on Neo4j. */
export { Neo4jConversationStore, type Neo4jConversationStoreOptions } from './neo4j-conversation-store.ts';
export type { Neo4jConnection, Neo4jGraphStoreOptions } from './neo4j-graph-store.ts';
/** The Neo4j implementation of GraphStore and driver helpers. */
export { createNeo4jDriver, Neo4jGraphStore, toLuceneQuery, verifyNeo4j } from './neo4j-graph-store.ts';
/** Leases (locks with expiry) on Neo4j: one run per source at a time, freed when a worker dies. */
export { type LeaseStore, Neo4jLeaseStore } from './neo4j-lease-store.ts';
/** ProductStore on Neo4j (the company's catalog). */
export { Neo4jProductStore, type Neo4jProductStoreOptions } from './neo4j-product-store.ts';
/** Where a suggestion comes from: its cited spans, their documents and the runs that ingested them. */
export {
  type ProvenanceCitation,
  type ProvenanceDocument,
  type ProvenanceIngestRun,
  readSuggestionProvenance,
  type SuggestionProvenance,
} from './neo4j-provenance-reader.ts';
/** Run jobs: what any worker needs to execute (or re-execute) a run; cancel requests. */
export { Neo4jRunJobStore, type RunJob, type RunJobStore } from './neo4j-run-job-store.ts';
/** Cron schedules of ingestion, persisted in the graph. */
export { type IngestSchedule, Neo4jScheduleStore, type ScheduleStore } from './neo4j-schedule-store.ts';
/** Declared ingestion sources with their cursors. */
export {
  type DeclaredSource,
  Neo4jSourceStore,
  type SourceCursor,
  type SourceSpec,
  type SourceStore,
} from './neo4j-source-store.ts';
/** Suggestions with citation spans and reviews; status survives recomputation. */
export {
  Neo4jSuggestionStore,
  type StoredCitation,
  type StoredSuggestion,
  type SuggestionStore,
  type SuggestionWrite,
} from './neo4j-suggestion-store.ts';
/** The ProductStore contract. */
export type * from './product-store.ts';
