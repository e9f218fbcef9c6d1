/** Named, parameterised Cypher run by Neo4jVocabularyStore. */
import type { ManagedTransaction } from 'neo4j-driver';
import { closedToPromotion, isOpenCandidate } from './candidate-marks.ts';
import { vocabularyStamp } from './vocabulary-store.ts';

/** The labels an entity term can have (Cypher lists them literally, so no label ever comes from input). */
export const termLabels = ['Material', 'Property', 'Application', 'Organization'] as const;

const labelOf = (variable: string) => `[l IN labels(${variable}) WHERE l IN $termLabels][0]`;

export const readVersion = `
OPTIONAL MATCH (v:VocabularyVersion {id: 'vocabulary'})
RETURN coalesce(v.version, 0) AS version, toString(coalesce(v.updatedAt, '')) AS updatedAt,
       v.lexiconDigest AS digest, coalesce(v.reextractedThrough, 0) AS watermark`;

/** The current version and its stamp (`vocabularyStamp`), in the caller's transaction. */
export async function readStampedVersion(
  tx: ManagedTransaction,
): Promise<{ version: number; stamp: string }> {
  const record = (await tx.run(readVersion)).records[0];
  const version = Number(record?.get('version') ?? 0);
  return { version, stamp: vocabularyStamp(version, String(record?.get('updatedAt') ?? '')) };
}

/**
 * Bumps the version and records what the change affects. The SET on the one version node takes a
 * write lock, so concurrent changes get consecutive versions.
 */
export const bumpVersion = `
MERGE (v:VocabularyVersion {id: 'vocabulary'})
ON CREATE SET v.version = 0, v.reextractedThrough = 0
SET v.version = v.version + 1, v.updatedAt = $change.at
WITH v
CREATE (c:VocabularyChange {id: 'vocabulary-change:' + toString(v.version)})
SET c += $change, c.version = v.version
RETURN v.version AS version`;

export const recordLexiconDigest = `
MATCH (v:VocabularyVersion {id: 'vocabulary'})
SET v.lexiconDigest = $digest`;

/**
 * Advances the watermark, unless documents were written with an older vocabulary since `writtenBehind`
 * was read (see `recordWrittenBehind`): the run that read it may not have seen them. A WHERE reads
 * without a lock, so the node's write lock is taken first: a batch still writing commits before the
 * count is read.
 */
export const markReextracted = `
MERGE (v:VocabularyVersion {id: 'vocabulary'})
ON CREATE SET v.version = 0, v.reextractedThrough = 0
SET v._lock = true
REMOVE v._lock
WITH v
WHERE $writtenBehind IS NULL OR coalesce(v.writtenBehind, 0) = $writtenBehind
SET v.reextractedThrough = CASE WHEN $version > v.reextractedThrough THEN $version ELSE v.reextractedThrough END
RETURN count(v) AS marked`;

/**
 * In a batch's write transaction: documents analysed with a vocabulary older than the graph's (another
 * process changed it meanwhile, or this run promoted terms) may miss changes a re-extraction is applying
 * or has applied. Counting such writes makes that re-extraction's mark fail (it runs again), and the
 * watermark goes back to the oldest such version, so changes applied before the write are pending
 * again for these documents. The node's write lock is taken before its version is read (a change
 * committing meanwhile is seen), and held to the end of the batch's transaction, which this statement
 * ends: marking takes the same lock.
 */
export const recordWrittenBehind = `
MATCH (v:VocabularyVersion {id: 'vocabulary'})
SET v._lock = true
REMOVE v._lock
WITH v
WHERE $oldest < v.version
SET v.writtenBehind = coalesce(v.writtenBehind, 0) + 1,
    v.reextractedThrough = CASE WHEN $oldest < coalesce(v.reextractedThrough, 0) THEN $oldest ELSE v.reextractedThrough END`;

export const pendingChanges = `
OPTIONAL MATCH (v:VocabularyVersion {id: 'vocabulary'})
WITH coalesce(v.version, 0) AS version, coalesce(v.reextractedThrough, 0) AS watermark,
     coalesce(v.writtenBehind, 0) AS writtenBehind
OPTIONAL MATCH (c:VocabularyChange)
WHERE c.version > watermark
WITH version, watermark, writtenBehind, c ORDER BY c.version
RETURN version, watermark, writtenBehind, collect(properties(c)) AS changes`;

/**
 * Makes terms of one label matched: creates missing entities, adds names (aliases, acronyms and
 * case rules are united with what is there), never changes a retired term nor an existing origin.
 * `termHash` remembers the definition a term was seeded (or created) with, so that only a lexicon
 * that changed it writes it again. Returns each term written and whether it gained a name (or became
 * matched).
 */
export function upsertTerms(label: (typeof termLabels)[number]): string {
  return `
UNWIND $rows AS row
MERGE (e:${label} {id: row.id})
ON CREATE SET e:Entity, e.name = row.name, e.origin = row.origin, e.aliases = [], e.createdAt = $at
WITH e, row, coalesce(e.termHash, '') AS previousHash, coalesce(e.term, false) AS wasTerm,
     coalesce(e.termAliases, []) AS oldAliases, coalesce(e.acronyms, []) AS oldAcronyms
WHERE NOT coalesce(e.retired, false) AND (previousHash <> row.termHash OR NOT wasTerm)
SET e.term = true,
    e.origin = coalesce(e.origin, row.origin),
    e.termAliases = reduce(acc = oldAliases, a IN row.aliases |
      CASE WHEN a IN acc OR a = e.name THEN acc ELSE acc + a END),
    e.acronyms = reduce(acc = oldAcronyms, a IN row.acronyms | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.caseSensitive = reduce(acc = coalesce(e.caseSensitive, []), a IN row.caseSensitive |
      CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.caseSensitiveAll = coalesce(row.caseSensitiveAll, e.caseSensitiveAll),
    e.inflect = coalesce(row.inflect, e.inflect),
    e.formula = coalesce(row.formula, e.formula),
    e.class = coalesce(row.class, e.class),
    e.unit = coalesce(row.unit, e.unit),
    e.domain = coalesce(row.domain, e.domain),
    e.support = coalesce(row.support, e.support),
    e.termOrder = coalesce(row.termOrder, e.termOrder),
    e.termHash = CASE WHEN $seeding OR NOT wasTerm THEN row.termHash ELSE e.termHash END,
    e.updatedAt = $at
SET e.aliases = reduce(acc = coalesce(e.aliases, []), a IN e.termAliases + e.acronyms |
      CASE WHEN a IN acc THEN acc ELSE acc + a END)
SET e.aliasText = reduce(acc = '', a IN e.aliases | acc + ' ' + a)
RETURN e.id AS id,
       NOT wasTerm OR size(e.termAliases) > size(oldAliases) OR size(e.acronyms) > size(oldAcronyms) AS grew`;
}

/**
 * A catalog term's names belong to it: other terms of its label (bundled, mined, user, model) give up
 * those aliases, so a lexicon alias lumped under a broader term ("cellulose nanofibre" under cellulose)
 * becomes the catalog's own, more specific material.
 */
export const releaseSurfaces = `
UNWIND $rows AS row
MATCH (e:Entity)
WHERE e.id <> row.id AND row.label IN labels(e) AND coalesce(e.origin, '') <> 'catalog'
  AND any(a IN coalesce(e.aliases, []) WHERE toLower(a) IN row.surfaces)
SET e.termAliases = [a IN coalesce(e.termAliases, []) WHERE NOT toLower(a) IN row.surfaces],
    e.acronyms = [a IN coalesce(e.acronyms, []) WHERE NOT toLower(a) IN row.surfaces],
    e.aliases = [a IN coalesce(e.aliases, []) WHERE NOT toLower(a) IN row.surfaces]
SET e.aliasText = reduce(acc = '', a IN e.aliases | acc + ' ' + a)
RETURN DISTINCT e.id AS id`;

export const linkBroader = `
UNWIND $links AS link
MATCH (a:Entity {id: link.from}), (b:Entity {id: link.to})
WHERE a <> b
MERGE (a)-[:BROADER]->(b)`;

const snapshotTerm = `
CALL (e) {
  OPTIONAL MATCH (e)-[:BROADER]->(b:Entity)
  RETURN collect(b.id) AS broader
}
RETURN e {.id, .name, .termAliases, .acronyms, .caseSensitive, .caseSensitiveAll, .inflect, .origin, .formula,
          .class, .unit, .domain, .support, .termOrder} AS term, ${labelOf('e')} AS label, broader`;

/** The active terms, in the order snapshots list them (`snapshotOrder`). */
export const snapshotTerms = `
MATCH (e:Entity)
WHERE e.term = true AND NOT coalesce(e.retired, false)
${snapshotTerm}
ORDER BY coalesce(e.termOrder, 1000000000), e.id`;

/** The active terms among `$ids`, read as `snapshotTerms` reads them. */
export const snapshotTermsById = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE e.term = true AND NOT coalesce(e.retired, false)
${snapshotTerm}`;

/** The changes that made versions `$from` to `$to`: their kinds, the terms they wrote, and when. */
export const changesBetween = `
MATCH (c:VocabularyChange)
WHERE c.version >= $from AND c.version <= $to
RETURN c.version AS version, c.kind AS kind, coalesce(c.entityIds, []) AS entityIds, toString(c.at) AS at
ORDER BY c.version`;

export const snapshotProducts = `
MATCH (p:Product)
WHERE p.materialId IS NOT NULL
RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases, p.materialId AS materialId
ORDER BY p.id`;

export const retiredIds = `
MATCH (e:Entity) WHERE e.retired = true
RETURN e.id AS id`;

/** Entities and products as one list, filtered (shared by the page and its count). */
const listedEntries = `
CALL () {
  MATCH (e:Entity)
  RETURN e AS node, ${labelOf('e')} AS label
  UNION
  MATCH (p:Product)
  RETURN p AS node, 'Product' AS label
}
WITH node, label
WHERE ($label IS NULL OR label = $label)
  AND ($origin IS NULL OR coalesce(node.origin, CASE WHEN label = 'Product' THEN 'catalog' END) = $origin)
  AND ($includeRetired OR NOT coalesce(node.retired, false))
  AND ($q IS NULL OR toLower(node.name) CONTAINS $q
       OR any(alias IN coalesce(node.aliases, []) WHERE toLower(alias) CONTAINS $q))`;

export const countEntries = `${listedEntries}
RETURN count(node) AS total`;

export const listEntries = `${listedEntries}
WITH node, label ORDER BY toLower(node.name), node.id
SKIP $offset LIMIT $limit
CALL (node) {
  OPTIONAL MATCH (node)-[:BROADER]->(b:Entity)
  RETURN collect(b.id) AS broader
}
RETURN properties(node) AS props, label, broader`;

export const getEntry = `
CALL () {
  MATCH (e:Entity {id: $id})
  RETURN e AS node, ${labelOf('e')} AS label
  UNION
  MATCH (p:Product {id: $id})
  RETURN p AS node, 'Product' AS label
}
CALL (node) {
  OPTIONAL MATCH (node)-[:BROADER]->(b:Entity)
  RETURN collect(b.id) AS broader
}
RETURN properties(node) AS props, label, broader
LIMIT 1`;

/** Active terms of a label (or products) that carry `$name` as name or curated alias, case-insensitively. */
export const findByName = `
CALL () {
  MATCH (e:Entity)
  WHERE e.term = true AND NOT coalesce(e.retired, false) AND ${labelOf('e')} = $label
    AND (toLower(e.name) = $name
         OR any(alias IN coalesce(e.termAliases, []) + coalesce(e.acronyms, []) WHERE toLower(alias) = $name))
  RETURN e AS node, ${labelOf('e')} AS label
  UNION
  MATCH (p:Product)
  WHERE $label = 'Product'
    AND (toLower(p.name) = $name OR any(alias IN coalesce(p.aliases, []) WHERE toLower(alias) = $name))
  RETURN p AS node, 'Product' AS label
}
CALL (node) {
  OPTIONAL MATCH (node)-[:BROADER]->(b:Entity)
  RETURN collect(b.id) AS broader
}
RETURN properties(node) AS props, label, broader`;

export const addEntityAliases = `
MATCH (e:Entity {id: $id})
SET e.term = true,
    e.termAliases = reduce(acc = coalesce(e.termAliases, []), a IN $aliases |
      CASE WHEN a IN acc OR a = e.name THEN acc ELSE acc + a END),
    e.acronyms = reduce(acc = coalesce(e.acronyms, []), a IN $acronyms | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.updatedAt = $at
SET e.aliases = reduce(acc = coalesce(e.aliases, []), a IN e.termAliases + e.acronyms |
      CASE WHEN a IN acc THEN acc ELSE acc + a END)
SET e.aliasText = reduce(acc = '', a IN e.aliases | acc + ' ' + a)`;

export const addProductAliases = `
MATCH (p:Product {id: $id})
SET p.aliases = reduce(acc = coalesce(p.aliases, []), a IN $aliases + $acronyms |
      CASE WHEN a IN acc OR a = p.name THEN acc ELSE acc + a END)
SET p.aliasText = reduce(acc = '', a IN p.aliases | acc + ' ' + a)`;

/** Documents whose chunks mention, or whose facts name, an entity (the ones its change affects). */
export const documentsNaming = `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (c:Chunk)-[:MENTIONS]->(e)
  RETURN c.documentId AS documentId
  UNION
  MATCH (f:Fact)-[:SUBJECT|OBJECT]->(e)
  RETURN f.documentId AS documentId
}
RETURN collect(DISTINCT documentId) AS documentIds`;

export const retireTerm = `
MATCH (e:Entity {id: $id})
SET e.retired = true, e.retiredAt = $at
WITH e
OPTIONAL MATCH (t:TermCandidate)
WHERE t.promotedTo = e.id OR t.knownAs = e.id
SET t.retired = true
${closedToPromotion}`;

/** The survivor takes the merged term's names (its name and aliases become aliases). */
export const mergeNames = `
MATCH (m:Entity {id: $mergedId}), (s:Entity {id: $survivorId})
WITH m, s, [x IN [m.name] + coalesce(m.termAliases, []) WHERE x <> s.name] AS names
SET s.term = true,
    s.termAliases = reduce(acc = coalesce(s.termAliases, []), a IN names | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    s.acronyms = reduce(acc = coalesce(s.acronyms, []), a IN coalesce(m.acronyms, []) |
      CASE WHEN a IN acc THEN acc ELSE acc + a END),
    s.caseSensitive = reduce(acc = coalesce(s.caseSensitive, []), a IN coalesce(m.caseSensitive, []) |
      CASE WHEN a IN acc THEN acc ELSE acc + a END),
    s.updatedAt = $at
SET s.aliases = reduce(acc = coalesce(s.aliases, []), a IN coalesce(m.aliases, []) + s.termAliases + s.acronyms |
      CASE WHEN a IN acc OR a = s.name THEN acc ELSE acc + a END)
SET s.aliasText = reduce(acc = '', a IN s.aliases | acc + ' ' + a)`;

/** Fast paths are recomputed from the facts after the move, so the merged term's are dropped. */
export const dropMergedFastPaths = `
MATCH (m:Entity {id: $mergedId})-[u:USED_IN]-()
DELETE u`;

/**
 * Moves every relationship of the merged term onto the survivor, with its type and properties (Cypher 5
 * dynamic types); links between the two are dropped rather than turned into loops.
 */
export const moveRelationships = `
MATCH (m:Entity {id: $mergedId}), (s:Entity {id: $survivorId})
CALL (m, s) {
  MATCH (x)-[r]->(m)
  WHERE x <> s
  CREATE (x)-[n:$(type(r))]->(s)
  SET n = properties(r)
  DELETE r
}
CALL (m, s) {
  MATCH (m)-[r]->(y)
  WHERE y <> s
  CREATE (s)-[n:$(type(r))]->(y)
  SET n = properties(r)
  DELETE r
}
CALL (m, s) {
  MATCH (m)-[r]-(s)
  DELETE r
}`;

/** The same chunk span mentioning the survivor twice keeps one mention. */
export const dedupeMentions = `
MATCH (s:Entity {id: $survivorId})<-[r:MENTIONS]-(c:Chunk)
WITH c, r.start AS start, r.end AS end, collect(r) AS mentions
WHERE size(mentions) > 1
FOREACH (extra IN tail(mentions) | DELETE extra)`;

/**
 * One fact per (type, document, subject, object): evidence of duplicates moves to the one kept, which
 * keeps the higher confidence.
 */
export const dedupeFacts = `
MATCH (s:Entity {id: $survivorId})
MATCH (f:Fact)-[:SUBJECT|OBJECT]->(s)
MATCH (f)-[:SUBJECT]->(a), (f)-[:OBJECT]->(b)
WITH f.type AS type, f.documentId AS documentId, a, b, collect(DISTINCT f) AS facts
WHERE size(facts) > 1
WITH head(facts) AS keep, tail(facts) AS extras
UNWIND extras AS extra
CALL (keep, extra) {
  OPTIONAL MATCH (extra)-[e:EVIDENCE]->(c:Chunk)
  WITH keep, extra, e, c WHERE c IS NOT NULL
  MERGE (keep)-[:EVIDENCE {start: e.start, end: e.end}]->(c)
}
SET keep.confidence = CASE WHEN extra.confidence > keep.confidence THEN extra.confidence ELSE keep.confidence END
DETACH DELETE extra`;

/** Other relationship types (catalog links, taxonomy, suggestions) keep one per node pair and direction. */
export const dedupeOtherRelationships = `
MATCH (s:Entity {id: $survivorId})
CALL (s) {
  MATCH (x)-[r]->(s)
  WHERE NOT type(r) IN ['MENTIONS', 'SUBJECT', 'OBJECT', 'EVIDENCE']
  WITH x, type(r) AS kind, collect(r) AS links
  WHERE size(links) > 1
  FOREACH (extra IN tail(links) | DELETE extra)
}
CALL (s) {
  MATCH (s)-[r]->(y)
  WHERE NOT type(r) IN ['MENTIONS', 'SUBJECT', 'OBJECT', 'EVIDENCE']
  WITH y, type(r) AS kind, collect(r) AS links
  WHERE size(links) > 1
  FOREACH (extra IN tail(links) | DELETE extra)
}`;

/** Products and suggestions name entities by id in properties too. */
export const renameReferences = `
CALL () {
  MATCH (p:Product)
  WHERE p.materialId = $mergedId OR $mergedId IN coalesce(p.materialIds, [])
     OR $mergedId IN coalesce(p.knownApplications, []) OR $mergedId IN coalesce(p.properties, [])
  WITH p, [x IN coalesce(p.materialIds, []) | CASE WHEN x = $mergedId THEN $survivorId ELSE x END] AS materials,
       [x IN coalesce(p.knownApplications, []) | CASE WHEN x = $mergedId THEN $survivorId ELSE x END] AS known,
       [x IN coalesce(p.properties, []) | CASE WHEN x = $mergedId THEN $survivorId ELSE x END] AS properties
  SET p.materialId = CASE WHEN p.materialId = $mergedId THEN $survivorId ELSE p.materialId END,
      p.materialIds = reduce(acc = [], x IN materials | CASE WHEN x IN acc THEN acc ELSE acc + x END),
      p.knownApplications = reduce(acc = [], x IN known | CASE WHEN x IN acc THEN acc ELSE acc + x END),
      p.properties = reduce(acc = [], x IN properties | CASE WHEN x IN acc THEN acc ELSE acc + x END)
}
CALL () {
  MATCH (g:Suggestion {applicationId: $mergedId})
  SET g.applicationId = $survivorId
}`;

/** Material–application pairs of the survivor's USED_IN facts (their fast paths are recomputed). */
export const survivorPairs = `
MATCH (s:Entity {id: $survivorId})
MATCH (f:Fact {type: 'USED_IN'})-[:SUBJECT|OBJECT]->(s)
MATCH (f)-[:SUBJECT]->(a:Material), (f)-[:OBJECT]->(b:Application)
RETURN DISTINCT a.id AS subjectId, b.id AS objectId`;

export const markMerged = `
MATCH (m:Entity {id: $mergedId})
SET m.retired = true, m.retiredAt = $at, m.mergedInto = $survivorId
WITH m
OPTIONAL MATCH (t:TermCandidate)
WHERE t.promotedTo = m.id OR t.knownAs = m.id
SET t.knownAs = $survivorId
${closedToPromotion}`;

const candidateFields = `
  t {.id, .label, .key, .name, .surfaces, .support, .occurrences, .cues, .promoted, .promotedTo, .retired} AS candidate`;

const candidateEvidence = `
CALL (t) {
  OPTIONAL MATCH (t)-[s:SEEN_IN]->(c:Chunk)
  WITH s, c ORDER BY s.documentId, c.id, s.start
  WITH collect(CASE WHEN c IS NULL THEN NULL ELSE
    {documentId: s.documentId, chunkId: c.id, start: s.sentenceStart, end: s.sentenceEnd} END) AS all
  RETURN all[0..20] AS evidence
}`;

/**
 * Candidates to promote: support (distinct documents) at the threshold, or an application with a
 * `stated-use` occurrence: a plain use cue whose subject is the company's own (catalog or user)
 * material, which the extractor marks; one such statement is worth a term. Both are read through their
 * indexes (`openSupport` and `statedUse`, which the recount sets on open candidates only): a run asks up
 * to four times per window of documents, and one condition over every candidate read them all, about
 * 1 s a call at a million. Reading by `support` went through every candidate ever promoted: 50,000 of
 * them late in a backfill, at every promotion.
 */
export const promotableCandidates = `
CALL () {
  MATCH (t:TermCandidate) WHERE t.openSupport >= $threshold RETURN t
  UNION
  MATCH (t:TermCandidate) WHERE t.statedUse = true RETURN t
}
WITH t
WHERE ${isOpenCandidate}
${candidateEvidence}
RETURN ${candidateFields}, evidence
ORDER BY t.support DESC, t.id`;

/** A first, cheap look at pending candidates: what the graph last counted of each. */
export const candidateStates = `
UNWIND $ids AS id
MATCH (t:TermCandidate {id: id})
RETURN t.id AS id, coalesce(t.support, 0) AS support, 'stated-use' IN coalesce(t.cues, []) AS statedUse,
       NOT (${isOpenCandidate}) AS closed`;

/**
 * The stored occurrences of candidates, without those of the documents pending ones replace: the
 * documents, cues and surfaces (with counts) to add the pending ones to.
 */
export const storedTallies = `
UNWIND $ids AS id
MATCH (t:TermCandidate {id: id})
CALL (t) {
  OPTIONAL MATCH (t)-[s:SEEN_IN]->(:Chunk)
  WHERE NOT s.documentId IN $replacing
  RETURN collect(DISTINCT s.documentId) AS documents, count(s) AS occurrences, collect(DISTINCT s.cue) AS cues
}
CALL (t) {
  OPTIONAL MATCH (t)-[s:SEEN_IN]->(:Chunk)
  WHERE NOT s.documentId IN $replacing AND s.surface IS NOT NULL
  WITH s.surface AS surface, count(s) AS seen
  RETURN collect({surface: surface, count: seen}) AS surfaces
}
${candidateEvidence}
RETURN t.id AS id, t.name AS name, documents, occurrences, cues, surfaces, evidence`;

export const getCandidate = `
MATCH (t:TermCandidate {id: $id})
${candidateEvidence}
RETURN ${candidateFields}, evidence`;

/**
 * Records the support the candidate was promoted with (pending documents counted); one known only from
 * pending (unwritten) documents is created.
 */
export const markPromoted = `
UNWIND $rows AS row
MERGE (t:TermCandidate {id: row.candidateId})
ON CREATE SET t.label = row.label, t.key = row.key, t.name = row.name, t.surfaces = row.surfaces,
              t.occurrences = 0, t.cues = []
SET t.support = row.support, t.promoted = true, t.promotedTo = row.termId, t.promotedAt = $at
${closedToPromotion}`;

export const markKnown = `
UNWIND $rows AS row
MATCH (t:TermCandidate {id: row.candidateId})
SET t.knownAs = row.termId
${closedToPromotion}`;

/** Whether a retired entity holds this id (promotion never brings one back). */
export const retiredAmong = `
UNWIND $ids AS id
MATCH (e:Entity {id: id}) WHERE e.retired = true
RETURN e.id AS id`;
