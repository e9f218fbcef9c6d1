import type { Driver } from 'neo4j-driver';
import type {
  ChunkSearchHit,
  ChunkWithDocument,
  DocumentBundle,
  DocumentVersion,
  DocumentWriteResult,
  EntitySearchHit,
  GraphCounts,
  GraphStore,
  MigrationReport,
} from './graph-store.ts';
import type { Chunk, Entity, GraphDocument, IngestRun, Mention } from './model.ts';
import { AssigneeResolverCache } from './neo4j-assignee-links.ts';
import {
  readChunks,
  readChunksOf,
  readCounts,
  readDocument,
  readDocumentHashes,
  readDocumentVersions,
  readEntity,
  readMentions,
} from './neo4j-document-reads.ts';
import { refreshStaleCandidates, writeDocumentBundles, writeEntities } from './neo4j-document-writes.ts';
import { searchChunks, searchEntities } from './neo4j-graph-search.ts';
import { listIngestRuns, readIngestRun, saveIngestRun } from './neo4j-ingest-runs.ts';
import { type LeaseFence, requireLease } from './neo4j-lease-store.ts';
import { migrateGraphSchema } from './neo4j-schema.ts';
import { Neo4jSessionStore, type Neo4jStoreOptions } from './neo4j-session.ts';

export interface Neo4jGraphStoreOptions extends Neo4jStoreOptions {
  /** Creates the vector index on Chunk.embedding when set. */
  embeddingDimension?: number;
}

/** GraphStore on neo4j-driver: parameterised Cypher, UNWIND batches, MERGE on stable ids. */
export class Neo4jGraphStore extends Neo4jSessionStore implements GraphStore {
  /** The driver this store owns (closed by `close()`), for the composition root to share. */
  declare readonly driver: Driver;
  private readonly embeddingDimension: number | undefined;
  private readonly assigneeResolvers = new AssigneeResolverCache();

  constructor(driver: Driver, options: Neo4jGraphStoreOptions = {}) {
    super(driver, options);
    this.embeddingDimension = options.embeddingDimension;
  }

  /** Applies the whole graph schema (see `migrateGraphSchema`). */
  migrate(): Promise<MigrationReport> {
    return migrateGraphSchema(this.driver, {
      database: this.database,
      embeddingDimension: this.embeddingDimension,
    });
  }

  async documentHashes(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return this.read((tx) => readDocumentHashes(tx, ids));
  }

  async documentVersions(ids: string[]): Promise<Map<string, DocumentVersion>> {
    if (ids.length === 0) return new Map();
    return this.read((tx) => readDocumentVersions(tx, ids));
  }

  async writeDocuments(bundles: DocumentBundle[]): Promise<DocumentWriteResult[]> {
    if (bundles.length === 0) return [];
    return this.write((tx) => writeDocumentBundles(tx, bundles, this.assigneeResolvers));
  }

  async refreshStaleCandidates(): Promise<number> {
    return refreshStaleCandidates(this.driver, this.database);
  }

  async upsertEntities(entities: Entity[]): Promise<number> {
    await this.write((tx) => writeEntities(tx, entities));
    return entities.length;
  }

  getDocument(id: string): Promise<GraphDocument | undefined> {
    return this.read((tx) => readDocument(tx, id));
  }

  listChunks(documentId: string): Promise<Chunk[]> {
    return this.read((tx) => readChunksOf(tx, documentId));
  }

  async getChunks(ids: string[]): Promise<ChunkWithDocument[]> {
    if (ids.length === 0) return [];
    return this.read((tx) => readChunks(tx, ids));
  }

  async getChunk(id: string): Promise<ChunkWithDocument | undefined> {
    return (await this.getChunks([id]))[0];
  }

  listMentions(documentId: string): Promise<Mention[]> {
    return this.read((tx) => readMentions(tx, documentId));
  }

  getEntity(id: string): Promise<Entity | undefined> {
    return this.read((tx) => readEntity(tx, id));
  }

  searchChunks(query: string, options: { limit?: number; kinds?: string[] } = {}): Promise<ChunkSearchHit[]> {
    return this.read((tx) => searchChunks(tx, query, options));
  }

  searchEntities(
    query: string,
    options: { limit?: number; label?: string } = {},
  ): Promise<EntitySearchHit[]> {
    return this.read((tx) => searchEntities(tx, query, options));
  }

  async saveIngestRun(run: IngestRun, fence?: LeaseFence): Promise<void> {
    await this.write(async (tx) => {
      if (fence) await requireLease(tx, fence);
      await saveIngestRun(tx, run);
    });
  }

  getIngestRun(id: string): Promise<IngestRun | undefined> {
    return this.read((tx) => readIngestRun(tx, id));
  }

  listIngestRuns(options: { limit?: number } = {}): Promise<IngestRun[]> {
    return this.read((tx) => listIngestRuns(tx, options));
  }

  counts(): Promise<GraphCounts> {
    return this.read((tx) => readCounts(tx));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
