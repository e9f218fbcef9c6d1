/** Named, parameterised Cypher run by Neo4jGraphStore. Writes are batched with UNWIND and MERGE on ids. */

export const entityLabelsWithIds = ['Material', 'Property', 'Application', 'Organization'] as const;

/** Schema statements by name; each is idempotent (IF NOT EXISTS). */
export function schemaStatements(embeddingDimension?: number): Array<{ name: string; cypher: string }> {
  const constraints = [
    'Document',
    'Chunk',
    'Entity',
    'Material',
    'Property',
    'Application',
    'Organization',
    'Product',
    'Fact',
    'Suggestion',
    'Review',
    'IngestRun',
    'Source',
    'Schedule',
    'Conversation',
    'Message',
    'AuditEvent',
    'ApiKey',
  ].map((label) => ({
    name: `${label.toLowerCase()}_id_unique`,
    cypher: `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  }));
  const ranges = [
    ['document_published_at', 'Document', 'publishedAt'],
    ['document_content_hash', 'Document', 'contentHash'],
    ['chunk_document_id', 'Chunk', 'documentId'],
    ['fact_document_id', 'Fact', 'documentId'],
    ['fact_type_published_at', 'Fact', 'type, n.publishedAt'],
    ['ingest_run_started_at', 'IngestRun', 'startedAt'],
    ['suggestion_product_id', 'Suggestion', 'productId'],
  ].map(([name, label, property]) => ({
    name: name as string,
    cypher: `CREATE INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`,
  }));
  const fulltext = [
    {
      name: 'chunk_text',
      cypher: 'CREATE FULLTEXT INDEX chunk_text IF NOT EXISTS FOR (n:Chunk) ON EACH [n.text]',
    },
    {
      name: 'entity_names',
      cypher:
        'CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Material|Property|Application|Organization|Product) ON EACH [n.name, n.aliasText]',
    },
  ];
  const vector = embeddingDimension
    ? [
        {
          name: 'chunk_embedding',
          cypher: `CREATE VECTOR INDEX chunk_embedding IF NOT EXISTS FOR (n:Chunk) ON (n.embedding) OPTIONS {indexConfig: {\`vector.dimensions\`: ${Math.trunc(embeddingDimension)}, \`vector.similarity_function\`: 'cosine'}}`,
        },
      ]
    : [];
  return [...constraints, ...ranges, ...fulltext, ...vector];
}

export const listConstraintNames = 'SHOW CONSTRAINTS YIELD name RETURN name';
export const listIndexNames = 'SHOW INDEXES YIELD name RETURN name';

export const documentHashes = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.contentHash AS contentHash`;

export const documentVersions = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.contentHash AS contentHash, d.origin AS origin, size(d.text) AS textLength`;

/** Removes a previous version's facts, returning the pairs whose fast path must be refreshed. */
export const deleteDocumentFacts = `
UNWIND $ids AS id
MATCH (f:Fact {documentId: id})
OPTIONAL MATCH (f)-[:SUBJECT]->(s)
OPTIONAL MATCH (f)-[:OBJECT]->(o)
WITH f, s.id AS subjectId, o.id AS objectId, f.type AS type
DETACH DELETE f
RETURN DISTINCT subjectId, objectId, type`;

/** Removes a previous version's chunks, and with them its mentions and links. */
export const deleteDocumentChunks = `
UNWIND $ids AS id
MATCH (c:Chunk {documentId: id})
DETACH DELETE c`;

export const upsertDocuments = `
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row`;

export const upsertChunks = `
UNWIND $rows AS row
MATCH (d:Document {id: row.documentId})
MERGE (c:Chunk {id: row.id})
SET c = row
MERGE (c)-[:PART_OF]->(d)`;

export const linkChunks = `
UNWIND $rows AS row
MATCH (a:Chunk {id: row.from}), (b:Chunk {id: row.to})
MERGE (a)-[:NEXT]->(b)`;

export function upsertEntities(label: string): string {
  return `
UNWIND $rows AS row
MERGE (e:${label} {id: row.id})
ON CREATE SET e:Entity, e.name = row.name, e.aliases = row.aliases
SET e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.class = coalesce(row.class, e.class), e.formula = coalesce(row.formula, e.formula),
    e.cas = coalesce(row.cas, e.cas), e.unit = coalesce(row.unit, e.unit), e.domain = coalesce(row.domain, e.domain)
SET e.aliasText = reduce(acc = '', a IN e.aliases | acc + ' ' + a)`;
}

export const upsertMentions = `
UNWIND $rows AS row
MATCH (c:Chunk {id: row.chunkId}), (e:Entity {id: row.entityId})
MERGE (c)-[m:MENTIONS {start: row.start, end: row.end}]->(e)
SET m.surface = row.surface`;

export const upsertFacts = `
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

/** Recomputes the materialised fast path (:Material)-[:USED_IN {docCount, firstSeen, lastSeen}]->(:Application). */
export const refreshUsedInPaths = `
UNWIND $pairs AS pair
MATCH (m:Material {id: pair.subjectId}), (a:Application {id: pair.objectId})
OPTIONAL MATCH (m)<-[:SUBJECT]-(f:Fact {type: 'USED_IN'})-[:OBJECT]->(a)
WITH m, a, count(DISTINCT f.documentId) AS docCount, min(f.publishedAt) AS firstSeen, max(f.publishedAt) AS lastSeen
OPTIONAL MATCH (m)-[old:USED_IN]->(a)
FOREACH (_ IN CASE WHEN docCount = 0 THEN [1] ELSE [] END | DELETE old)
FOREACH (_ IN CASE WHEN docCount > 0 THEN [1] ELSE [] END |
  MERGE (m)-[u:USED_IN]->(a) SET u.docCount = docCount, u.firstSeen = firstSeen, u.lastSeen = lastSeen)`;

export const getDocument = 'MATCH (d:Document {id: $id}) RETURN properties(d) AS document';

export const listChunks = `
MATCH (c:Chunk {documentId: $documentId})
RETURN properties(c) AS chunk ORDER BY c.index`;

export const getChunks = `
UNWIND $ids AS id
MATCH (c:Chunk {id: id})-[:PART_OF]->(d:Document)
RETURN properties(c) AS chunk, d {.id, .title, .kind, .number, .url, .publishedAt, .source} AS document`;

export const listMentions = `
MATCH (c:Chunk {documentId: $documentId})-[m:MENTIONS]->(e:Entity)
RETURN c.id AS chunkId, e.id AS entityId, m.start AS start, m.end AS end, m.surface AS surface
ORDER BY m.start, e.id`;

export const getEntity = `
MATCH (e:Entity {id: $id})
RETURN properties(e) AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS label`;

export const searchChunks = `
CALL db.index.fulltext.queryNodes('chunk_text', $query, {limit: $fetch}) YIELD node, score
MATCH (node)-[:PART_OF]->(d:Document)
WHERE $kinds IS NULL OR d.kind IN $kinds
RETURN properties(node) AS chunk, d {.id, .title, .kind, .number, .url, .publishedAt, .source} AS document, score
ORDER BY score DESC LIMIT $limit`;

export const searchEntities = `
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $limit * 4}) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE $label IS NULL OR label = $label
RETURN properties(node) AS entity, label, score
ORDER BY score DESC LIMIT $limit`;

export const saveIngestRun = `
MERGE (r:IngestRun {id: $row.id})
SET r = $row`;

export const getIngestRun = 'MATCH (r:IngestRun {id: $id}) RETURN properties(r) AS run';

export const listIngestRuns = `
MATCH (r:IngestRun) RETURN properties(r) AS run ORDER BY r.startedAt DESC LIMIT $limit`;

export const counts = `
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (c:Chunk) RETURN count(c) AS chunks }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (:Chunk)-[m:MENTIONS]->() RETURN count(m) AS mentions }
CALL () { MATCH (f:Fact) RETURN count(f) AS facts }
RETURN documents, chunks, entities, mentions, facts`;
