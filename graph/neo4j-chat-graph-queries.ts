/**
 * Named, parameterised, read-only Cypher run by Neo4jChatGraphReader in READ sessions. Quotes are cut
 * from the document's stored text with the span's own offsets, so `quote === text.slice(start, end)`.
 */

const documentProjection = 'd {.id, .title, .kind, .number, .url, .publishedAt, .source}';

/** Chunks that mention any of the entities, most matched entities first (graph expansion of a search). */
export const CHUNKS_MENTIONING = `
UNWIND $entityIds AS entityId
MATCH (c:Chunk)-[m:MENTIONS]->(e:Entity {id: entityId})
WITH c, count(DISTINCT e) AS matched, min(m.start) AS focusStart, min(m.end) AS focusEnd
MATCH (c)-[:PART_OF]->(d:Document)
WHERE $kinds IS NULL OR d.kind IN $kinds
RETURN c {.id, .text, .start, .end, .section, .page, .index} AS chunk, ${documentProjection} AS document,
       matched, focusStart, focusEnd
ORDER BY matched DESC, d.publishedAt DESC, c.id
LIMIT $limit`;

/** Nearest chunks by embedding (only when a vector index exists). */
export const VECTOR_SEARCH = `
CALL db.index.vector.queryNodes('chunk_embedding', $limit, $vector) YIELD node, score
MATCH (node)-[:PART_OF]->(d:Document)
WHERE $kinds IS NULL OR d.kind IN $kinds
RETURN node {.id, .text, .start, .end, .section, .page, .index} AS chunk, ${documentProjection} AS document, score
ORDER BY score DESC`;

/** USED_IN evidence spans between any of the materials and the application, newest first. */
export const USED_IN_EVIDENCE = `
MATCH (f:Fact {type: 'USED_IN'})-[:SUBJECT]->(m:Material)
WHERE m.id IN $materialIds
MATCH (f)-[:OBJECT]->(a:Application {id: $applicationId})
MATCH (f)-[e:EVIDENCE]->(c:Chunk)-[:PART_OF]->(d:Document)
WITH DISTINCT c, e, d, f, m
RETURN c.id AS chunkId, c.section AS section, c.page AS page, e.start AS start, e.end AS end,
       c.text AS chunkText, c.start AS chunkStart, ${documentProjection} AS document,
       m.id AS materialId, f.confidence AS confidence, f.polarity AS polarity
ORDER BY d.publishedAt DESC, c.id, e.start
LIMIT $limit`;

/** Fallback when no USED_IN fact links them: chunks that mention a material and the application. */
export const CO_MENTION_EVIDENCE = `
MATCH (c:Chunk)-[ma:MENTIONS]->(m:Material)
WHERE m.id IN $materialIds
MATCH (c)-[mb:MENTIONS]->(:Application {id: $applicationId})
MATCH (c)-[:PART_OF]->(d:Document)
WITH c, d, min(ma.start) AS focusStart, max(mb.end) AS focusEnd
RETURN c {.id, .text, .start, .end, .section, .page, .index} AS chunk, ${documentProjection} AS document,
       focusStart, focusEnd
ORDER BY d.publishedAt DESC, c.id
LIMIT $limit`;

/**
 * An entity's fact links (USED_IN, HAS_PROPERTY, REQUIRES, …) grouped by the other entity, with the
 * number of distinct documents and the best evidence span of each link.
 */
export const ENTITY_NEIGHBOURHOOD = `
MATCH (x:Entity {id: $id})
CALL (x) {
  MATCH (x)<-[:SUBJECT]-(f:Fact)-[:OBJECT]->(other:Entity)
  RETURN f, other, 'subject' AS role
  UNION
  MATCH (x)<-[:OBJECT]-(f:Fact)-[:SUBJECT]->(other:Entity)
  RETURN f, other, 'object' AS role
}
WITH f, other, role ORDER BY f.confidence DESC, f.publishedAt DESC
WITH f.type AS type, role, other, count(DISTINCT f.documentId) AS documents, max(f.publishedAt) AS lastSeen,
     head(collect(f)) AS best
ORDER BY documents DESC, other.id
LIMIT $limit
CALL (best) {
  OPTIONAL MATCH (best)-[e:EVIDENCE]->(c:Chunk)-[:PART_OF]->(d:Document)
  WITH e, c, d ORDER BY e.start LIMIT 1
  RETURN CASE WHEN c IS NULL THEN null ELSE {
    chunkId: c.id, section: c.section, page: c.page, start: e.start, end: e.end,
    chunkText: c.text, chunkStart: c.start, document: ${documentProjection}
  } END AS evidence
}
RETURN type, role, other.id AS id, other.name AS name, [l IN labels(other) WHERE l <> 'Entity'][0] AS label,
       documents, toString(lastSeen) AS lastSeen, evidence`;

/** How many documents mention the entity, by kind. */
export const ENTITY_MENTION_COUNTS = `
MATCH (:Entity {id: $id})<-[:MENTIONS]-(c:Chunk)-[:PART_OF]->(d:Document)
WITH DISTINCT d
RETURN d.kind AS kind, count(d) AS documents`;

/**
 * Documents mentioning an application per year and kind, with the newest mentioning chunk of each year
 * as an example (the mention's offsets let the caller quote the sentence).
 */
export const APPLICATION_TREND = `
MATCH (:Application {id: $id})<-[m:MENTIONS]-(c:Chunk)-[:PART_OF]->(d:Document)
WITH d, c, m ORDER BY c.index, m.start
WITH d, head(collect({chunk: c {.id, .text, .start, .end, .section, .page}, focusStart: m.start, focusEnd: m.end})) AS mention
WITH substring(toString(d.publishedAt), 0, 4) AS year, d, mention ORDER BY d.publishedAt DESC, d.id
WITH year,
     count(CASE WHEN d.kind = 'patent' THEN 1 END) AS patents,
     count(CASE WHEN d.kind = 'news' THEN 1 END) AS news,
     count(d) AS total,
     head(collect({mention: mention, document: ${documentProjection}})) AS example
RETURN year, patents, news, total, example
ORDER BY year`;
