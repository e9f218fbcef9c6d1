import neo4j, { type Driver } from 'neo4j-driver';
import type { MigrationReport } from './graph-store.ts';
import { backfillAssigneeLinks } from './neo4j-assignee-links.ts';
import { backfillPromotionMarks } from './neo4j-document-writes.ts';
import { writeTransaction } from './neo4j-session.ts';

/**
 * The one place that owns the graph schema: every constraint and index any store relies on, applied by
 * `migrateGraphSchema` at start-up. Stores only read and write data.
 *
 * Versions: 1 was the schema spread over the stores (with `Source`/`Schedule` constraints on labels no
 * store writes); 2 gathers it here, constrains `IngestSource`/`IngestSchedule` and records the version;
 * 3 indexes `Document.ingestRunId` (a source's documents are found through its runs when retracted, and
 * what was ingested since suggestions were computed).
 * 4 adds the vocabulary (`VocabularyVersion`, `VocabularyChange`, mined `TermCandidate`s) and the
 * indexes re-extraction reads by.
 * 5 adds `IdempotencyKey` (one per client request key, so a retried review is recorded once).
 * 6 links every patent to its normalised assignees, `(:Document)-[:ASSIGNED_TO]->(:Organization)`:
 * ingestion writes the links; the migration backfills patents stored before (a data step, idempotent:
 * it only reads patents that have assignee names and no link, and runs only on a graph recorded below 6).
 * 7 indexes `TermCandidate.stale`: ingestion marks the candidates it touches and counts their support
 * once per run instead of once per batch.
 * 8 indexes `TermCandidate.statedUse` (set by the recount on an application stated as a use of the
 * company's material), so promotion no longer reads every candidate; the migration marks candidates
 * counted before (a data step, idempotent, only on a graph recorded below 8). It also indexes
 * `Entity.term` and `Entity.retired`, so reading the vocabulary (at each version change) no longer reads
 * every entity, most of which are names found in texts, not terms.
 * 9 reads candidates for promotion by `TermCandidate.openSupport` (the support of a candidate not yet
 * promoted, known or retired) instead of `support`, and keeps `statedUse` on open candidates only, so
 * promotion no longer reads every candidate ever promoted; the migration sets both marks (a data step,
 * idempotent, only on a graph recorded below 9; it replaces version 8's) and drops the `support` index.
 * 10 indexes `Organization.term` and `Organization.retired`: the assignee resolver reads the
 * organisations among the terms, and through `Entity.term` it read every term to keep the few
 * organisations, a read that grew with every term a backfill promotes (indexes only, no data step).
 */
export const graphSchemaVersion = 10;

/** The oldest recorded schema version whose data this program reads as it is (backups restore from it on). */
export const oldestReadableGraphSchemaVersion = 2;

/** One schema statement, named as Neo4j names the constraint or index it creates. */
export interface SchemaStatement {
  name: string;
  cypher: string;
}

/** Labels whose `id` is unique (every node of the graph model has a stable id). */
const idLabels = [
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
  'IngestSource',
  'IngestSchedule',
  'Conversation',
  'Message',
  'AuditEvent',
  'ApiKey',
  'SchemaVersion',
  'VocabularyVersion',
  'VocabularyChange',
  'TermCandidate',
  'IdempotencyKey',
];

/** Uniqueness on other keys: [name, label, property]. */
const keyConstraints = [
  ['apikey_hash_unique', 'ApiKey', 'hash'],
  ['lease_key_unique', 'Lease', 'key'],
  ['runjob_run_id_unique', 'RunJob', 'runId'],
];

/** Range indexes: [name, label, property list after `n.`]. */
const rangeIndexes = [
  ['document_published_at', 'Document', 'publishedAt'],
  ['document_content_hash', 'Document', 'contentHash'],
  ['document_ingest_run_id', 'Document', 'ingestRunId'],
  ['chunk_document_id', 'Chunk', 'documentId'],
  ['fact_document_id', 'Fact', 'documentId'],
  ['fact_type_published_at', 'Fact', 'type, n.publishedAt'],
  ['ingest_run_started_at', 'IngestRun', 'startedAt'],
  ['suggestion_product_id', 'Suggestion', 'productId'],
  ['audit_event_target_id', 'AuditEvent', 'targetId'],
  ['document_vocabulary_version', 'Document', 'vocabularyVersion'],
  ['vocabulary_change_version', 'VocabularyChange', 'version'],
  ['term_candidate_open_support', 'TermCandidate', 'openSupport'],
  ['term_candidate_promoted_to', 'TermCandidate', 'promotedTo'],
  ['term_candidate_stale', 'TermCandidate', 'stale'],
  ['term_candidate_stated_use', 'TermCandidate', 'statedUse'],
  ['entity_term', 'Entity', 'term'],
  ['entity_retired', 'Entity', 'retired'],
  ['organization_term', 'Organization', 'term'],
  ['organization_retired', 'Organization', 'retired'],
];

/** Constraints of schema version 1 that guarded labels no store writes; dropped when found. */
export const retiredSchemaNames = ['source_id_unique', 'schedule_id_unique'];

/** Indexes no read goes through any more; dropped when found (`support`: schema version 9). */
export const retiredIndexNames = ['term_candidate_support'];

/** Every constraint and index, each idempotent (IF NOT EXISTS); the vector index only with a dimension. */
export function graphSchemaStatements(options: { embeddingDimension?: number } = {}): SchemaStatement[] {
  const unique = (name: string, label: string, property: string) => ({
    name,
    cypher: `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR (n:${label}) REQUIRE n.${property} IS UNIQUE`,
  });
  const constraints = [
    ...idLabels.map((label) => unique(`${label.toLowerCase()}_id_unique`, label, 'id')),
    ...keyConstraints.map(([name, label, property]) =>
      unique(name as string, label as string, property as string),
    ),
  ];
  const ranges = rangeIndexes.map(([name, label, property]) => ({
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
  const dimension = options.embeddingDimension;
  const vector = dimension
    ? [
        {
          name: 'chunk_embedding',
          cypher: `CREATE VECTOR INDEX chunk_embedding IF NOT EXISTS FOR (n:Chunk) ON (n.embedding) OPTIONS {indexConfig: {\`vector.dimensions\`: ${Math.trunc(dimension)}, \`vector.similarity_function\`: 'cosine'}}`,
        },
      ]
    : [];
  return [...constraints, ...ranges, ...fulltext, ...vector];
}

/**
 * A backup restore stages nodes under this label (without their own labels, so no constraint or index of
 * the live graph sees them) and links them through this index; both are gone once the restore finishes.
 */
export const restoreStaging = {
  label: '_MatscoutRestore',
  keyProperty: '_restoreKey',
  labelsProperty: '_restoreLabels',
  createIndex: 'CREATE INDEX matscout_restore_key IF NOT EXISTS FOR (n:_MatscoutRestore) ON (n._restoreKey)',
  dropIndex: 'DROP INDEX matscout_restore_key IF EXISTS',
} as const;

// SHOW commands cannot be combined with UNION, so constraints and indexes are listed one after the other.
const listSchemaNames = ['SHOW CONSTRAINTS YIELD name RETURN name', 'SHOW INDEXES YIELD name RETURN name'];

// Only ever moves forward, so an older program cannot lower the version a newer one recorded.
const recordSchemaVersion = `
MERGE (v:SchemaVersion {id: 'graph'})
ON CREATE SET v.version = $version, v.migratedAt = $at
WITH v
WHERE v.version < $version
SET v.version = $version, v.migratedAt = $at`;

const readSchemaVersion = "MATCH (v:SchemaVersion {id: 'graph'}) RETURN v.version AS version";

export interface MigrateGraphSchemaOptions {
  database?: string;
  /** Creates the vector index on Chunk.embedding when set. */
  embeddingDimension?: number;
  now?: () => Date;
}

/**
 * Brings the graph to `graphSchemaVersion`: creates the constraints and indexes that are missing, drops
 * retired ones, waits for indexes to come online and records the version. Safe to run any number of
 * times and at once from several processes; on a migrated graph it only reads the schema names.
 */
export async function migrateGraphSchema(
  driver: Driver,
  options: MigrateGraphSchemaOptions = {},
): Promise<MigrationReport> {
  const session = driver.session({ database: options.database });
  const created: string[] = [];
  const existing: string[] = [];
  try {
    const before = new Set<string>();
    for (const query of listSchemaNames) {
      for (const record of (await session.run(query)).records) before.add(String(record.get('name')));
    }
    for (const name of retiredSchemaNames) {
      if (before.has(name)) await session.run(`DROP CONSTRAINT ${name} IF EXISTS`);
    }
    for (const name of retiredIndexNames) {
      if (before.has(name)) await session.run(`DROP INDEX ${name} IF EXISTS`);
    }
    for (const statement of graphSchemaStatements(options)) {
      if (before.has(statement.name)) {
        existing.push(statement.name);
        continue;
      }
      await session.run(statement.cypher);
      created.push(statement.name);
    }
    // Another process may have created an index a moment ago that is still populating.
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
  // Each data step reads a whole label (patents, candidates); only a graph written before its version (or
  // restored from one) needs it, and a graph with no schema before this run holds no data of this program.
  const recorded = await readGraphSchemaVersion(driver, { database: options.database });
  const writtenBefore = (version: number) =>
    existing.length > 0 && (recorded === undefined || recorded < version);
  const assigneeLinks = writtenBefore(6)
    ? await backfillAssigneeLinks(driver, { database: options.database })
    : 0;
  if (writtenBefore(9)) await backfillPromotionMarks(driver, options.database);
  const at = (options.now?.() ?? new Date()).toISOString();
  await writeTransaction(driver, options.database, (tx) =>
    tx.run(recordSchemaVersion, { version: graphSchemaVersion, at }),
  );
  return { created, existing, version: graphSchemaVersion, assigneeLinks };
}

/** The schema version recorded in the graph; undefined when it was never migrated by this program. */
export async function readGraphSchemaVersion(
  driver: Driver,
  options: { database?: string } = {},
): Promise<number | undefined> {
  const { records } = await driver.executeQuery(
    readSchemaVersion,
    {},
    { database: options.database, routing: neo4j.routing.READ },
  );
  const version = records[0]?.get('version');
  return version === undefined || version === null ? undefined : neo4j.integer.toNumber(version);
}
