/**
 * Named, parameterised Cypher of document retraction. The reads run before anything is deleted and
 * take the doomed documents, chunks and facts as exclusion sets, so a dry run and a real retraction
 * compute the same things.
 */

export const existingDocuments = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id`;

/** What the audit event keeps of a retracted document (never its text). */
export const documentSummary = `
MATCH (d:Document {id: $documentId})
RETURN d {.title, .kind, .number, .url, .publishedAt, .source, .origin, .ingestRunId} AS document`;

/** Chunks by their `documentId` and by `PART_OF`, so a chunk that lost either is still found. */
export const documentChunks = `
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Chunk {documentId: id}) RETURN c
  UNION
  MATCH (c:Chunk)-[:PART_OF]->(:Document {id: id}) RETURN c
}
RETURN collect(DISTINCT c.id) AS chunkIds`;

export const chunkMentions = `
UNWIND $chunkIds AS chunkId
MATCH (:Chunk {id: chunkId})-[m:MENTIONS]->(e)
RETURN count(m) AS mentions, collect(DISTINCT e.id) AS entityIds`;

/** The documents' own facts, and facts whose every piece of evidence lies in the doomed chunks. */
export const doomedFacts = `
CALL () {
  UNWIND $ids AS id
  MATCH (f:Fact {documentId: id})
  RETURN f
  UNION
  UNWIND $chunkIds AS chunkId
  MATCH (f:Fact)-[:EVIDENCE]->(:Chunk {id: chunkId})
  WHERE NOT EXISTS { MATCH (f)-[:EVIDENCE]->(other:Chunk) WHERE NOT other.id IN $chunkIds }
  RETURN f
}
OPTIONAL MATCH (f)-[:SUBJECT]->(s)
OPTIONAL MATCH (f)-[:OBJECT]->(o)
RETURN f.id AS id, f.type AS type, s.id AS subjectId, o.id AS objectId,
       s:Material AS subjectIsMaterial, o:Application AS objectIsApplication`;

export const chunkEvidence = `
UNWIND $chunkIds AS chunkId
MATCH (:Fact)-[e:EVIDENCE]->(:Chunk {id: chunkId})
RETURN count(e) AS evidence`;

/** Entities linked to the documents themselves (e.g. assignees), beside those mentioned or in facts. */
export const documentEntities = `
UNWIND $ids AS id
MATCH (:Document {id: id})--(e:Entity)
RETURN collect(DISTINCT e.id) AS entityIds`;

/** Fast paths of the pairs that would lose every USED_IN fact. */
export const vanishingFastPaths = `
UNWIND $pairs AS pair
MATCH (m:Material {id: pair.subjectId})-[:USED_IN]->(a:Application {id: pair.objectId})
WHERE NOT EXISTS {
  MATCH (m)<-[:SUBJECT]-(f:Fact {type: 'USED_IN'})-[:OBJECT]->(a) WHERE NOT f.id IN $factIds
}
RETURN count(*) AS removed`;

/**
 * Touched entities that nothing would keep: no mention from a surviving chunk, no link to a surviving
 * non-entity node (facts, products, suggestions, documents), and not from the lexicon, the catalog or a
 * user. Links between entities (taxonomy, fast paths) do not keep an entity.
 */
export const orphanEntities = `
UNWIND $entityIds AS entityId
MATCH (e:Entity {id: entityId})
WHERE NOT coalesce(e.origin, '') IN $protectedOrigins
  AND NOT EXISTS {
    MATCH (e)--(x)
    WHERE (NOT x:Entity OR x:Product)
      AND NOT (x:Chunk AND x.id IN $chunkIds)
      AND NOT (x:Fact AND x.id IN $factIds)
      AND NOT (x:Document AND x.id IN $ids)
  }
RETURN collect(e.id) AS entityIds`;

export const citingSuggestions = `
UNWIND $chunkIds AS chunkId
MATCH (s:Suggestion)-[cite:CITES]->(c:Chunk {id: chunkId})
OPTIONAL MATCH (c)-[:PART_OF]->(d:Document)
WITH s, cite, c, d ORDER BY cite.n
WITH s, collect({
  n: cite.n, chunkId: c.id, start: cite.start, end: cite.end, section: c.section, page: c.page,
  document: coalesce(d {.id, .title, .kind, .number, .url, .publishedAt}, {id: c.documentId})
}) AS citations
RETURN s.id AS id, s.productId AS productId, s.applicationId AS applicationId, s.status AS status,
       (s.status <> 'new' OR EXISTS { (s)<-[:REVIEWS]-(:Review) }) AS reviewed,
       citations, COUNT { (s)-[:CITES]->() } AS total
ORDER BY id`;

/** Products whose suggestions would change: made of, known for or having a touched entity, or citing. */
export const touchedProducts = `
CALL () {
  UNWIND $entityIds AS entityId
  MATCH (p:Product)-[:MADE_OF|KNOWN_FOR|HAS_PROPERTY]->(:Entity {id: entityId})
  RETURN p.id AS productId
  UNION
  UNWIND $suggestionProductIds AS productId
  MATCH (p:Product {id: productId})
  RETURN p.id AS productId
  UNION
  MATCH (s:Suggestion)
  WHERE any(x IN coalesce(s.evidenceDocumentIds, []) WHERE x IN $ids)
  MATCH (p:Product {id: s.productId})
  RETURN p.id AS productId
}
RETURN collect(DISTINCT productId) AS productIds`;

/** Messages whose stored citations may name one of the documents (confirmed by parsing). */
export const messagesCitingDocument = `
MATCH (m:Message)
WHERE m.citationsJson CONTAINS $documentId
RETURN m.id AS id, m.content AS content, m.citationsJson AS citationsJson`;

export const messagesWithCitations = `
MATCH (m:Message)
WHERE m.citationsJson IS NOT NULL AND m.citationsJson <> '[]'
RETURN m.citationsJson AS citationsJson`;

export const deleteFacts = `
UNWIND $factIds AS factId
MATCH (f:Fact {id: factId})
DETACH DELETE f`;

/** Removes the chunks with their mentions, NEXT links, EVIDENCE of surviving facts and CITES. */
export const deleteChunks = `
UNWIND $chunkIds AS chunkId
MATCH (c:Chunk {id: chunkId})
DETACH DELETE c`;

export const deleteDocument = `
MATCH (d:Document {id: $documentId})
DETACH DELETE d`;

export const deleteEntities = `
UNWIND $entityIds AS entityId
MATCH (e:Entity {id: entityId})
DETACH DELETE e`;

/** Reviewed suggestions keep their history and gain a withdrawal record; the newest one is `evidenceWithdrawn`. */
export const markSuggestionsWithdrawn = `
UNWIND $rows AS row
MATCH (s:Suggestion {id: row.id})
SET s.evidenceWithdrawnJson = coalesce(s.evidenceWithdrawnJson, []) + row.withdrawalJson`;

export const deleteSuggestions = `
UNWIND $suggestionIds AS suggestionId
MATCH (s:Suggestion {id: suggestionId})
DETACH DELETE s`;

/** The documents leave the evidence-id lists the feedback loop compares (a returning document counts as new). */
export const forgetEvidenceDocuments = `
MATCH (s:Suggestion)
WHERE any(x IN coalesce(s.evidenceDocumentIds, []) WHERE x IN $ids)
   OR any(x IN coalesce(s.evidenceDocumentIdsAtReview, []) WHERE x IN $ids)
WITH s, [x IN coalesce(s.evidenceDocumentIds, []) WHERE NOT x IN $ids] AS kept
SET s.evidenceDocumentIds = kept, s.evidenceDocuments = size(kept),
    s.evidenceDocumentIdsAtReview = CASE WHEN s.evidenceDocumentIdsAtReview IS NULL THEN null
      ELSE [x IN s.evidenceDocumentIdsAtReview WHERE NOT x IN $ids] END`;

export const redactMessages = `
UNWIND $rows AS row
MATCH (m:Message {id: row.id})
SET m.content = row.content, m.citationsJson = row.citationsJson`;

/**
 * Documents last written by a source's runs: its run jobs name the runs, and run records labelled with
 * the source id cover runs started before run jobs existed.
 */
export const sourceDocuments = `
CALL () {
  MATCH (j:RunJob {sourceId: $sourceId})
  RETURN j.runId AS runId
  UNION
  MATCH (r:IngestRun {source: $sourceId})
  RETURN r.id AS runId
}
MATCH (d:Document {ingestRunId: runId})
RETURN DISTINCT d.id AS id
ORDER BY id`;
