/** API key generation and hashing (keys are stored only as SHA-256). */

/** The AnalyticsReader contract: read-only aggregates (landscape, trends, requirements, counts, competitors). */
export type * from './analytics-reader.ts';
export { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret.ts';
/** The ApiKeyStore contract. */
export type * from './api-key-store.ts';
/** Models of the API's own records: API keys (roles) and conversations. */
export * from './api-model.ts';
/** The graph backup file: header (versions, counts, checksum) + gzipped JSON lines; full verification. */
export {
  type BackupCounts,
  BackupFileError,
  type BackupHeader,
  backupFormatVersion,
  checkBackupCompatibility,
  readBackupHeader,
  verifyBackupFile,
} from './backup-file.ts';
/** Asks a Bolt server for its version (fails fast with a one-line error). */
export { probeBolt } from './bolt-probe.ts';
export { BulkImportGraph, type ImportFiles } from './bulk-import-graph.ts';
/** The ChatGraphReader contract: the read-only queries of the chat tools. */
export type * from './chat-graph-reader.ts';
/** The ConversationStore contract (chat history). */
export type * from './conversation-store.ts';
/** Retracting documents with everything derived from them: the contract, counts and audit records. */
export * from './document-retraction.ts';
/** Stable entity ids from names or ids (`material:<slug>`). */
export { nameFromEntityId, slugify, toEntityId } from './entity-ids.ts';
/** Typed errors of the graph layer, each with a one-line fix hint. */
export * from './errors.ts';
/** The EvidenceReader contract and the evidence rows discovery ranks from. */
export type * from './evidence-reader.ts';
/** The GraphStore contract and its write/read records. */
export type * from './graph-store.ts';
/** Wiping a graph this program owns (test suite, benchmarks, back-test): nodes, and schema. */
export { deleteAllNodes, dropGraphSchema } from './graph-wipe.ts';
/** Whether Java 17+ runs, and which `java` binary to use. */
export { checkJava, javaBinary } from './java-runtime.ts';
/** Local Neo4j 5.26 Community lifecycle: start (or reuse), stop, status of an instance by data home. */
export {
  homeHasData,
  type LocalNeo4jOptions,
  type LocalNeo4jStatus,
  localNeo4jStatus,
  type StartResult,
  startLocalNeo4j,
  stopLocalNeo4j,
} from './local-neo4j.ts';
export { pidFile } from './local-neo4j-records.ts';
/** Escapes user text for a Lucene full-text query. */
export { toLuceneQuery } from './lucene-query.ts';
/** Domain model types and zod schemas (design.md section 3). */
export * from './model.ts';
/** Neo4j analytics aggregates over mentions, facts and assignee links (read-only). */
export { Neo4jAnalyticsReader } from './neo4j-analytics-reader.ts';
/** ApiKeyStore on Neo4j. */
export { Neo4jApiKeyStore, type Neo4jApiKeyStoreOptions } from './neo4j-api-key-store.ts';
/** The audit trail (every review, schedule change and ingest run) and its Neo4j implementation. */
export {
  type AuditEvent,
  type AuditEventType,
  type AuditLog,
  Neo4jAuditLog,
  recordAuditEvent,
  recordAuditEvents,
} from './neo4j-audit-log.ts';
export {
  bulkPromotionStore,
  bulkSpoolingStore,
  checkBulkImportable,
  exportGraph,
  importIntoStoppedNeo4j,
  readAssigneeResolver,
  restoreEmptyLists,
} from './neo4j-bulk-import.ts';
/** ChatGraphReader on Neo4j (READ sessions). */
export { Neo4jChatGraphReader } from './neo4j-chat-graph-reader.ts';
/** ConversationStore on Neo4j. */
export { Neo4jConversationStore, type Neo4jConversationStoreOptions } from './neo4j-conversation-store.ts';
/** DocumentRetractor on Neo4j: one transaction (with its audit event) per document. */
export { Neo4jDocumentRetractor } from './neo4j-document-retractor.ts';
/** The id of a mined candidate (label and canonical key), as the document writes give it. */
export { candidateId } from './neo4j-document-writes.ts';
/** Opens a driver on a connection and checks that the server answers. */
export { createNeo4jDriver, type Neo4jConnection, verifyNeo4j } from './neo4j-driver.ts';
/** EvidenceReader on Neo4j (one READ transaction). */
export { Neo4jEvidenceReader } from './neo4j-evidence-reader.ts';
/** Online backup and staged, verified restore of a whole graph over Bolt. */
export {
  countGraph,
  createGraphBackup,
  type GraphBackupOptions,
  type RestoreOptions,
  type RestoreResult,
  restoreGraphBackup,
} from './neo4j-graph-backup.ts';
/** The Neo4j implementation of GraphStore. */
export { Neo4jGraphStore, type Neo4jGraphStoreOptions } from './neo4j-graph-store.ts';
export { staleRunAfterMs } from './neo4j-ingest-runs.ts';
/** Fetches the Neo4j jars from Maven Central (first start only); where they are (e.g. for neo4j-admin). */
export { fetchNeo4jJars, neo4jJarsPresent, neo4jLibDir } from './neo4j-jars.ts';
/** Leases (locks with expiry) on Neo4j: one run per source at a time, freed when a worker dies. */
export { type LeaseFence, type LeaseStore, Neo4jLeaseStore } from './neo4j-lease-store.ts';
/** ProductStore on Neo4j (the company's catalog). */
export { Neo4jProductStore, type Neo4jProductStoreOptions } from './neo4j-product-store.ts';
/** A suggestion's provenance read from the graph, every cited span re-checked against the document text. */
export {
  Neo4jProvenanceReader,
  type ProvenanceCitation,
  type ProvenanceIngestRun,
  type ProvenanceReader,
  type ProvenanceWithdrawnCitation,
  readSuggestionProvenance,
  type SuggestionProvenance,
} from './neo4j-provenance-reader.ts';
/** Re-extraction on Neo4j: stale documents found through the chunk full-text index and mention links. */
export { Neo4jReextractionStore, phraseQuery } from './neo4j-reextraction-store.ts';
/** Reviews written atomically with their audit event, idempotent per client key. */
export {
  type IdempotencyClaim,
  Neo4jReviewRecorder,
  type ReviewOutcome,
  type ReviewRecorder,
  type ReviewRequest,
} from './neo4j-review-recorder.ts';
/** Run jobs: what any worker needs to execute (or re-execute) a run; cancel requests. */
export { Neo4jRunJobStore, type RunJob, type RunJobStore } from './neo4j-run-job-store.ts';
/** Cron schedules of ingestion, persisted in the graph. */
export { type IngestSchedule, Neo4jScheduleStore, type ScheduleStore } from './neo4j-schedule-store.ts';
/** The one graph schema (every constraint and index), its idempotent migration and recorded version. */
export {
  graphSchemaStatements,
  graphSchemaVersion,
  type MigrateGraphSchemaOptions,
  migrateGraphSchema,
  oldestReadableGraphSchemaVersion,
  readGraphSchemaVersion,
  type SchemaStatement,
} from './neo4j-schema.ts';
/** The shared base of the Neo4j stores (driver, database, one managed transaction per call). */
export { Neo4jSessionStore, type Neo4jStoreOptions } from './neo4j-session.ts';
/** Declared ingestion sources with their cursors. */
export {
  type DeclaredSource,
  Neo4jSourceStore,
  type SourceCursor,
  type SourceSpec,
  type SourceStore,
} from './neo4j-source-store.ts';
/** How current a product's stored suggestions are (read only; the chat says when they are stale). */
export {
  Neo4jSuggestionFreshnessReader,
  type SuggestionFreshness,
  type SuggestionFreshnessReader,
} from './neo4j-suggestion-freshness.ts';
/** Suggestions with citation spans and reviews; status survives recomputation. */
export { Neo4jSuggestionStore } from './neo4j-suggestion-store.ts';
/** The graph vocabulary on Neo4j: terms are entity nodes and product names, with a version and change log. */
export { Neo4jVocabularyStore, type Neo4jVocabularyStoreOptions } from './neo4j-vocabulary-store.ts';
/** Connecting to a graph (check, migrate), and an isolated, wiped, migrated local graph for eval, bench and tests. */
export {
  type ConnectGraphOptions,
  connectGraph,
  type GraphConnection,
  type IsolatedGraph,
  type IsolatedGraphOptions,
  openIsolatedGraph,
} from './open-graph.ts';
/** Assignee name normalisation (legal forms, case, punctuation, bundled renamings and subsidiaries). */
export {
  bundledOrganizations,
  displayOrganizationName,
  OrganizationNameResolver,
  organizationKey,
} from './organization-names.ts';
/** Whether something accepts TCP connections on a loopback port. */
export { portAcceptsConnections } from './port-probes.ts';
/** The ProductStore contract. */
export type * from './product-store.ts';
/** The ReextractionStore contract: stored documents extracted again from their stored text. */
export type * from './reextraction-store.ts';
/** The SuggestionStore contract and its read/write records. */
export type * from './suggestion-store.ts';
/** The last vocabulary snapshot kept in a file for the next process of the same graph. */
export {
  type KeptVocabularySnapshot,
  keptSnapshotContent,
  VocabularySnapshotFile,
} from './vocabulary-snapshot-file.ts';
/** The VocabularyStore contract, its records and errors (unknown term, conflicting change). */
export * from './vocabulary-store.ts';
