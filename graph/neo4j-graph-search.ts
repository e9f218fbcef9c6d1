import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { ChunkSearchHit, ChunkWithDocument, EntitySearchHit } from './graph-store.ts';
import { toLuceneQuery } from './lucene-query.ts';
import type { Chunk } from './model.ts';
import { chunkDocumentFields, toEntity } from './neo4j-document-reads.ts';

/** Full-text search over the `chunk_text` and `entity_names` indexes; user text is searched literally. */

const searchChunksQuery = `
CALL db.index.fulltext.queryNodes('chunk_text', $query, {limit: $fetch}) YIELD node, score
MATCH (node)-[:PART_OF]->(d:Document)
WHERE $kinds IS NULL OR d.kind IN $kinds
RETURN properties(node) AS chunk, ${chunkDocumentFields} AS document, score
ORDER BY score DESC LIMIT $limit`;

const searchEntitiesQuery = `
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $limit * 4}) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE $label IS NULL OR label = $label
RETURN properties(node) AS entity, label, score
ORDER BY score DESC LIMIT $limit`;

/** Chunks best matching the words of `query`, optionally of some document kinds only. */
export async function searchChunks(
  tx: ManagedTransaction,
  query: string,
  options: { limit?: number; kinds?: string[] } = {},
): Promise<ChunkSearchHit[]> {
  const lucene = toLuceneQuery(query);
  if (!lucene) return [];
  const limit = Math.max(1, Math.min(options.limit ?? 10, 200));
  const result = await tx.run(searchChunksQuery, {
    query: lucene,
    limit: neo4j.int(limit),
    fetch: neo4j.int(limit * 5),
    kinds: options.kinds ?? null,
  });
  return result.records.map((r) => ({
    chunk: { ...(r.get('chunk') as Chunk), document: r.get('document') } as ChunkWithDocument,
    score: Number(r.get('score')),
  }));
}

/** Entities whose name or aliases best match the words of `query`, optionally of one label only. */
export async function searchEntities(
  tx: ManagedTransaction,
  query: string,
  options: { limit?: number; label?: string } = {},
): Promise<EntitySearchHit[]> {
  const lucene = toLuceneQuery(query);
  if (!lucene) return [];
  const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
  const result = await tx.run(searchEntitiesQuery, {
    query: lucene,
    limit: neo4j.int(limit),
    label: options.label ?? null,
  });
  return result.records.map((r) => ({
    entity: toEntity(r.get('entity'), String(r.get('label'))),
    score: Number(r.get('score')),
  }));
}
