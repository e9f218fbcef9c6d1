import type { Driver } from 'neo4j-driver';
import type {
  BroaderLink,
  CoMentionRow,
  EntityMentionRow,
  EntityType,
  EvidenceReader,
  EvidenceRows,
  PropertyFactRow,
  ReadEvidenceOptions,
} from './evidence-reader.ts';
import type { DocumentKind } from './model.ts';
import { readTransaction } from './neo4j-session.ts';
import { toNumber } from './neo4j-values.ts';

/** publishedAt may be stored as a string or a temporal value; its first 10 characters are the day. */
const DOCUMENT_DATE_FILTER = '($asOf IS NULL OR substring(toString(d.publishedAt), 0, 10) <= $asOf)';

/** Sentence-level co-mentions: USED_IN facts that support the use (never negative or replaced ones), with each evidence span. */
export const READ_CO_MENTIONS = `
MATCH (f:Fact {type: 'USED_IN'})-[:SUBJECT]->(m:Material)
WHERE coalesce(f.polarity, 'positive') IN ['positive', 'tentative']
MATCH (f)-[:OBJECT]->(a:Application)
MATCH (d:Document {id: f.documentId})
WHERE ${DOCUMENT_DATE_FILTER}
MATCH (f)-[e:EVIDENCE]->(c:Chunk)
RETURN m.id AS materialId, a.id AS applicationId, d.id AS documentId, d.kind AS kind,
       toString(d.publishedAt) AS publishedAt, coalesce(d.assignees, []) AS assignees,
       coalesce(f.confidence, 0.5) AS confidence, c.id AS chunkId, e.start AS start, e.end AS end`;

/** Which documents name which materials, applications and properties (one row per pair). */
export const READ_ENTITY_MENTIONS = `
MATCH (c:Chunk)-[:MENTIONS]->(x)
WHERE x:Material OR x:Application OR x:Property
MATCH (c)-[:PART_OF]->(d:Document)
WHERE ${DOCUMENT_DATE_FILTER}
WITH DISTINCT x, d
RETURN x.id AS entityId,
       CASE WHEN x:Material THEN 'material' WHEN x:Application THEN 'application' ELSE 'property' END AS entityType,
       d.id AS documentId, d.kind AS kind, toString(d.publishedAt) AS publishedAt`;

/** HAS_PROPERTY (material → property) and REQUIRES (application → property) facts with one evidence span. */
export const READ_PROPERTY_FACTS = `
MATCH (f:Fact)-[:SUBJECT]->(s)
WHERE f.type IN ['HAS_PROPERTY', 'REQUIRES']
MATCH (f)-[:OBJECT]->(p:Property)
MATCH (d:Document {id: f.documentId})
WHERE ${DOCUMENT_DATE_FILTER}
OPTIONAL MATCH (f)-[e:EVIDENCE]->(c:Chunk)
WITH f, s, p, d, e, c ORDER BY c.id, e.start
WITH f, s, p, d, head(collect(CASE WHEN c IS NULL THEN NULL ELSE {chunkId: c.id, start: e.start, end: e.end} END)) AS evidence
RETURN f.type AS type, s.id AS subjectId, p.id AS propertyId, d.id AS documentId,
       toString(d.publishedAt) AS publishedAt, evidence.chunkId AS chunkId, evidence.start AS start, evidence.end AS end`;

export const READ_MATERIAL_CLASSES = `
MATCH (m:Material) WHERE m.class IS NOT NULL
RETURN m.id AS id, m.class AS class`;

/** Names of the materials that evidence links to something (the rationale names analogues by them). */
export const READ_MATERIAL_NAMES = `
MATCH (m:Material) WHERE m.name IS NOT NULL AND EXISTS { (:Fact)-[:SUBJECT]->(m) }
RETURN m.id AS id, m.name AS name`;

/** The taxonomy between terms of one label (applications, materials). */
export const READ_BROADER_LINKS = `
MATCH (n)-[:BROADER]->(b)
WHERE (n:Application AND b:Application) OR (n:Material AND b:Material)
RETURN DISTINCT n.id AS narrowerId, b.id AS broaderId`;

/**
 * What the evidence stamp is made of: node counts come from Neo4j's count store, the runs' newest finish
 * from a scan of the run records (thousands at most), the vocabulary's stamp (`vocabularyStamp`) from its
 * one node.
 */
export const READ_EVIDENCE_STAMP = `
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (f:Fact) RETURN count(f) AS facts }
CALL () {
  MATCH (r:IngestRun) WHERE r.finishedAt IS NOT NULL
  RETURN count(r) AS runs, max(toString(r.finishedAt)) AS lastFinished
}
CALL () {
  OPTIONAL MATCH (v:VocabularyVersion {id: 'vocabulary'})
  RETURN toString(coalesce(v.version, 0)) + '|' + toString(coalesce(v.updatedAt, '')) AS vocabulary
}
RETURN documents, facts, runs, lastFinished, vocabulary`;

function toKind(value: unknown): DocumentKind {
  return value === 'news' || value === 'report' ? value : 'patent';
}

/** EvidenceReader on Neo4j: the four reads run in one READ transaction, so they see one state. */
export class Neo4jEvidenceReader implements EvidenceReader {
  private readonly driver: Driver;
  private readonly database: string | undefined;

  constructor(driver: Driver, options: { database?: string } = {}) {
    this.driver = driver;
    this.database = options.database;
  }

  async readEvidenceStamp(): Promise<string> {
    const record = await readTransaction(
      this.driver,
      this.database,
      async (tx) => (await tx.run(READ_EVIDENCE_STAMP)).records[0],
    );
    return ['documents', 'facts', 'runs', 'lastFinished', 'vocabulary']
      .map((key) => String(record?.get(key) ?? ''))
      .join('|');
  }

  async readEvidence(options: ReadEvidenceOptions = {}): Promise<EvidenceRows> {
    const parameters = { asOf: options.asOf ?? null };
    return readTransaction(this.driver, this.database, async (tx) => {
      const coMentions = (await tx.run(READ_CO_MENTIONS, parameters)).records.map(
        (record): CoMentionRow => ({
          materialId: record.get('materialId'),
          applicationId: record.get('applicationId'),
          documentId: record.get('documentId'),
          kind: toKind(record.get('kind')),
          publishedAt: record.get('publishedAt'),
          assignees: (record.get('assignees') as unknown[]).map(String),
          confidence: toNumber(record.get('confidence')),
          chunkId: record.get('chunkId'),
          start: toNumber(record.get('start')),
          end: toNumber(record.get('end')),
        }),
      );
      const mentions = (await tx.run(READ_ENTITY_MENTIONS, parameters)).records.map(
        (record): EntityMentionRow => ({
          entityId: record.get('entityId'),
          entityType: record.get('entityType') as EntityType,
          documentId: record.get('documentId'),
          kind: toKind(record.get('kind')),
          publishedAt: record.get('publishedAt'),
        }),
      );
      const propertyFacts = (await tx.run(READ_PROPERTY_FACTS, parameters)).records.map(
        (record): PropertyFactRow => {
          const chunkId = record.get('chunkId');
          return {
            type: record.get('type') === 'REQUIRES' ? 'REQUIRES' : 'HAS_PROPERTY',
            subjectId: record.get('subjectId'),
            propertyId: record.get('propertyId'),
            documentId: record.get('documentId'),
            publishedAt: record.get('publishedAt'),
            ...(chunkId === null
              ? {}
              : { chunkId, start: toNumber(record.get('start')), end: toNumber(record.get('end')) }),
          };
        },
      );
      const materialClasses = Object.fromEntries(
        (await tx.run(READ_MATERIAL_CLASSES)).records.map((record) => [
          record.get('id'),
          String(record.get('class')),
        ]),
      );
      const materialNames = Object.fromEntries(
        (await tx.run(READ_MATERIAL_NAMES)).records.map((record) => [
          String(record.get('id')),
          String(record.get('name')),
        ]),
      );
      const broader = (await tx.run(READ_BROADER_LINKS)).records.map(
        (record): BroaderLink => ({
          narrowerId: String(record.get('narrowerId')),
          broaderId: String(record.get('broaderId')),
        }),
      );
      return { coMentions, mentions, propertyFacts, materialClasses, materialNames, broader };
    });
  }
}
