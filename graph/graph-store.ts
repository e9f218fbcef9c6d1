import type { Chunk, Entity, Fact, GraphDocument, IngestRun, Mention } from './model.ts';
import type { LeaseFence } from './neo4j-lease-store.ts';

/**
 * One occurrence of a mined candidate term (not yet an entity) in a chunk, with its sentence as
 * evidence; offsets are into the document text.
 */
export interface CandidateOccurrenceWrite {
  label: 'Material' | 'Application';
  /** Canonical key: variants of one term share it. */
  key: string;
  surface: string;
  cue: string;
  chunkId: string;
  start: number;
  end: number;
  sentence: { start: number; end: number };
  head?: string;
  broaderId?: string;
}

/** Everything one document contributes to the graph, written atomically. */
export interface DocumentBundle {
  document: GraphDocument;
  chunks: Chunk[];
  entities: Entity[];
  mentions: Mention[];
  facts: Fact[];
  /** Mined candidate terms (their support is counted across documents). */
  candidates?: CandidateOccurrenceWrite[];
}

export interface DocumentVersion {
  contentHash: string;
  origin?: string;
  textLength: number;
}

export type WriteStatus = 'added' | 'updated' | 'unchanged';

export interface DocumentWriteResult {
  id: string;
  status: WriteStatus;
  chunks: number;
  mentions: number;
  facts: number;
}

export interface MigrationReport {
  /** Constraints and indexes this run created. */
  created: string[];
  /** Those that were there already. */
  existing: string[];
  /** The schema version recorded in the graph afterwards. */
  version: number;
  /** ASSIGNED_TO links the backfill wrote for patents stored before they were linked on ingest. */
  assigneeLinks?: number;
}

export interface ChunkWithDocument extends Chunk {
  document: Pick<GraphDocument, 'id' | 'title' | 'kind' | 'number' | 'url' | 'publishedAt' | 'source'>;
}

export interface ChunkSearchHit {
  chunk: ChunkWithDocument;
  score: number;
}

export interface EntitySearchHit {
  entity: Entity;
  score: number;
}

export interface GraphCounts {
  documents: number;
  chunks: number;
  entities: number;
  mentions: number;
  facts: number;
}

/** The graph persistence contract; Neo4jGraphStore is the production implementation. */
export interface GraphStore {
  /** Creates constraints and indexes that are missing; safe to run any number of times. */
  migrate(): Promise<MigrationReport>;
  /** Content hashes of the given documents that already exist (id → hash). */
  documentHashes(ids: string[]): Promise<Map<string, string>>;
  /** What is stored of these documents: hash, where it was read from, and text length. */
  documentVersions(ids: string[]): Promise<Map<string, DocumentVersion>>;
  /**
   * Writes documents with their chunks, mentions and facts in one transaction per call. A document whose
   * content hash is unchanged is skipped; a changed one is replaced without leaving orphans.
   */
  writeDocuments(bundles: DocumentBundle[]): Promise<DocumentWriteResult[]>;
  /**
   * Counts the support of the mined candidates whose occurrences `writeDocuments` changed (it marks them
   * stale rather than recount a popular candidate in every batch); ingestion calls it once at the end of
   * a run, and candidate readers before they read. Resolves with how many were recounted.
   */
  refreshStaleCandidates(): Promise<number>;
  getDocument(id: string): Promise<GraphDocument | undefined>;
  listChunks(documentId: string): Promise<Chunk[]>;
  getChunk(id: string): Promise<ChunkWithDocument | undefined>;
  getChunks(ids: string[]): Promise<ChunkWithDocument[]>;
  listMentions(documentId: string): Promise<Mention[]>;
  getEntity(id: string): Promise<Entity | undefined>;
  upsertEntities(entities: Entity[]): Promise<number>;
  /** Full-text search over chunk text (Lucene syntax is escaped). */
  searchChunks(query: string, options?: { limit?: number; kinds?: string[] }): Promise<ChunkSearchHit[]>;
  /** Full-text search over entity names and aliases. */
  searchEntities(query: string, options?: { limit?: number; label?: string }): Promise<EntitySearchHit[]>;
  /**
   * With a fence, the record is saved only while the fence's holder still holds its lease (else
   * LeaseLostError, and nothing is written): an executor past its lease cannot overwrite the record or
   * end a run while the next holder works.
   */
  saveIngestRun(run: IngestRun, fence?: LeaseFence): Promise<void>;
  getIngestRun(id: string): Promise<IngestRun | undefined>;
  listIngestRuns(options?: { limit?: number }): Promise<IngestRun[]>;
  counts(): Promise<GraphCounts>;
  close(): Promise<void>;
}
