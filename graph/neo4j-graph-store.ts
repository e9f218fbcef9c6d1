import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { Neo4jUnreachableError } from './errors.ts';
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
import type { Chunk, Entity, EntityLabel, GraphDocument, IngestRun, Mention } from './model.ts';
import * as q from './neo4j-queries.ts';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

export interface Neo4jGraphStoreOptions {
  /** Creates the vector index on Chunk.embedding when set. */
  embeddingDimension?: number;
}

/** Opens a driver whose integers come back as JS numbers (our counts and offsets fit easily). */
export function createNeo4jDriver(connection: Neo4jConnection): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    disableLosslessIntegers: true,
    connectionTimeout: 10_000,
    maxConnectionPoolSize: 50,
  });
}

/** Checks that the server answers, with a one-line error that names the URI when it does not. */
export async function verifyNeo4j(driver: Driver, uri: string): Promise<void> {
  try {
    await driver.verifyConnectivity();
  } catch (error) {
    throw new Neo4jUnreachableError(uri, (error as Error).message.split('\n')[0] ?? 'no answer', error);
  }
}

/** Drops undefined values: Neo4j stores no nulls, and `SET n = row` should not see them. */
function defined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

function toEntity(properties: Record<string, unknown>, label: string): Entity {
  const { aliasText: _aliasText, ...rest } = properties;
  return { aliases: [], ...rest, label: label as EntityLabel } as unknown as Entity;
}

function toIngestRun(properties: Record<string, unknown>): IngestRun {
  const { countsJson, errorsJson, ...rest } = properties as Record<string, unknown> & {
    countsJson?: string;
    errorsJson?: string;
  };
  return {
    ...(rest as Omit<IngestRun, 'counts' | 'errors'>),
    counts: countsJson ? JSON.parse(countsJson) : {},
    errors: errorsJson ? JSON.parse(errorsJson) : [],
  } as IngestRun;
}

/** Escapes Lucene query syntax so user text is searched literally, word by word. */
export function toLuceneQuery(text: string): string {
  const words = text
    .replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0 && !/^(AND|OR|NOT)$/.test(word));
  return words.join(' ');
}

/** GraphStore on neo4j-driver: parameterised Cypher, UNWIND batches, MERGE on stable ids. */
export class Neo4jGraphStore implements GraphStore {
  readonly driver: Driver;
  private readonly database: string | undefined;
  private readonly options: Neo4jGraphStoreOptions;

  constructor(driver: Driver, options: Neo4jGraphStoreOptions & { database?: string } = {}) {
    this.driver = driver;
    this.database = options.database;
    this.options = options;
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  async migrate(): Promise<MigrationReport> {
    const session = this.driver.session({ database: this.database });
    try {
      const before = new Set<string>();
      for (const query of [q.listConstraintNames, q.listIndexNames]) {
        for (const record of (await session.run(query)).records) before.add(String(record.get('name')));
      }
      const created: string[] = [];
      const existing: string[] = [];
      for (const statement of q.schemaStatements(this.options.embeddingDimension)) {
        if (before.has(statement.name)) {
          existing.push(statement.name);
          continue;
        }
        await session.run(statement.cypher);
        created.push(statement.name);
      }
      await session.run('CALL db.awaitIndexes(300)');
      return { created, existing };
    } finally {
      await session.close();
    }
  }

  async documentHashes(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return this.read(async (tx) => {
      const result = await tx.run(q.documentHashes, { ids });
      return new Map(result.records.map((r) => [String(r.get('id')), String(r.get('contentHash'))]));
    });
  }

  async documentVersions(ids: string[]): Promise<Map<string, DocumentVersion>> {
    if (ids.length === 0) return new Map();
    return this.read(async (tx) => {
      const result = await tx.run(q.documentVersions, { ids });
      return new Map(
        result.records.map((r) => [
          String(r.get('id')),
          {
            contentHash: String(r.get('contentHash')),
            origin: r.get('origin') ?? undefined,
            textLength: Number(r.get('textLength')),
          },
        ]),
      );
    });
  }

  async writeDocuments(bundles: DocumentBundle[]): Promise<DocumentWriteResult[]> {
    if (bundles.length === 0) return [];
    // The last bundle wins when a batch holds the same document twice (e.g. duplicate publications).
    const byId = new Map(bundles.map((bundle) => [bundle.document.id, bundle]));
    return this.write(async (tx) => {
      const ids = [...byId.keys()];
      const existing = new Map(
        (await tx.run(q.documentHashes, { ids })).records.map((r) => [
          String(r.get('id')),
          String(r.get('contentHash')),
        ]),
      );
      const results: DocumentWriteResult[] = [];
      const toWrite: DocumentBundle[] = [];
      for (const bundle of byId.values()) {
        const previous = existing.get(bundle.document.id);
        if (previous === bundle.document.contentHash) {
          results.push({ id: bundle.document.id, status: 'unchanged', chunks: 0, mentions: 0, facts: 0 });
          continue;
        }
        toWrite.push(bundle);
        results.push({
          id: bundle.document.id,
          status: previous === undefined ? 'added' : 'updated',
          chunks: bundle.chunks.length,
          mentions: bundle.mentions.length,
          facts: bundle.facts.length,
        });
      }
      if (toWrite.length === 0) return results;
      const replaced = toWrite.filter((bundle) => existing.has(bundle.document.id)).map((b) => b.document.id);
      const affectedPairs = new Map<string, { subjectId: string; objectId: string }>();
      if (replaced.length > 0) {
        const removed = await tx.run(q.deleteDocumentFacts, { ids: replaced });
        await tx.run(q.deleteDocumentChunks, { ids: replaced });
        for (const record of removed.records) {
          if (record.get('type') !== 'USED_IN' || !record.get('subjectId')) continue;
          const pair = {
            subjectId: String(record.get('subjectId')),
            objectId: String(record.get('objectId')),
          };
          affectedPairs.set(`${pair.subjectId}|${pair.objectId}`, pair);
        }
      }
      await tx.run(q.upsertDocuments, { rows: toWrite.map((b) => defined(b.document)) });
      const chunks = toWrite.flatMap((b) => b.chunks);
      await tx.run(q.upsertChunks, { rows: chunks.map((chunk) => defined(chunk)) });
      const links = toWrite.flatMap((b) => {
        const ordered = [...b.chunks].sort((x, y) => x.index - y.index);
        return ordered.slice(1).map((chunk, i) => ({ from: ordered[i]?.id, to: chunk.id }));
      });
      if (links.length > 0) await tx.run(q.linkChunks, { rows: links });
      await this.writeEntities(
        tx,
        toWrite.flatMap((b) => b.entities),
      );
      const mentions = toWrite.flatMap((b) => b.mentions);
      if (mentions.length > 0) await tx.run(q.upsertMentions, { rows: mentions.map((m) => defined(m)) });
      const facts = toWrite.flatMap((b) => {
        const date = b.document.publishedAt;
        return b.facts.map((fact) => ({ fact, documentId: b.document.id, publishedAt: date }));
      });
      if (facts.length > 0) {
        await tx.run(q.upsertFacts, {
          rows: facts.map(({ fact, documentId, publishedAt }) => ({
            id: fact.id,
            subjectId: fact.subjectId,
            objectId: fact.objectId,
            evidence: fact.evidence,
            props: defined({
              id: fact.id,
              type: fact.type,
              polarity: fact.polarity,
              confidence: fact.confidence,
              extractor: fact.extractor,
              value: fact.value,
              unit: fact.unit,
              firstSeen: fact.firstSeen,
              lastSeen: fact.lastSeen,
              documentId,
              publishedAt,
            }),
          })),
        });
        for (const { fact } of facts) {
          if (fact.type === 'USED_IN') {
            affectedPairs.set(`${fact.subjectId}|${fact.objectId}`, {
              subjectId: fact.subjectId,
              objectId: fact.objectId,
            });
          }
        }
      }
      if (affectedPairs.size > 0) await tx.run(q.refreshUsedInPaths, { pairs: [...affectedPairs.values()] });
      return results;
    });
  }

  private async writeEntities(tx: ManagedTransaction, entities: Entity[]): Promise<void> {
    const byLabel = new Map<string, Map<string, Entity>>();
    for (const entity of entities) {
      const group = byLabel.get(entity.label) ?? new Map<string, Entity>();
      const previous = group.get(entity.id);
      group.set(
        entity.id,
        previous ? { ...previous, aliases: [...new Set([...previous.aliases, ...entity.aliases])] } : entity,
      );
      byLabel.set(entity.label, group);
    }
    for (const label of q.entityLabelsWithIds) {
      const group = byLabel.get(label);
      if (!group || group.size === 0) continue;
      const rows = [...group.values()].map(({ label: _label, ...entity }) => defined(entity));
      await tx.run(q.upsertEntities(label), { rows });
    }
  }

  async upsertEntities(entities: Entity[]): Promise<number> {
    await this.write((tx) => this.writeEntities(tx, entities));
    return entities.length;
  }

  async getDocument(id: string): Promise<GraphDocument | undefined> {
    return this.read(async (tx) => {
      const record = (await tx.run(q.getDocument, { id })).records[0];
      return record ? (record.get('document') as GraphDocument) : undefined;
    });
  }

  async listChunks(documentId: string): Promise<Chunk[]> {
    return this.read(async (tx) =>
      (await tx.run(q.listChunks, { documentId })).records.map((r) => r.get('chunk') as Chunk),
    );
  }

  async getChunks(ids: string[]): Promise<ChunkWithDocument[]> {
    if (ids.length === 0) return [];
    return this.read(async (tx) =>
      (await tx.run(q.getChunks, { ids })).records.map(
        (r) => ({ ...(r.get('chunk') as Chunk), document: r.get('document') }) as ChunkWithDocument,
      ),
    );
  }

  async getChunk(id: string): Promise<ChunkWithDocument | undefined> {
    return (await this.getChunks([id]))[0];
  }

  async listMentions(documentId: string): Promise<Mention[]> {
    return this.read(async (tx) =>
      (await tx.run(q.listMentions, { documentId })).records.map((r) => r.toObject() as unknown as Mention),
    );
  }

  async getEntity(id: string): Promise<Entity | undefined> {
    return this.read(async (tx) => {
      const record = (await tx.run(q.getEntity, { id })).records[0];
      return record ? toEntity(record.get('entity'), String(record.get('label'))) : undefined;
    });
  }

  async searchChunks(
    query: string,
    options: { limit?: number; kinds?: string[] } = {},
  ): Promise<ChunkSearchHit[]> {
    const lucene = toLuceneQuery(query);
    if (!lucene) return [];
    const limit = Math.max(1, Math.min(options.limit ?? 10, 200));
    return this.read(async (tx) =>
      (
        await tx.run(q.searchChunks, {
          query: lucene,
          limit: neo4j.int(limit),
          fetch: neo4j.int(limit * 5),
          kinds: options.kinds ?? null,
        })
      ).records.map((r) => ({
        chunk: { ...(r.get('chunk') as Chunk), document: r.get('document') } as ChunkWithDocument,
        score: Number(r.get('score')),
      })),
    );
  }

  async searchEntities(
    query: string,
    options: { limit?: number; label?: string } = {},
  ): Promise<EntitySearchHit[]> {
    const lucene = toLuceneQuery(query);
    if (!lucene) return [];
    const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
    return this.read(async (tx) =>
      (
        await tx.run(q.searchEntities, {
          query: lucene,
          limit: neo4j.int(limit),
          label: options.label ?? null,
        })
      ).records.map((r) => ({
        entity: toEntity(r.get('entity'), String(r.get('label'))),
        score: Number(r.get('score')),
      })),
    );
  }

  async saveIngestRun(run: IngestRun): Promise<void> {
    const { counts, errors, ...rest } = run;
    const row = defined({
      ...rest,
      ...Object.fromEntries(Object.entries(counts).map(([key, value]) => [`count_${key}`, value])),
      countsJson: JSON.stringify(counts),
      // Bounded so one catastrophic run cannot bloat the node; the count is exact.
      errorsJson: JSON.stringify(errors.slice(0, 1000)),
      errorCount: errors.length,
    });
    await this.write((tx) => tx.run(q.saveIngestRun, { row }));
  }

  async getIngestRun(id: string): Promise<IngestRun | undefined> {
    return this.read(async (tx) => {
      const record = (await tx.run(q.getIngestRun, { id })).records[0];
      return record ? toIngestRun(record.get('run')) : undefined;
    });
  }

  async listIngestRuns(options: { limit?: number } = {}): Promise<IngestRun[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 50, 500)));
    return this.read(async (tx) =>
      (await tx.run(q.listIngestRuns, { limit })).records.map((r) => toIngestRun(r.get('run'))),
    );
  }

  async counts(): Promise<GraphCounts> {
    return this.read(async (tx) => {
      const record = (await tx.run(q.counts)).records[0];
      return record?.toObject() as unknown as GraphCounts;
    });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
