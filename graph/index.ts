/** API key generation and hashing (keys are stored only as SHA-256). */
export { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret.ts';
/** The ApiKeyStore contract. */
export type * from './api-key-store.ts';
/** Models of the API's own records: API keys (roles) and conversations. */
export * from './api-model.ts';
/** The ChatGraphReader contract: the read-only queries of the chat tools. */
export type * from './chat-graph-reader.ts';
/** The ConversationStore contract (chat history). */
export type * from './conversation-store.ts';
/** Stable entity ids from names or ids (`material:<slug>`). */
export { nameFromEntityId, slugify, toEntityId } from './entity-ids.ts';
/** Typed errors of the graph layer, each with a one-line fix hint. */
export * from './errors.ts';
/** The EvidenceReader contract and the evidence rows discovery ranks from. */
export type * from './evidence-reader.ts';
/** The GraphStore contract and its write/read records. */
export type * from './graph-store.ts';
/** Local Neo4j 5.26 Community management (fetch jars, start, stop, status). */
export * from './local-neo4j.ts';
/** Domain model types and zod schemas (design.md section 3), the citation types from storage to the wire. */
export * from './model.ts';
/** ApiKeyStore on Neo4j. */
export { Neo4jApiKeyStore, type Neo4jApiKeyStoreOptions } from './neo4j-api-key-store.ts';
/** ChatGraphReader on Neo4j (READ sessions). */
export { Neo4jChatGraphReader } from './neo4j-chat-graph-reader.ts';
/** ConversationStore on Neo4j. */
export { Neo4jConversationStore, type Neo4jConversationStoreOptions } from './neo4j-conversation-store.ts';
/** EvidenceReader on Neo4j (one READ transaction). */
export { Neo4jEvidenceReader } from './neo4j-evidence-reader.ts';
export type { Neo4jConnection, Neo4jGraphStoreOptions } from './neo4j-graph-store.ts';
/** The Neo4j implementation of GraphStore and driver helpers. */
export { createNeo4jDriver, Neo4jGraphStore, toLuceneQuery, verifyNeo4j } from './neo4j-graph-store.ts';
/** Leases (locks with expiry) on Neo4j: one run per source at a time, freed when a worker dies. */
export { type LeaseStore, Neo4jLeaseStore } from './neo4j-lease-store.ts';
/** ProductStore on Neo4j (the company's catalog). */
export { Neo4jProductStore, type Neo4jProductStoreOptions } from './neo4j-product-store.ts';
/** Provenance of a suggestion: its CITES spans re-checked against the document text, and ingest runs. */
export {
  type ProvenanceCitation,
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
/** Suggestions with citation spans and reviews on Neo4j; status survives recomputation. */
export { Neo4jSuggestionStore } from './neo4j-suggestion-store.ts';
/** The ProductStore contract. */
export type * from './product-store.ts';
/** The SuggestionStore contract and its read/write records. */
export type * from './suggestion-store.ts';
