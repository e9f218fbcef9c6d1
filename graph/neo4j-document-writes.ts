import { createHash } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { promotionMarks } from './candidate-marks.ts';
import type { CandidateOccurrenceWrite, DocumentBundle, DocumentWriteResult } from './graph-store.ts';
import type { Entity, Fact, Mention } from './model.ts';
import { type AssigneeResolverCache, writeAssigneeLinks } from './neo4j-assignee-links.ts';
import { withoutUndefined, writeTransaction } from './neo4j-session.ts';
import { recordWrittenBehind } from './neo4j-vocabulary-queries.ts';

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

/**
 * Removes the mentions and candidate occurrences of some chunks of documents that stay (re-extraction
 * of the chunks whose extraction changed), records each chunk's new digest, and returns the candidates
 * those occurrences belonged to (their support must be counted again).
 */
const deleteChunkMentions = `
UNWIND $rows AS row
MATCH (c:Chunk {id: row.id})
SET c.extractionDigest = row.digest
WITH c
CALL (c) {
  OPTIONAL MATCH (c)-[m:MENTIONS]->()
  DELETE m
}
CALL (c) {
  OPTIONAL MATCH (c)<-[s:SEEN_IN]-(t:TermCandidate)
  DELETE s
  RETURN collect(DISTINCT t.id) AS candidateIds
}
UNWIND candidateIds AS candidateId
RETURN DISTINCT candidateId`;

/** Removes a previous version's chunks, and with them its mentions and links. */
const deleteDocumentChunks = `
UNWIND $ids AS id
MATCH (c:Chunk {documentId: id})
DETACH DELETE c`;

/**
 * Documents with their chunks: the chunks are new (a previous version's were deleted first), so they are
 * created, linked to the document and, in index order, to each other, without looking any of them up.
 */
const upsertDocumentsWithChunks = `
UNWIND $rows AS row
MERGE (d:Document {id: row.document.id})
SET d = row.document
WITH d, row
CALL (d, row) {
  UNWIND row.chunks AS props
  CREATE (c:Chunk)
  SET c = props
  CREATE (c)-[:PART_OF]->(d)
  WITH c ORDER BY c.index
  WITH collect(c) AS chunks
  FOREACH (i IN range(1, size(chunks) - 1) |
    FOREACH (a IN [chunks[i - 1]] | FOREACH (b IN [chunks[i]] | CREATE (a)-[:NEXT]->(b))))
}`;

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

/** Mentions, one row per entity with its mentions (a batch names each entity about ten times). */
const upsertMentions = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.entityId})
UNWIND row.mentions AS mention
MATCH (c:Chunk {id: mention.chunkId})
CREATE (c)-[:MENTIONS {start: mention.start, end: mention.end, surface: mention.surface}]->(e)`;

/** A product name or alias in a text: the chunk mentions the product too (its material has the main mention). */
const upsertProductMentions = `
UNWIND $rows AS row
MATCH (c:Chunk {id: row.chunkId}), (p:Product {id: row.productId})
CREATE (c)-[:MENTIONS {start: row.start, end: row.end, surface: row.surface}]->(p)`;

/**
 * Occurrences of mined candidates, each with its sentence span as evidence, one row per candidate with
 * its occurrences (a batch names each candidate about four times: one look-up and one update each). The
 * occurrences are new (the document's previous ones were deleted first); the candidate is marked stale:
 * its support is recounted once, by `refreshStaleCandidates`, instead of in every batch that sees it. A
 * retired candidate (its term was retired) collects no more occurrences: it is never promoted again, and
 * a frequent phrase someone rejected would otherwise grow, and be recounted in full, with every run.
 */
const upsertCandidateOccurrences = `
UNWIND $rows AS row
MERGE (t:TermCandidate {id: row.id})
ON CREATE SET t.label = row.label, t.key = row.key, t.name = row.surface, t.support = 0, t.openSupport = 0
WITH t, row
WHERE NOT coalesce(t.retired, false)
SET t.head = coalesce(row.head, t.head), t.broaderId = coalesce(row.broaderId, t.broaderId), t.stale = true
WITH t, row
UNWIND row.occurrences AS occurrence
MATCH (c:Chunk {id: occurrence.chunkId})
CREATE (t)-[:SEEN_IN {start: occurrence.start, end: occurrence.end, surface: occurrence.surface, cue: occurrence.cue,
  documentId: c.documentId, sentenceStart: occurrence.sentenceStart, sentenceEnd: occurrence.sentenceEnd}]->(c)`;

/** Candidates whose occurrences were removed: recounted later, with the others the run touched. */
const markCandidatesStale = `
UNWIND $ids AS id
MATCH (t:TermCandidate {id: id})
SET t.stale = true`;

/** Candidates whose support has not been counted since their occurrences changed, a page at a time. */
const staleCandidates = `
MATCH (t:TermCandidate)
WHERE t.stale = true
RETURN t.id AS id
LIMIT $limit`;

/**
 * Recounts candidates from their occurrences: support = distinct documents, the most frequent surface
 * names it. Candidates left with no occurrence (and never promoted nor retired) are deleted in the same
 * statement, on the node already found. A second look-up by id with `t.support = 0` beside it left
 * the planner two indexes to choose from, and in about half of the runs of `bench/write-statements.ts`
 * it sought the support index and compared ids, reading every uncounted candidate for each id of a
 * page: 5.4 s a page of 2,000 where the id's index takes 0.24 s.
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
    t.name = coalesce(surfaces[0], t.name),
    ${promotionMarks('cues', 'support')}
REMOVE t.stale
WITH t, support
WHERE support = 0 AND NOT coalesce(t.promoted, false) AND NOT coalesce(t.retired, false)
DETACH DELETE t`;

/** One page of candidates by id, after `$after`, given promotion's marks; returns the page's last id. */
const promotionMarksPage = `
MATCH (t:TermCandidate)
WHERE t.id > $after
WITH t ORDER BY t.id LIMIT $limit
SET ${promotionMarks('coalesce(t.cues, [])', 't.support')}
RETURN collect(t.id)[-1] AS last`;

/**
 * Sets promotion's marks (`openSupport`, `statedUse`) on the candidates of a graph recorded below schema
 * version 9, and takes them off closed ones. A page of candidates per write transaction (a backfill's
 * graph holds millions), each retried on a transient error such as a deadlock with another process
 * migrating at the same moment. Idempotent.
 */
export async function backfillPromotionMarks(
  driver: Driver,
  database: string | undefined,
  pageSize = 10_000,
): Promise<void> {
  let after = '';
  for (;;) {
    const last = await writeTransaction(driver, database, async (tx) => {
      const record = (await tx.run(promotionMarksPage, { after, limit: neo4j.int(pageSize) })).records[0];
      return record?.get('last') as string | null | undefined;
    });
    if (typeof last !== 'string') return;
    after = last;
  }
}

/** Facts of documents whose previous facts were deleted first: created with their links and evidence. */
const createFacts = `
UNWIND $rows AS row
MATCH (s:Entity {id: row.subjectId}), (o:Entity {id: row.objectId})
CREATE (f:Fact)
SET f = row.props
CREATE (f)-[:SUBJECT]->(s)
CREATE (f)-[:OBJECT]->(o)
WITH f, row
UNWIND row.evidence AS ev
MATCH (c:Chunk {id: ev.chunkId})
CREATE (f)-[:EVIDENCE {start: ev.start, end: ev.end}]->(c)`;

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

/**
 * Adds the supporting facts of new documents to the fast path: their facts were not counted before, so
 * the pair's count grows by the documents counted here and its dates widen (the same result as
 * `refreshUsedInPaths` without reading the pair's other facts).
 */
const addToUsedInPaths = `
UNWIND $rows AS row
MATCH (m:Material {id: row.subjectId}), (a:Application {id: row.objectId})
MERGE (m)-[u:USED_IN]->(a)
ON CREATE SET u.docCount = 0
SET u.docCount = u.docCount + row.docCount,
    u.firstSeen = CASE WHEN u.firstSeen IS NULL OR row.firstSeen < u.firstSeen THEN row.firstSeen ELSE u.firstSeen END,
    u.lastSeen = CASE WHEN u.lastSeen IS NULL OR row.lastSeen > u.lastSeen THEN row.lastSeen ELSE u.lastSeen END`;

/** What facts add to one pair's fast path: the documents supporting the use, their first and last dates. */
export interface UsedInTally {
  documents: Set<string>;
  firstSeen?: string | undefined;
  lastSeen?: string | undefined;
}

/** What new facts add to one pair's fast path. */
interface UsedInIncrement extends UsedInPair, UsedInTally {}

/** Counts one fact of a document into its pair's tally (a negative or replaced statement is no support). */
export function countUseFact(
  tally: UsedInTally,
  fact: Pick<Fact, 'polarity'>,
  documentId: string,
  publishedAt: string | undefined,
): void {
  if (!supportsUse(fact)) return;
  tally.documents.add(documentId);
  if (publishedAt === undefined) return;
  if (tally.firstSeen === undefined || publishedAt < tally.firstSeen) tally.firstSeen = publishedAt;
  if (tally.lastSeen === undefined || publishedAt > tally.lastSeen) tally.lastSeen = publishedAt;
}

/** The properties of the fast path a tally stands for. */
export function usedInProperties(tally: UsedInTally) {
  return withoutUndefined({
    docCount: tally.documents.size,
    firstSeen: tally.firstSeen,
    lastSeen: tally.lastSeen,
  });
}

/** The id of a mined candidate: label and canonical key. */
export function candidateId(label: string, key: string): string {
  return `candidate:${label.toLowerCase()}:${key}`;
}

/**
 * A batch's entities as the upsert takes them, label by label: one row per id, the first one's fields
 * with the aliases of all of them united (the bulk import applies the same rows in memory).
 */
export function entityRowsByLabel(entities: readonly Entity[]): [string, Record<string, unknown>[]][] {
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
  const rows: [string, Record<string, unknown>[]][] = [];
  for (const label of entityLabelsWithIds) {
    const group = byLabel.get(label);
    if (!group || group.size === 0) continue;
    rows.push([label, [...group.values()].map(({ label: _label, ...entity }) => withoutUndefined(entity))]);
  }
  return rows;
}

/** Merges entities by label; aliases of the same entity within one batch are united first. */
export async function writeEntities(tx: ManagedTransaction, entities: Entity[]): Promise<void> {
  for (const [label, rows] of entityRowsByLabel(entities)) await tx.run(upsertEntitiesQuery(label), { rows });
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
}

/**
 * Recounts one page of stale candidates (those whose occurrences changed since they were counted);
 * resolves with how many it recounted, 0 when none is stale. Callers loop, one transaction per page.
 */
export async function refreshStaleCandidatePage(tx: ManagedTransaction, limit = 2000): Promise<number> {
  const ids = (await tx.run(staleCandidates, { limit: neo4j.int(limit) })).records.map((record) =>
    String(record.get('id')),
  );
  await refreshCandidates(tx, ids);
  return ids.length;
}

/** Recounts every stale candidate, a page per transaction; resolves with how many. */
export async function refreshStaleCandidates(driver: Driver, database: string | undefined): Promise<number> {
  let recounted = 0;
  for (;;) {
    const page = await writeTransaction(driver, database, (tx) => refreshStaleCandidatePage(tx));
    recounted += page;
    if (page === 0) return recounted;
  }
}

/** Deletes the facts and chunks of documents about to be replaced. */
async function removePreviousVersions(tx: ManagedTransaction, ids: string[]): Promise<Removed> {
  if (ids.length === 0) return { pairs: [], candidateIds: [] };
  const candidateIds = await candidatesOf(tx, ids);
  const pairs = await removeFacts(tx, ids);
  await tx.run(deleteDocumentChunks, { ids });
  return { pairs, candidateIds };
}

/**
 * Deletes the facts of documents whose text and chunks stay, and the mentions and candidate occurrences
 * of the given chunks of theirs (each recorded with its new digest); the other chunks keep theirs.
 */
export async function removeChunkExtractions(
  tx: ManagedTransaction,
  documentIds: string[],
  chunks: { id: string; digest: string }[],
): Promise<Removed> {
  if (documentIds.length === 0) return { pairs: [], candidateIds: [] };
  const pairs = await removeFacts(tx, documentIds);
  if (chunks.length === 0) return { pairs, candidateIds: [] };
  const candidateIds = (await tx.run(deleteChunkMentions, { rows: chunks })).records.map((record) =>
    String(record.get('candidateId')),
  );
  return { pairs, candidateIds };
}

/** The digest of a chunk with no mention and no candidate occurrence. */
export const emptyChunkDigest = chunkDigest([], []);

function chunkDigest(mentions: readonly Mention[], candidates: readonly CandidateOccurrenceWrite[]): string {
  const rows = JSON.stringify([
    mentions.map((m) => [m.entityId, m.productId ?? null, m.start, m.end, m.surface]),
    candidates.map((o) => [
      o.label,
      o.key,
      o.surface,
      o.cue,
      o.start,
      o.end,
      o.sentence.start,
      o.sentence.end,
      o.head ?? null,
      o.broaderId ?? null,
    ]),
  ]);
  return createHash('sha256').update(rows).digest('base64url').slice(0, 22);
}

/**
 * Per chunk, a digest of everything an extraction writes into it (mentions, product mentions, candidate
 * occurrences, in extraction order); chunks absent from the map hold nothing (`emptyChunkDigest`).
 * Stored on each chunk, it lets re-extraction rewrite only the chunks whose extraction changed.
 */
export function chunkExtractionDigests(
  write: Pick<ExtractionWrite, 'mentions' | 'candidates'>,
): Map<string, string> {
  const byChunk = new Map<string, { mentions: Mention[]; candidates: CandidateOccurrenceWrite[] }>();
  const entry = (chunkId: string) => {
    let found = byChunk.get(chunkId);
    if (!found) {
      found = { mentions: [], candidates: [] };
      byChunk.set(chunkId, found);
    }
    return found;
  };
  for (const mention of write.mentions) entry(mention.chunkId).mentions.push(mention);
  for (const occurrence of write.candidates ?? []) entry(occurrence.chunkId).candidates.push(occurrence);
  return new Map(
    [...byChunk].map(([chunkId, held]) => [chunkId, chunkDigest(held.mentions, held.candidates)]),
  );
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
 * When candidate support is counted: `now`, in the same transaction, or `deferred` (ingestion and
 * re-extraction): the touched candidates are marked stale and `refreshStaleCandidates` counts each once.
 */
export type CandidateSupportCount = 'now' | 'deferred';

/** One row per key, the last one winning, as MERGE followed by SET would have left it. */
export function lastByKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}

/** Mentions grouped by the entity they name. */
function mentionRows(
  mentions: readonly Mention[],
): { entityId: string; mentions: Record<string, unknown>[] }[] {
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const { chunkId, entityId, start, end, surface } of mentions) {
    let group = rows.get(entityId);
    if (!group) {
      group = [];
      rows.set(entityId, group);
    }
    group.push(withoutUndefined({ chunkId, start, end, surface }));
  }
  return [...rows].map(([entityId, group]) => ({ entityId, mentions: group }));
}

export interface CandidateRow {
  id: string;
  label: string;
  key: string;
  surface: string;
  head?: string;
  broaderId?: string;
  occurrences: Record<string, unknown>[];
}

/**
 * Occurrences grouped by candidate, in the order each candidate first occurs. A candidate is created with
 * its first occurrence's surface, and its head and broader term are the last ones given, as one
 * MERGE and SET per occurrence would have left them.
 */
export function candidateRows(occurrences: readonly CandidateOccurrenceWrite[]): CandidateRow[] {
  const rows = new Map<string, CandidateRow>();
  for (const occurrence of occurrences) {
    const id = candidateId(occurrence.label, occurrence.key);
    let row = rows.get(id);
    if (!row) {
      row = {
        id,
        label: occurrence.label,
        key: occurrence.key,
        surface: occurrence.surface,
        occurrences: [],
      };
      rows.set(id, row);
    }
    if (occurrence.head !== undefined) row.head = occurrence.head;
    if (occurrence.broaderId !== undefined) row.broaderId = occurrence.broaderId;
    row.occurrences.push({
      surface: occurrence.surface,
      cue: occurrence.cue,
      chunkId: occurrence.chunkId,
      start: occurrence.start,
      end: occurrence.end,
      sentenceStart: occurrence.sentence.start,
      sentenceEnd: occurrence.sentence.end,
    });
  }
  return [...rows.values()].map((row) => withoutUndefined(row) as unknown as CandidateRow);
}

/**
 * Writes entities, mentions (and product mentions), facts and candidate occurrences of documents whose
 * chunks exist and whose previous extraction, if any, was removed (`removed` says what that touched);
 * then brings the USED_IN fast paths up to date and counts (or marks stale) the candidates touched.
 */
export async function writeExtractions(
  tx: ManagedTransaction,
  writes: ExtractionWrite[],
  removed: Removed = { pairs: [], candidateIds: [] },
  candidateSupport: CandidateSupportCount = 'now',
): Promise<void> {
  await writeEntities(
    tx,
    writes.flatMap((w) => w.entities),
  );
  const mentions = lastByKey(
    writes.flatMap((w) => w.mentions),
    (m) => `${m.chunkId}|${m.entityId}|${m.start}|${m.end}`,
  );
  if (mentions.length > 0) {
    await tx.run(upsertMentions, { rows: mentionRows(mentions) });
    const productMentions = lastByKey(
      mentions.filter((mention) => mention.productId),
      (m) => `${m.chunkId}|${m.productId}|${m.start}|${m.end}`,
    );
    if (productMentions.length > 0) {
      await tx.run(upsertProductMentions, { rows: productMentions.map((m) => withoutUndefined(m)) });
    }
  }
  const increments = await writeFacts(tx, writes);
  // A pair that lost facts is recounted from all of its facts; a pair that only gained some grows.
  const recount = new Map(removed.pairs.map((pair) => [`${pair.subjectId}|${pair.objectId}`, pair]));
  if (recount.size > 0) await tx.run(refreshUsedInPaths, { pairs: [...recount.values()] });
  const grown = [...increments.entries()]
    .filter(([key, increment]) => !recount.has(key) && increment.documents.size > 0)
    .map(([, increment]) => ({
      subjectId: increment.subjectId,
      objectId: increment.objectId,
      ...usedInProperties(increment),
    }));
  if (grown.length > 0) await tx.run(addToUsedInPaths, { rows: grown });
  const occurrences = lastByKey(
    writes.flatMap((w) => w.candidates ?? []),
    (o) => `${candidateId(o.label, o.key)}|${o.chunkId}|${o.start}|${o.end}`,
  );
  if (occurrences.length > 0) await tx.run(upsertCandidateOccurrences, { rows: candidateRows(occurrences) });
  if (candidateSupport === 'deferred') {
    if (removed.candidateIds.length > 0) await tx.run(markCandidatesStale, { ids: removed.candidateIds });
    return;
  }
  const candidateIds = [
    ...new Set([
      ...removed.candidateIds,
      ...occurrences.map((occurrence) => candidateId(occurrence.label, occurrence.key)),
    ]),
  ];
  await refreshCandidates(tx, candidateIds);
}

const supportsUse = (fact: Pick<Fact, 'polarity'>) =>
  ['positive', 'tentative'].includes(fact.polarity ?? 'positive');

/** A batch's facts, one per id: its evidence united, its document the last one to state it. */
export function factsById(
  writes: readonly Pick<ExtractionWrite, 'documentId' | 'publishedAt' | 'facts'>[],
): { fact: Fact; documentId: string; publishedAt: string | undefined }[] {
  const byId = new Map<string, { fact: Fact; documentId: string; publishedAt: string | undefined }>();
  for (const w of writes) {
    for (const fact of w.facts) {
      const previous = byId.get(fact.id);
      const evidence = previous ? [...previous.fact.evidence, ...fact.evidence] : fact.evidence;
      byId.set(fact.id, {
        fact: { ...fact, evidence },
        documentId: w.documentId,
        publishedAt: w.publishedAt,
      });
    }
  }
  return [...byId.values()];
}

/** The properties a fact node is created with. */
export function factProperties(fact: Fact, documentId: string, publishedAt: string | undefined) {
  return withoutUndefined({
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
  });
}

/** Creates the facts (one row per id, its evidence united) and returns what they add to the fast paths. */
async function writeFacts(
  tx: ManagedTransaction,
  writes: ExtractionWrite[],
): Promise<Map<string, UsedInIncrement>> {
  const facts = factsById(writes);
  const increments = new Map<string, UsedInIncrement>();
  if (facts.length === 0) return increments;
  await tx.run(createFacts, {
    rows: facts.map(({ fact, documentId, publishedAt }) => ({
      subjectId: fact.subjectId,
      objectId: fact.objectId,
      evidence: lastByKey(fact.evidence, (e) => `${e.chunkId}|${e.start}|${e.end}`),
      props: factProperties(fact, documentId, publishedAt),
    })),
  });
  for (const { fact, documentId, publishedAt } of facts) {
    if (fact.type !== 'USED_IN') continue;
    const key = `${fact.subjectId}|${fact.objectId}`;
    const increment = increments.get(key) ?? {
      subjectId: fact.subjectId,
      objectId: fact.objectId,
      documents: new Set<string>(),
    };
    increments.set(key, increment);
    countUseFact(increment, fact, documentId, publishedAt);
  }
  return increments;
}

/**
 * Which bundles to write, given each document's stored content hash: an unchanged one is skipped, and
 * each gets its outcome (added, updated, unchanged) with what it brings.
 */
export function bundlesToWrite(
  bundles: Iterable<DocumentBundle>,
  storedHash: (id: string) => string | undefined,
): { results: DocumentWriteResult[]; toWrite: DocumentBundle[] } {
  const results: DocumentWriteResult[] = [];
  const toWrite: DocumentBundle[] = [];
  for (const bundle of bundles) {
    const previous = storedHash(bundle.document.id);
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
  return { results, toWrite };
}

/**
 * Writes documents with their chunks, entities, mentions and facts in the caller's transaction. An
 * unchanged document (same content hash) is skipped; a changed one is replaced without leaving orphans,
 * and the USED_IN fast paths its old and new facts touch are brought up to date. The support of the
 * mined candidates it touches is left to `refreshStaleCandidates` (once per run, not once per batch).
 */
export async function writeDocumentBundles(
  tx: ManagedTransaction,
  bundles: DocumentBundle[],
  assigneeResolvers?: AssigneeResolverCache,
): Promise<DocumentWriteResult[]> {
  // The last bundle wins when a batch holds the same document twice (e.g. duplicate publications).
  const byId = new Map(bundles.map((bundle) => [bundle.document.id, bundle]));
  const existing = new Map(
    (await tx.run(documentHashesQuery, { ids: [...byId.keys()] })).records.map((r) => [
      String(r.get('id')),
      String(r.get('contentHash')),
    ]),
  );
  const { results, toWrite } = bundlesToWrite(byId.values(), (id) => existing.get(id));
  if (toWrite.length === 0) return results;
  const replaced = toWrite.filter((bundle) => existing.has(bundle.document.id)).map((b) => b.document.id);
  const removed = await removePreviousVersions(tx, replaced);
  await tx.run(upsertDocumentsWithChunks, {
    rows: toWrite.map((b) => {
      const digests = chunkExtractionDigests(b);
      return {
        document: withoutUndefined(b.document),
        chunks: lastByKey(b.chunks, (chunk) => chunk.id).map((chunk) => ({
          ...withoutUndefined(chunk),
          extractionDigest: digests.get(chunk.id) ?? emptyChunkDigest,
        })),
      };
    }),
  });
  await writeAssigneeLinks(
    tx,
    toWrite.map((bundle) => bundle.document),
    replaced,
    assigneeResolvers,
  );
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
    'deferred',
  );
  const versions = toWrite.flatMap((bundle) => bundle.document.vocabularyVersion ?? []);
  if (versions.length > 0) await tx.run(recordWrittenBehind, { oldest: neo4j.int(Math.min(...versions)) });
  return results;
}
