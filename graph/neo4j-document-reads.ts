import type { ManagedTransaction } from 'neo4j-driver';
import type { ChunkWithDocument, DocumentVersion, GraphCounts } from './graph-store.ts';
import type { Chunk, Entity, EntityLabel, GraphDocument, Mention } from './model.ts';
import { documentHashesQuery } from './neo4j-document-writes.ts';

/** Named, parameterised Cypher that reads documents, chunks, mentions and entities back. */

/** The document fields a chunk carries when read with its document. */
export const chunkDocumentFields = 'd {.id, .title, .kind, .number, .url, .publishedAt, .source}';

const documentVersions = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.contentHash AS contentHash, d.origin AS origin, size(d.text) AS textLength`;

const getDocument = 'MATCH (d:Document {id: $id}) RETURN properties(d) AS document';

const listChunks = `
MATCH (c:Chunk {documentId: $documentId})
RETURN properties(c) AS chunk ORDER BY c.index`;

const getChunks = `
UNWIND $ids AS id
MATCH (c:Chunk {id: id})-[:PART_OF]->(d:Document)
RETURN properties(c) AS chunk, ${chunkDocumentFields} AS document`;

const listMentions = `
MATCH (c:Chunk {documentId: $documentId})-[m:MENTIONS]->(e:Entity)
RETURN c.id AS chunkId, e.id AS entityId, m.start AS start, m.end AS end, m.surface AS surface
ORDER BY m.start, e.id`;

const getEntity = `
MATCH (e:Entity {id: $id})
RETURN properties(e) AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS label`;

const counts = `
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (c:Chunk) RETURN count(c) AS chunks }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (:Chunk)-[m:MENTIONS]->(:Entity) RETURN count(m) AS mentions }
CALL () { MATCH (f:Fact) RETURN count(f) AS facts }
RETURN documents, chunks, entities, mentions, facts`;

/** An entity node as the model sees it: its label, without the search-only `aliasText`. */
export function toEntity(properties: Record<string, unknown>, label: string): Entity {
  const { aliasText: _aliasText, ...rest } = properties;
  return { aliases: [], ...rest, label: label as EntityLabel } as unknown as Entity;
}

export async function readDocumentHashes(
  tx: ManagedTransaction,
  ids: string[],
): Promise<Map<string, string>> {
  const result = await tx.run(documentHashesQuery, { ids });
  return new Map(result.records.map((r) => [String(r.get('id')), String(r.get('contentHash'))]));
}

export async function readDocumentVersions(
  tx: ManagedTransaction,
  ids: string[],
): Promise<Map<string, DocumentVersion>> {
  const result = await tx.run(documentVersions, { ids });
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
}

export async function readDocument(tx: ManagedTransaction, id: string): Promise<GraphDocument | undefined> {
  const record = (await tx.run(getDocument, { id })).records[0];
  return record ? (record.get('document') as GraphDocument) : undefined;
}

/** A chunk node as the model sees it: without the write bookkeeping (`extractionDigest`). */
export function toChunk(properties: Record<string, unknown>): Chunk {
  const { extractionDigest: _digest, ...chunk } = properties;
  return chunk as Chunk;
}

export async function readChunksOf(tx: ManagedTransaction, documentId: string): Promise<Chunk[]> {
  return (await tx.run(listChunks, { documentId })).records.map((r) => toChunk(r.get('chunk')));
}

function withoutNull(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null));
}

export async function readChunks(tx: ManagedTransaction, ids: string[]): Promise<ChunkWithDocument[]> {
  return (await tx.run(getChunks, { ids })).records.map(
    // A map projection yields null for an absent property; the model leaves unknown values absent.
    (r) => ({ ...toChunk(r.get('chunk')), document: withoutNull(r.get('document')) }) as ChunkWithDocument,
  );
}

export async function readMentions(tx: ManagedTransaction, documentId: string): Promise<Mention[]> {
  return (await tx.run(listMentions, { documentId })).records.map((r) => r.toObject() as unknown as Mention);
}

export async function readEntity(tx: ManagedTransaction, id: string): Promise<Entity | undefined> {
  const record = (await tx.run(getEntity, { id })).records[0];
  return record ? toEntity(record.get('entity'), String(record.get('label'))) : undefined;
}

export async function readCounts(tx: ManagedTransaction): Promise<GraphCounts> {
  const record = (await tx.run(counts)).records[0];
  return record?.toObject() as unknown as GraphCounts;
}
