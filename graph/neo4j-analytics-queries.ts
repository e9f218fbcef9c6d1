/**
 * Named, parameterised, read-only Cypher of Neo4jAnalyticsReader. Years are the first four characters
 * of `publishedAt`; a document without a date has no year and is counted apart, never guessed.
 */

/**
 * Names that mining promotes from patent boilerplate ("the invention", "embodiments", "a combination")
 * but that name no application or material: left out of rankings, competitors and profiles.
 */
export const genericEntityNames = [
  'invention',
  'inventions',
  'embodiment',
  'embodiments',
  'combination',
  'combinations',
  'product',
  'products',
  'composition',
  'compositions',
  'method',
  'methods',
  'device',
  'devices',
  'article',
  'articles',
  'system',
  'systems',
  'apparatus',
  'process',
  'processes',
  'example',
  'examples',
  'inserts',
  'insert',
  'material',
  'materials',
  'application',
  'applications',
  'use',
  'uses',
  'means',
  'component',
  'components',
  'part',
  'parts',
];

const documentProjection = 'd {.id, .title, .kind, .number, .url, .publishedAt, .source}';
const chunkProjection = 'c {.id, .text, .start, .end, .section, .page}';

/** The first mention of the entity in each document that mentions it (the passage a count cites). */
const firstMentionPerDocument = `
MATCH (:Entity {id: $id})<-[m:MENTIONS]-(c:Chunk)-[:PART_OF]->(d:Document)
WITH d, c, m ORDER BY c.index, m.start
WITH d, head(collect({chunk: ${chunkProjection}, focusStart: m.start, focusEnd: m.end})) AS mention`;

export const DOCUMENTS_BY_KIND = `
MATCH (:Entity {id: $id})<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document)
WITH DISTINCT d
RETURN d.kind AS kind, count(d) AS documents,
       count(CASE WHEN d.kind = 'patent' AND NOT (d)-[:ASSIGNED_TO]->() THEN 1 END) AS withoutAssignee`;

/** Assignees of the patents that mention the entity: patent count, first and last year, newest passage. */
export const LANDSCAPE_ASSIGNEES = `${firstMentionPerDocument}
WHERE d.kind = 'patent'
MATCH (d)-[:ASSIGNED_TO]->(o:Organization)
WITH o, d, mention ORDER BY d.publishedAt DESC, d.id
WITH o, count(d) AS documents,
     min(substring(toString(d.publishedAt), 0, 4)) AS firstYear,
     max(substring(toString(d.publishedAt), 0, 4)) AS lastYear,
     head(collect({mention: mention, document: ${documentProjection}})) AS example
RETURN o.id AS id, o.name AS name, documents, firstYear, lastYear, example
ORDER BY documents DESC, lastYear DESC, name
LIMIT $limit`;

/**
 * Organisations named in news that mentions the entity, counted by news items; the example is the
 * newest item's chunk that names the organisation.
 */
export const LANDSCAPE_NEWS_ORGANIZATIONS = `
MATCH (:Entity {id: $id})<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document {kind: 'news'})
WITH DISTINCT d
MATCH (d)<-[:PART_OF]-(c:Chunk)-[m:MENTIONS]->(o:Organization)
WITH o, d, c, m ORDER BY c.index, m.start
WITH o, d, head(collect({chunk: ${chunkProjection}, focusStart: m.start, focusEnd: m.end})) AS mention
ORDER BY d.publishedAt DESC, d.id
WITH o, count(d) AS documents,
     min(substring(toString(d.publishedAt), 0, 4)) AS firstYear,
     max(substring(toString(d.publishedAt), 0, 4)) AS lastYear,
     head(collect({mention: mention, document: ${documentProjection}})) AS example
RETURN o.id AS id, o.name AS name, documents, firstYear, lastYear, example
ORDER BY documents DESC, lastYear DESC, name
LIMIT $limit`;

/** Inventors of the patents that mention the entity and name no assignee (who patents when no company is named). */
export const LANDSCAPE_INVENTORS = `${firstMentionPerDocument}
WHERE d.kind = 'patent' AND NOT (d)-[:ASSIGNED_TO]->() AND size(coalesce(d.inventors, [])) > 0
WITH d, mention ORDER BY d.publishedAt DESC, d.id
UNWIND d.inventors AS inventor
WITH inventor, count(d) AS documents,
     min(substring(toString(d.publishedAt), 0, 4)) AS firstYear,
     max(substring(toString(d.publishedAt), 0, 4)) AS lastYear,
     head(collect({mention: mention, document: ${documentProjection}})) AS example
RETURN 'inventor:' + toLower(inventor) AS id, inventor AS name, documents, firstYear, lastYear, example
ORDER BY documents DESC, lastYear DESC, name
LIMIT $limit`;

/**
 * Organisations that PRODUCES or SUPPLIES facts (positive) link to the material: documents stating it,
 * years, and the newest statement as the example.
 */
export const LANDSCAPE_PRODUCERS = `
MATCH (o:Organization)<-[:SUBJECT]-(f:Fact)-[:OBJECT]->(:Entity {id: $id})
WHERE f.type IN ['PRODUCES', 'SUPPLIES'] AND coalesce(f.polarity, 'positive') = 'positive'
MATCH (f)-[e:EVIDENCE]->(c:Chunk)-[:PART_OF]->(d:Document)
WITH o, f, d, c, e ORDER BY d.publishedAt DESC, d.id, e.start
WITH o, count(DISTINCT d) AS documents,
     min(substring(toString(d.publishedAt), 0, 4)) AS firstYear,
     max(substring(toString(d.publishedAt), 0, 4)) AS lastYear,
     head(collect({mention: {chunk: ${chunkProjection}, focusStart: e.start, focusEnd: e.end},
                   document: ${documentProjection}})) AS example
RETURN o.id AS id, o.name AS name, documents, firstYear, lastYear, example
ORDER BY documents DESC, lastYear DESC, name
LIMIT $limit`;

/** Every entity of a label with the years of the documents that mention it (null for undated ones). */
export function entityYearsQuery(label: 'Application' | 'Material'): string {
  return `
MATCH (e:${label})<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document)
WHERE ($kinds IS NULL OR d.kind IN $kinds) AND NOT toLower(e.name) IN $generic
WITH DISTINCT e, d
WITH e, collect(CASE WHEN d.publishedAt IS NULL THEN null ELSE toInteger(substring(toString(d.publishedAt), 0, 4)) END) AS years,
     count(CASE WHEN d.publishedAt IS NULL THEN 1 END) AS undated
RETURN e.id AS id, e.name AS name, years, undated`;
}

/** Dated and undated documents of the kinds that mention any entity of the label. */
export function documentDatesQuery(label: 'Application' | 'Material'): string {
  return `
MATCH (:${label})<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document)
WHERE $kinds IS NULL OR d.kind IN $kinds
WITH DISTINCT d
RETURN count(d.publishedAt) AS dated, count(CASE WHEN d.publishedAt IS NULL THEN 1 END) AS undated,
       max(toInteger(substring(toString(d.publishedAt), 0, 4))) AS newestYear`;
}

/** The newest mention of the entity in documents of the years from..to. */
export const NEWEST_MENTION_IN_YEARS = `${firstMentionPerDocument}
WHERE ($kinds IS NULL OR d.kind IN $kinds) AND d.publishedAt IS NOT NULL
  AND toInteger(substring(toString(d.publishedAt), 0, 4)) >= $from
  AND toInteger(substring(toString(d.publishedAt), 0, 4)) <= $to
RETURN mention, ${documentProjection} AS document
ORDER BY d.publishedAt DESC, d.id
LIMIT 1`;

/**
 * REQUIRES facts of the application and of applications narrower than it (positive or tentative), grouped by property: documents, stated
 * values, evidence spans (newest first) and the catalog products that have the property.
 */
export const APPLICATION_REQUIREMENTS = `
MATCH (:Application {id: $id})<-[:BROADER*0..2]-(a:Application)<-[:SUBJECT]-(f:Fact {type: 'REQUIRES'})-[:OBJECT]->(p:Property)
WHERE coalesce(f.polarity, 'positive') IN ['positive', 'tentative']
WITH p, f ORDER BY f.confidence DESC, f.publishedAt DESC
WITH p, collect(f) AS facts
CALL (facts) {
  UNWIND facts AS f
  MATCH (f)-[e:EVIDENCE]->(c:Chunk)-[:PART_OF]->(d:Document)
  WITH DISTINCT d, c, e ORDER BY d.publishedAt DESC, c.id, e.start
  RETURN collect({chunkId: c.id, section: c.section, page: c.page, start: e.start, end: e.end,
                  chunkText: c.text, chunkStart: c.start, document: ${documentProjection}})[0..$passages] AS passages
}
CALL (p) {
  OPTIONAL MATCH (product:Product)-[:HAS_PROPERTY]->(p)
  WITH product ORDER BY product.name
  RETURN collect(CASE WHEN product IS NULL THEN null ELSE {id: product.id, name: product.name} END) AS products
}
WITH p, facts, passages, products,
     size(reduce(ids = [], f IN facts | CASE WHEN f.documentId IN ids THEN ids ELSE ids + f.documentId END)) AS documents
RETURN p.id AS id, p.name AS name, documents, passages, products,
       [f IN facts WHERE f.value IS NOT NULL | {value: f.value, unit: f.unit}] AS values
ORDER BY documents DESC, name
LIMIT $limit`;

/**
 * Properties named close to the application (within 200 characters in one chunk) where no document states
 * a requirement: what the documents discuss with it, grouped by property, newest passages first.
 */
export const APPLICATION_PROPERTIES_NAMED_WITH = `
MATCH (:Application {id: $id})<-[:BROADER*0..2]-(a:Application)<-[ma:MENTIONS]-(c:Chunk)-[mp:MENTIONS]->(p:Property)
WHERE abs(mp.start - ma.start) <= 200
MATCH (c)-[:PART_OF]->(d:Document)
WITH p, d, c, ma, mp ORDER BY d.publishedAt DESC, c.id, ma.start
WITH p, collect({chunkId: c.id, section: c.section, page: c.page,
                 start: CASE WHEN ma.start < mp.start THEN ma.start ELSE mp.start END,
                 end: CASE WHEN ma.end > mp.end THEN ma.end ELSE mp.end END,
                 chunkText: c.text, chunkStart: c.start, documentId: d.id, document: ${documentProjection}}) AS spans
WITH p, spans,
     size(reduce(ids = [], s IN spans | CASE WHEN s.documentId IN ids THEN ids ELSE ids + s.documentId END)) AS documents
CALL (p) {
  OPTIONAL MATCH (product:Product)-[:HAS_PROPERTY]->(p)
  WITH product ORDER BY product.name
  RETURN collect(CASE WHEN product IS NULL THEN null ELSE {id: product.id, name: product.name} END) AS products
}
RETURN p.id AS id, p.name AS name, documents, spans[0..$passages] AS passages, products
ORDER BY documents DESC, name
LIMIT $limit`;

/** Documents mentioning the entity per year and kind (year null: undated), with the newest first mention of each year. */
export const ENTITY_YEARLY_COUNTS = `${firstMentionPerDocument}
WHERE $kinds IS NULL OR d.kind IN $kinds
WITH CASE WHEN d.publishedAt IS NULL THEN null ELSE substring(toString(d.publishedAt), 0, 4) END AS year, d, mention
ORDER BY d.publishedAt DESC, d.id
WITH year,
     count(CASE WHEN d.kind = 'patent' THEN 1 END) AS patents,
     count(CASE WHEN d.kind = 'news' THEN 1 END) AS news,
     count(d) AS total,
     head(collect({mention: mention, document: ${documentProjection}})) AS example
RETURN year, patents, news, total, example
ORDER BY year`;

/**
 * Materials used (USED_IN fast path: positive or tentative facts) in the applications where the material
 * is used, or in the one application asked about; the material itself and materials broader or narrower
 * than it are not its competitors.
 */
export const COMPETING_MATERIALS = `
CALL () {
  MATCH (m:Material {id: $materialId})-[:USED_IN]->(a:Application)
  WHERE $applicationId IS NULL OR a.id = $applicationId
  RETURN a
  UNION
  MATCH (a:Application {id: $applicationId})
  WHERE $materialId IS NULL
  RETURN a
}
MATCH (other:Material)-[u:USED_IN]->(a)
WHERE other.id <> coalesce($materialId, '') AND NOT toLower(a.name) IN $generic
  AND NOT toLower(other.name) IN $generic
  AND ($materialId IS NULL OR NOT EXISTS {
    MATCH (other)-[:BROADER*1..3]-(:Material {id: $materialId})
  })
WITH other, a, u.docCount AS documents ORDER BY documents DESC, a.name
WITH other, collect({id: a.id, name: a.name, documents: documents}) AS applications, sum(documents) AS documents
RETURN other.id AS id, other.name AS name, applications, documents
ORDER BY size(applications) DESC, documents DESC, name
LIMIT $limit`;

/**
 * A material's supported USED_IN and HAS_PROPERTY links (positive facts only), by distinct documents,
 * each with the evidence span of its most confident fact.
 */
export const MATERIAL_PROFILE = `
MATCH (:Material {id: $id})<-[:SUBJECT]-(f:Fact)-[:OBJECT]->(other:Entity)
WHERE f.type IN ['USED_IN', 'HAS_PROPERTY'] AND coalesce(f.polarity, 'positive') = 'positive'
  AND NOT toLower(other.name) IN $generic
WITH f, other ORDER BY f.confidence DESC, f.publishedAt DESC
WITH f.type AS type, other, count(DISTINCT f.documentId) AS documents, head(collect(f)) AS best
ORDER BY documents DESC, other.name
WITH type, collect({other: other, documents: documents, best: best})[0..$limit] AS links
UNWIND links AS link
WITH type, link.other AS other, link.documents AS documents, link.best AS best
CALL (best) {
  MATCH (best)-[e:EVIDENCE]->(c:Chunk)-[:PART_OF]->(d:Document)
  WITH e, c, d ORDER BY e.start LIMIT 1
  RETURN {chunkId: c.id, section: c.section, page: c.page, start: e.start, end: e.end,
          chunkText: c.text, chunkStart: c.start, document: ${documentProjection}} AS evidence
}
RETURN type, other.id AS id, other.name AS name, documents, evidence
ORDER BY type, documents DESC, name`;
