import type { ManagedTransaction } from 'neo4j-driver';
import type { GraphDocument } from './model.ts';
import { toChunk } from './neo4j-document-reads.ts';
import {
  chunkExtractionDigests,
  emptyChunkDigest,
  removeChunkExtractions,
  writeExtractions,
} from './neo4j-document-writes.ts';
import { Neo4jSessionStore } from './neo4j-session.ts';
import type {
  ExtractionReplacement,
  ExtractionSource,
  ReextractionStore,
  ReplacementResult,
  StaleDocumentQuery,
} from './reextraction-store.ts';

/** Documents extracted with an older vocabulary: `coalesce` covers documents from before versions. */
const staleFilter = 'coalesce(d.vocabularyVersion, 0) < $version';

const staleByPhrase = `
CALL db.index.fulltext.queryNodes('chunk_text', $query) YIELD node
WITH DISTINCT node.documentId AS documentId
MATCH (d:Document {id: documentId})
WHERE ${staleFilter}
RETURN d.id AS id`;

const staleByEntity = `
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
CALL (e) {
  MATCH (c:Chunk)-[:MENTIONS]->(e)
  RETURN c.documentId AS documentId
  UNION
  MATCH (f:Fact)-[:SUBJECT|OBJECT]->(e)
  RETURN f.documentId AS documentId
}
WITH DISTINCT documentId
MATCH (d:Document {id: documentId})
WHERE ${staleFilter}
RETURN d.id AS id`;

const staleByDocument = `
UNWIND $ids AS documentId
MATCH (d:Document {id: documentId})
WHERE ${staleFilter}
RETURN d.id AS id`;

const staleAll = `
MATCH (d:Document)
WHERE ${staleFilter}
RETURN d.id AS id`;

const readSources = `
UNWIND $ids AS documentId
MATCH (d:Document {id: documentId})
CALL (d) {
  OPTIONAL MATCH (c:Chunk {documentId: d.id})
  WITH c ORDER BY c.index
  RETURN collect(properties(c)) AS chunks
}
RETURN properties(d) AS document, chunks`;

/**
 * Takes the documents' write locks before their versions are read, so an ingestion writing one of them
 * commits before this read (and the replacement sees its version) or waits until this transaction ends.
 */
const lockDocuments = `
UNWIND $ids AS documentId
MATCH (d:Document {id: documentId})
SET d._reextractionLock = true
REMOVE d._reextractionLock`;

const readHashes = `
UNWIND $ids AS documentId
MATCH (d:Document {id: documentId})
RETURN d.id AS id, d.contentHash AS contentHash, d.extractionHash AS extractionHash,
       COLLECT { MATCH (c:Chunk {documentId: d.id}) RETURN [c.id, c.extractionDigest] } AS chunks`;

const recordVersions = `
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.vocabularyVersion = row.vocabularyVersion, d.extractionHash = row.extractionHash`;

/** Phrases per full-text query: far below Lucene's default limit of 1,024 clauses. */
const phrasesPerQuery = 100;

/** A surface as an exact Lucene phrase (quotes and backslashes escaped); null when it has no word. */
export function phraseQuery(surface: string): string | null {
  if (!/[\p{L}\p{N}]/u.test(surface)) return null;
  return `"${surface.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** ReextractionStore on Neo4j: stale documents through the chunk full-text index and mention links. */
export class Neo4jReextractionStore extends Neo4jSessionStore implements ReextractionStore {
  async findStaleDocuments(query: StaleDocumentQuery): Promise<string[]> {
    const version = query.version;
    return this.read(async (tx) => {
      const ids = new Set<string>();
      const collect = async (cypher: string, parameters: Record<string, unknown>) => {
        for (const record of (await tx.run(cypher, { ...parameters, version })).records) {
          ids.add(String(record.get('id')));
        }
      };
      if (query.all) {
        await collect(staleAll, {});
        return [...ids].sort();
      }
      const phrases = [...new Set(query.surfaces.map(phraseQuery).filter((p): p is string => p !== null))];
      for (let index = 0; index < phrases.length; index += phrasesPerQuery) {
        await collect(staleByPhrase, { query: phrases.slice(index, index + phrasesPerQuery).join(' OR ') });
      }
      if (query.entityIds.length > 0) await collect(staleByEntity, { ids: [...query.entityIds] });
      if (query.documentIds.length > 0) await collect(staleByDocument, { ids: [...query.documentIds] });
      return [...ids].sort();
    });
  }

  async readExtractionSources(ids: readonly string[]): Promise<ExtractionSource[]> {
    if (ids.length === 0) return [];
    return this.read(async (tx) =>
      (await tx.run(readSources, { ids: [...ids] })).records.map((record) => ({
        document: record.get('document') as GraphDocument,
        chunks: (record.get('chunks') as Record<string, unknown>[]).filter(Boolean).map(toChunk),
      })),
    );
  }

  async replaceExtractions(replacements: readonly ExtractionReplacement[]): Promise<ReplacementResult[]> {
    if (replacements.length === 0) return [];
    return this.write((tx) => replaceInTransaction(tx, replacements));
  }
}

async function replaceInTransaction(
  tx: ManagedTransaction,
  replacements: readonly ExtractionReplacement[],
): Promise<ReplacementResult[]> {
  const byId = new Map(replacements.map((replacement) => [replacement.documentId, replacement]));
  await tx.run(lockDocuments, { ids: [...byId.keys()] });
  const stored = new Map(
    (await tx.run(readHashes, { ids: [...byId.keys()] })).records.map((record) => [
      String(record.get('id')),
      {
        contentHash: record.get('contentHash') as string | null,
        hash: record.get('extractionHash') as string | null,
        // Each chunk's digest of what it holds; null for chunks written before digests were kept.
        chunks: new Map(
          (record.get('chunks') as [string, string | null][]).map(([id, digest]) => [id, digest]),
        ),
      },
    ]),
  );
  const results: ReplacementResult[] = [];
  const changed: ExtractionReplacement[] = [];
  const rewrite: { id: string; digest: string }[] = [];
  for (const replacement of byId.values()) {
    const current = stored.get(replacement.documentId);
    if (!current || current.contentHash !== replacement.contentHash) {
      // Its spans were found on a text the document no longer holds.
      results.push({
        documentId: replacement.documentId,
        status: current ? 'superseded' : 'missing',
        chunks: 0,
        mentions: 0,
        facts: 0,
        candidates: 0,
      });
      continue;
    }
    const same = current.hash === replacement.extractionHash;
    if (!same) {
      changed.push(replacement);
      // Only the chunks whose mentions or candidate occurrences differ are rewritten: a promoted term
      // changes the few chunks that name it, not the whole document.
      const digests = chunkExtractionDigests(replacement);
      for (const [chunkId, storedDigest] of current.chunks) {
        const digest = digests.get(chunkId) ?? emptyChunkDigest;
        if (digest !== storedDigest) rewrite.push({ id: chunkId, digest });
      }
    }
    results.push({
      documentId: replacement.documentId,
      status: same ? 'unchanged' : 'updated',
      chunks: current.chunks.size,
      mentions: same ? 0 : replacement.mentions.length,
      facts: same ? 0 : replacement.facts.length,
      candidates: same ? 0 : (replacement.candidates?.length ?? 0),
    });
  }
  if (changed.length > 0) {
    const removed = await removeChunkExtractions(
      tx,
      changed.map((replacement) => replacement.documentId),
      rewrite,
    );
    const rewritten = new Set(rewrite.map((chunk) => chunk.id));
    await writeExtractions(
      tx,
      changed.map((replacement) => ({
        ...replacement,
        mentions: replacement.mentions.filter((mention) => rewritten.has(mention.chunkId)),
        candidates: replacement.candidates?.filter((occurrence) => rewritten.has(occurrence.chunkId)),
      })),
      removed,
      'deferred',
    );
  }
  const rows = results
    .filter((result) => result.status === 'updated' || result.status === 'unchanged')
    .map((result) => {
      const replacement = byId.get(result.documentId) as ExtractionReplacement;
      return {
        id: result.documentId,
        vocabularyVersion: replacement.vocabularyVersion,
        extractionHash: replacement.extractionHash,
      };
    });
  if (rows.length > 0) await tx.run(recordVersions, { rows });
  return results;
}
