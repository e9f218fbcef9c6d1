import type { ManagedTransaction } from 'neo4j-driver';
import type { CandidateOccurrenceWrite, DocumentBundle, DocumentWriteResult } from './graph-store.ts';
import type { Entity, Fact, Mention } from './model.ts';
import { writeAssigneeLinks } from './neo4j-assignee-links.ts';
import { withoutUndefined } from './neo4j-session.ts';

/** Named, parameterised Cypher that writes documents: UNWIND batches, MERGE on stable ids. */

const entityLabelsWithIds = ['Material', 'Property', 'Application', 'Organization'] as const;

export const documentHashesQuery = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.contentHash AS contentHash`;

/** Removes a previous version's facts, returning the pairs whose fast path must be refreshed. */
const deleteDocumentFacts = `
UNWIND $ids AS id
MATCH (f:Fact {documentId: id})
OPTIONAL MATCH (f)-[:SUBJECT]->(s)
OPTIONAL MATCH (f)-[:OBJECT]->(o)
WITH f, s.id AS subjectId, o.id AS objectId, f.type AS type
DETACH DELETE f
RETURN DISTINCT subjectId, objectId, type`;

/** Mined candidates seen in a document's chunks (their support must be counted again). */
const candidatesOfDocuments = `
UNWIND $ids AS id
MATCH (:Chunk {documentId: id})<-[:SEEN_IN]-(t:TermCandidate)
RETURN DISTINCT t.id AS id`;

/** Removes the mentions and candidate occurrences of documents whose chunks stay (re-extraction). */
const deleteDocumentMentions = `
UNWIND $ids AS id
MATCH (c:Chunk {documentId: id})
CALL (c) {
  OPTIONAL MATCH (c)-[m:MENTIONS]->()
  DELETE m
}
CALL (c) {
  OPTIONAL MATCH (c)<-[s:SEEN_IN]-(:TermCandidate)
  DELETE s
}`;

/** Removes a previous version's chunks, and with them its mentions and links. */
const deleteDocumentChunks = `
UNWIND $ids AS id
MATCH (c:Chunk {documentId: id})
DETACH DELETE c`;

const upsertDocuments = `
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row`;

const upsertChunks = `
UNWIND $rows AS row
MATCH (d:Document {id: row.documentId})
MERGE (c:Chunk {id: row.id})
SET c = row
MERGE (c)-[:PART_OF]->(d)`;

const linkChunks = `
UNWIND $rows AS row
MATCH (a:Chunk {id: row.from}), (b:Chunk {id: row.to})
MERGE (a)-[:NEXT]->(b)`;

function upsertEntitiesQuery(label: string): string {
  return `
UNWIND $rows AS row
MERGE (e:${label} {id: row.id})
ON CREATE SET e:Entity, e.name = row.name, e.aliases = row.aliases, e.origin = row.origin
SET e.origin = coalesce(e.origin, row.origin),
    e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.class = coalesce(row.class, e.class), e.formula = coalesce(row.formula, e.formula),
    e.cas = coalesce(row.cas, e.cas), e.unit = coalesce(row.unit, e.unit), e.domain = coalesce(row.domain, e.domain)
SET e.aliasText = reduce(acc = '', a IN e.aliases | acc + ' ' + a)`;
}

const upsertMentions = `
UNWIND $rows AS row
MATCH (c:Chunk {id: row.chunkId}), (e:Entity {id: row.entityId})
MERGE (c)-[m:MENTIONS {start: row.start, end: row.end}]->(e)
SET m.surface = row.surface`;

/** A product name or alias in a text: the chunk mentions the product too (its material has the main mention). */
const upsertProductMentions = `
UNWIND $rows AS row
MATCH (c:Chunk {id: row.chunkId}), (p:Product {id: row.productId})
MERGE (c)-[m:MENTIONS {start: row.start, end: row.end}]->(p)
SET m.surface = row.surface`;

/** Occurrences of mined candidates, each with its sentence span as evidence. */
const upsertCandidateOccurrences = `
UNWIND $rows AS row
MATCH (c:Chunk {id: row.chunkId})
MERGE (t:TermCandidate {id: row.id})
ON CREATE SET t.label = row.label, t.key = row.key, t.name = row.surface, t.support = 0
SET t.head = coalesce(row.head, t.head), t.broaderId = coalesce(row.broaderId, t.broaderId)
MERGE (t)-[s:SEEN_IN {start: row.start, end: row.end}]->(c)
SET s.surface = row.surface, s.cue = row.cue, s.documentId = c.documentId,
    s.sentenceStart = row.sentenceStart, s.sentenceEnd = row.sentenceEnd`;

/**
 * Recounts candidates from their occurrences: support = distinct documents, the most frequent surface
 * names it. Candidates left with no occurrence (and never promoted nor retired) are deleted.
 */
const refreshCandidateSupport = `
UNWIND $ids AS id
MATCH (t:TermCandidate {id: id})
CALL (t) {
  OPTIONAL MATCH (t)-[s:SEEN_IN]->(:Chunk)
  RETURN count(DISTINCT s.documentId) AS support, count(s) AS occurrences, collect(DISTINCT s.cue) AS cues
}
CALL (t) {
  OPTIONAL MATCH (t)-[s:SEEN_IN]->(:Chunk)
  WITH s.surface AS surface, count(s) AS seen
  WHERE surface IS NOT NULL
  ORDER BY seen DESC, surface
  RETURN collect(surface) AS surfaces
}
SET t.support = support, t.occurrences = occurrences, t.cues = cues, t.surfaces = surfaces,
    t.name = coalesce(surfaces[0], t.name)`;

const deleteUnsupportedCandidates = `
UNWIND $ids AS id
MATCH (t:TermCandidate {id: id})
WHERE t.support = 0 AND NOT coalesce(t.promoted, false) AND NOT coalesce(t.retired, false)
DETACH DELETE t`;

const upsertFacts = `
UNWIND $rows AS row
MATCH (s:Entity {id: row.subjectId}), (o:Entity {id: row.objectId})
MERGE (f:Fact {id: row.id})
SET f = row.props
MERGE (f)-[:SUBJECT]->(s)
MERGE (f)-[:OBJECT]->(o)
WITH f, row
UNWIND row.evidence AS ev
MATCH (c:Chunk {id: ev.chunkId})
MERGE (f)-[e:EVIDENCE {start: ev.start, end: ev.end}]->(c)`;

/**
 * Recomputes the materialised fast path (:Material)-[:USED_IN {docCount, firstSeen, lastSeen}]->(:Application)
 * from the facts that support the use (positive or tentative; a negative or replaced statement is no support).
 */
export const refreshUsedInPaths = `
UNWIND $pairs AS pair
MATCH (m:Material {id: pair.subjectId}), (a:Application {id: pair.objectId})
OPTIONAL MATCH (m)<-[:SUBJECT]-(f:Fact {type: 'USED_IN'})-[:OBJECT]->(a)
WHERE coalesce(f.polarity, 'positive') IN ['positive', 'tentative']
WITH m, a, count(DISTINCT f.documentId) AS docCount, min(f.publishedAt) AS firstSeen, max(f.publishedAt) AS lastSeen
OPTIONAL MATCH (m)-[old:USED_IN]->(a)
FOREACH (_ IN CASE WHEN docCount = 0 THEN [1] ELSE [] END | DELETE old)
FOREACH (_ IN CASE WHEN docCount > 0 THEN [1] ELSE [] END |
  MERGE (m)-[u:USED_IN]->(a) SET u.docCount = docCount, u.firstSeen = firstSeen, u.lastSeen = lastSeen)`;

export type UsedInPair = { subjectId: string; objectId: string };

/** The id of a mined candidate: label and canonical key. */
export function candidateId(label: string, key: string): string {
  return `candidate:${label.toLowerCase()}:${key}`;
}

/** Merges entities by label; aliases of the same entity within one batch are united first. */
export async function writeEntities(tx: ManagedTransaction, entities: Entity[]): Promise<void> {
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
  for (const label of entityLabelsWithIds) {
    const group = byLabel.get(label);
    if (!group || group.size === 0) continue;
    const rows = [...group.values()].map(({ label: _label, ...entity }) => withoutUndefined(entity));
    await tx.run(upsertEntitiesQuery(label), { rows });
  }
}

/** What a removal touched: fast paths to recompute and candidates to recount. */
interface Removed {
  pairs: UsedInPair[];
  candidateIds: string[];
}

async function removeFacts(tx: ManagedTransaction, ids: string[]): Promise<UsedInPair[]> {
  const removed = await tx.run(deleteDocumentFacts, { ids });
  return removed.records
    .filter((record) => record.get('type') === 'USED_IN' && record.get('subjectId'))
    .map((record) => ({
      subjectId: String(record.get('subjectId')),
      objectId: String(record.get('objectId')),
    }));
}

/** Mined candidates seen in the chunks of these documents. */
export async function candidatesOf(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  return (await tx.run(candidatesOfDocuments, { ids })).records.map((record) => String(record.get('id')));
}

/** Recounts the support of candidates whose occurrences changed; drops those left with none. */
export async function refreshCandidates(tx: ManagedTransaction, candidateIds: string[]): Promise<void> {
  if (candidateIds.length === 0) return;
  await tx.run(refreshCandidateSupport, { ids: candidateIds });
  await tx.run(deleteUnsupportedCandidates, { ids: candidateIds });
}

/** Deletes the facts and chunks of documents about to be replaced. */
async function removePreviousVersions(tx: ManagedTransaction, ids: string[]): Promise<Removed> {
  if (ids.length === 0) return { pairs: [], candidateIds: [] };
  const candidateIds = await candidatesOf(tx, ids);
  const pairs = await removeFacts(tx, ids);
  await tx.run(deleteDocumentChunks, { ids });
  return { pairs, candidateIds };
}

/** Deletes the facts, mentions and candidate occurrences of documents whose text and chunks stay. */
export async function removeExtractions(tx: ManagedTransaction, ids: string[]): Promise<Removed> {
  if (ids.length === 0) return { pairs: [], candidateIds: [] };
  const candidateIds = await candidatesOf(tx, ids);
  const pairs = await removeFacts(tx, ids);
  await tx.run(deleteDocumentMentions, { ids });
  return { pairs, candidateIds };
}

/** What extraction produced for one document, ready to write. */
export interface ExtractionWrite {
  documentId: string;
  /** Absent when the document states no date. */
  publishedAt?: string | undefined;
  entities: Entity[];
  mentions: Mention[];
  facts: Fact[];
  candidates?: CandidateOccurrenceWrite[];
}

/**
 * Writes entities, mentions (and product mentions), facts and candidate occurrences of documents whose
 * chunks exist, then recomputes the fast paths and candidate support they touch (with `removed`).
 */
export async function writeExtractions(
  tx: ManagedTransaction,
  writes: ExtractionWrite[],
  removed: Removed = { pairs: [], candidateIds: [] },
): Promise<void> {
  await writeEntities(
    tx,
    writes.flatMap((w) => w.entities),
  );
  const mentions = writes.flatMap((w) => w.mentions);
  if (mentions.length > 0) {
    await tx.run(upsertMentions, {
      rows: mentions.map(({ productId: _productId, ...mention }) => withoutUndefined(mention)),
    });
    const productMentions = mentions.filter((mention) => mention.productId);
    if (productMentions.length > 0) {
      await tx.run(upsertProductMentions, { rows: productMentions.map((m) => withoutUndefined(m)) });
    }
  }
  const pairs = [...removed.pairs, ...(await writeFacts(tx, writes))];
  const unique = new Map(pairs.map((pair) => [`${pair.subjectId}|${pair.objectId}`, pair]));
  if (unique.size > 0) await tx.run(refreshUsedInPaths, { pairs: [...unique.values()] });
  const occurrences = writes.flatMap((w) => w.candidates ?? []);
  if (occurrences.length > 0) {
    await tx.run(upsertCandidateOccurrences, {
      rows: occurrences.map((occurrence) =>
        withoutUndefined({
          id: candidateId(occurrence.label, occurrence.key),
          label: occurrence.label,
          key: occurrence.key,
          surface: occurrence.surface,
          cue: occurrence.cue,
          chunkId: occurrence.chunkId,
          start: occurrence.start,
          end: occurrence.end,
          sentenceStart: occurrence.sentence.start,
          sentenceEnd: occurrence.sentence.end,
          head: occurrence.head,
          broaderId: occurrence.broaderId,
        }),
      ),
    });
  }
  const candidateIds = [
    ...new Set([
      ...removed.candidateIds,
      ...occurrences.map((occurrence) => candidateId(occurrence.label, occurrence.key)),
    ]),
  ];
  await refreshCandidates(tx, candidateIds);
}

async function writeFacts(tx: ManagedTransaction, writes: ExtractionWrite[]): Promise<UsedInPair[]> {
  const facts = writes.flatMap((w) =>
    w.facts.map((fact) => ({ fact, documentId: w.documentId, publishedAt: w.publishedAt })),
  );
  if (facts.length === 0) return [];
  await tx.run(upsertFacts, {
    rows: facts.map(({ fact, documentId, publishedAt }) => ({
      id: fact.id,
      subjectId: fact.subjectId,
      objectId: fact.objectId,
      evidence: fact.evidence,
      props: withoutUndefined({
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
  return facts
    .filter(({ fact }) => fact.type === 'USED_IN')
    .map(({ fact }) => ({ subjectId: fact.subjectId, objectId: fact.objectId }));
}

/**
 * Writes documents with their chunks, entities, mentions and facts in the caller's transaction. An
 * unchanged document (same content hash) is skipped; a changed one is replaced without leaving orphans,
 * and the USED_IN fast paths its old and new facts touch are recomputed.
 */
export async function writeDocumentBundles(
  tx: ManagedTransaction,
  bundles: DocumentBundle[],
): Promise<DocumentWriteResult[]> {
  // The last bundle wins when a batch holds the same document twice (e.g. duplicate publications).
  const byId = new Map(bundles.map((bundle) => [bundle.document.id, bundle]));
  const existing = new Map(
    (await tx.run(documentHashesQuery, { ids: [...byId.keys()] })).records.map((r) => [
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
  const removed = await removePreviousVersions(tx, replaced);
  await tx.run(upsertDocuments, { rows: toWrite.map((b) => withoutUndefined(b.document)) });
  await writeAssigneeLinks(
    tx,
    toWrite.map((bundle) => bundle.document),
  );
  const chunks = toWrite.flatMap((b) => b.chunks);
  await tx.run(upsertChunks, { rows: chunks.map((chunk) => withoutUndefined(chunk)) });
  const links = toWrite.flatMap((b) => {
    const ordered = [...b.chunks].sort((x, y) => x.index - y.index);
    return ordered.slice(1).map((chunk, i) => ({ from: ordered[i]?.id, to: chunk.id }));
  });
  if (links.length > 0) await tx.run(linkChunks, { rows: links });
  await writeExtractions(
    tx,
    toWrite.map((bundle) => ({
      documentId: bundle.document.id,
      publishedAt: bundle.document.publishedAt,
      entities: bundle.entities,
      mentions: bundle.mentions,
      facts: bundle.facts,
      candidates: bundle.candidates,
    })),
    removed,
  );
  return results;
}
