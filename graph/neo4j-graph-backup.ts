import neo4j, { type Driver } from 'neo4j-driver';
import {
  type BackupCounts,
  type BackupHeader,
  type BackupRecord,
  checkBackupCompatibility,
  readBackupHeader,
  readBackupRecords,
  verifyBackupFile,
  writeBackupFile,
} from './backup-file.ts';
import { decodeProperties, encodeProperties } from './backup-value-codec.ts';
import { GraphError } from './errors.ts';
import { createNeo4jDriver, type Neo4jConnection } from './neo4j-driver.ts';
import {
  graphSchemaVersion,
  migrateGraphSchema,
  oldestReadableGraphSchemaVersion,
  restoreStaging,
} from './neo4j-schema.ts';

/**
 * Online backup and restore of a whole graph over Bolt (no store files, no downtime for the backup):
 * every node and relationship with labels, type and properties, as a checked file (see backup-file.ts).
 */

const { label: staged, keyProperty, labelsProperty } = restoreStaging;

/** Every node of the graph, and below every relationship, leaving out a restore's staged nodes. */
export const exportNodes = `
MATCH (n) WHERE NOT n:${staged}
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties`;

export const exportRelationships = `
MATCH (a)-[r]->(b) WHERE NOT a:${staged} AND NOT b:${staged}
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS properties`;

const readSchemaVersion = "OPTIONAL MATCH (v:SchemaVersion {id: 'graph'}) RETURN v.version AS version";

/** Where a vocabulary version may be recorded (whichever exists; none is fine). */
const readVocabularyVersion = `
CALL () {
  MATCH (v:SchemaVersion {id: 'vocabulary'}) RETURN v.version AS version
  UNION
  MATCH (v:VocabularyVersion) RETURN v.version AS version
  UNION
  MATCH (v:Vocabulary) WHERE v.version IS NOT NULL RETURN v.version AS version
}
RETURN version ORDER BY version DESC LIMIT 1`;

const removeStagedNodes = `
MATCH (n:${staged})
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`;

const stageNodes = `
UNWIND $rows AS row
CREATE (n:${staged})
SET n = row.properties, n.${keyProperty} = row.key, n.${labelsProperty} = row.labels`;

const stageRelationships = `
UNWIND $rows AS row
MATCH (a:${staged} {${keyProperty}: row.start})
MATCH (b:${staged} {${keyProperty}: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.properties`;

const removeLiveNodes = `
MATCH (n) WHERE NOT n:${staged}
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`;

const promoteStagedNodes = `
MATCH (n:${staged})
CALL (n) {
  SET n:$(n.${labelsProperty})
  REMOVE n:${staged}, n.${keyProperty}, n.${labelsProperty}
} IN TRANSACTIONS OF 2000 ROWS`;

const countLabels = 'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count';
const countTypes = 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count';
const countAll =
  'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships';

export interface GraphBackupOptions {
  database?: string;
  now?: () => Date;
}

/** Records per write transaction when restoring (also capped by their JSON size). */
const batchRecords = 1000;
const batchCharacters = 4 * 1024 * 1024;

function toPlain(value: unknown): string | number | undefined {
  if (value === null || value === undefined) return undefined;
  if (neo4j.isInt(value)) return value.toNumber();
  return typeof value === 'number' || typeof value === 'string' ? value : String(value);
}

/**
 * Writes every node and relationship of the graph to `file` (see backup-file.ts for the format), read in
 * one transaction. Run it while nothing writes: a relationship whose node appeared after the node pass
 * fails the backup rather than losing data.
 */
export async function createGraphBackup(
  connection: Neo4jConnection,
  file: string,
  options: GraphBackupOptions = {},
): Promise<BackupHeader> {
  const database = options.database ?? connection.database;
  const driver = createNeo4jDriver(connection, { losslessIntegers: true });
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ, fetchSize: 200 });
  try {
    const tx = await session.beginTransaction();
    try {
      const version = toPlain((await tx.run(readSchemaVersion)).records[0]?.get('version'));
      if (typeof version !== 'number') {
        throw new GraphError(
          'BACKUP_FAILED',
          'the graph records no schema version, so no backup was written',
          {
            hint: 'open it with matscout once (e.g. `matscout products list`) so the schema is migrated, then back up',
          },
        );
      }
      const vocabularyVersion = toPlain((await tx.run(readVocabularyVersion)).records[0]?.get('version'));
      const neo4jVersion = (await driver.getServerInfo({ database })).agent;
      const index = new Map<string, number>();
      const records = async function* (): AsyncGenerator<BackupRecord> {
        for await (const record of tx.run(exportNodes)) {
          const key = index.size;
          index.set(String(record.get('id')), key);
          yield {
            n: key,
            l: record.get('labels') as string[],
            p: encodeProperties(record.get('properties')),
          };
        }
        for await (const record of tx.run(exportRelationships)) {
          const start = index.get(String(record.get('start')));
          const end = index.get(String(record.get('end')));
          if (start === undefined || end === undefined) {
            throw new GraphError('BACKUP_FAILED', 'the graph changed while it was being backed up', {
              hint: 'stop ingestion runs and the API on this graph, then back up again',
            });
          }
          yield {
            r: [start, end],
            t: String(record.get('type')),
            p: encodeProperties(record.get('properties')),
          };
        }
      };
      return await writeBackupFile(
        file,
        {
          graphSchemaVersion: version,
          ...(vocabularyVersion === undefined ? {} : { vocabularyVersion }),
          ...(neo4jVersion ? { neo4jVersion } : {}),
          createdAt: (options.now?.() ?? new Date()).toISOString(),
        },
        records(),
      );
    } finally {
      await tx.close();
    }
  } finally {
    await session.close();
    await driver.close();
  }
}

export interface RestoreOptions extends GraphBackupOptions {
  /** Creates the vector index on Chunk.embedding when set (as the configured graph does). */
  embeddingDimension?: number;
}

export interface RestoreResult {
  header: BackupHeader;
  /** Nodes and relationships in the graph after the restore (equal to the header's counts). */
  counts: { nodes: number; relationships: number };
}

async function run(driver: Driver, database: string | undefined, query: string, parameters = {}) {
  const session = driver.session({ database });
  try {
    return await session.run(query, parameters);
  } finally {
    await session.close();
  }
}

async function stage(driver: Driver, database: string | undefined, file: string, payloadOffset: number) {
  let rows: Record<string, unknown>[] = [];
  let characters = 0;
  let query = stageNodes;
  const flush = async () => {
    if (rows.length === 0) return;
    const batch = rows;
    rows = [];
    characters = 0;
    const session = driver.session({ database });
    try {
      await session.executeWrite((tx) => tx.run(query, { rows: batch }));
    } finally {
      await session.close();
    }
  };
  for await (const record of readBackupRecords(file, payloadOffset)) {
    if ('r' in record && query === stageNodes) {
      await flush();
      query = stageRelationships;
    }
    const properties = decodeProperties(record.p);
    rows.push(
      'n' in record
        ? { key: record.n, labels: record.l, properties }
        : { start: record.r[0], end: record.r[1], type: record.t, properties },
    );
    characters += JSON.stringify(record.p).length;
    if (rows.length >= batchRecords || characters >= batchCharacters) await flush();
  }
  await flush();
}

/**
 * Replaces the graph with a backup. Nothing is touched until the whole file checks out (header, format
 * and schema versions, size, SHA-256, every record). The backup is then loaded beside the live graph as
 * staged nodes without labels, so a failure while loading leaves the live graph as it was; only then are
 * the live nodes deleted and the staged ones given their labels, and the schema migrated.
 */
export async function restoreGraphBackup(
  connection: Neo4jConnection,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const database = options.database ?? connection.database;
  checkBackupCompatibility((await readBackupHeader(file)).header, {
    graphSchemaVersion,
    oldestGraphSchemaVersion: oldestReadableGraphSchemaVersion,
  });
  const { header, payloadOffset } = await verifyBackupFile(file);
  const driver = createNeo4jDriver(connection);
  try {
    await run(driver, database, removeStagedNodes);
    await run(driver, database, restoreStaging.createIndex);
    await run(driver, database, 'CALL db.awaitIndexes(300)');
    try {
      await stage(driver, database, file, payloadOffset);
    } catch (error) {
      await run(driver, database, removeStagedNodes).catch(() => undefined);
      await run(driver, database, restoreStaging.dropIndex).catch(() => undefined);
      throw new GraphError(
        'RESTORE_FAILED',
        `the restore failed while loading the backup, and the current graph is unchanged: ${(error as Error).message.split('\n')[0]}`,
        { hint: 'check that Neo4j has room (disk, heap) and run the restore again', cause: error },
      );
    }
    await run(driver, database, removeLiveNodes);
    await run(driver, database, promoteStagedNodes);
    await run(driver, database, restoreStaging.dropIndex);
    await migrateGraphSchema(driver, { database, embeddingDimension: options.embeddingDimension });
    const totals = (await run(driver, database, countAll)).records[0];
    const counts = {
      nodes: Number(totals?.get('nodes') ?? 0),
      relationships: Number(totals?.get('relationships') ?? 0),
    };
    if (counts.nodes !== header.counts.nodes || counts.relationships !== header.counts.relationships) {
      throw new GraphError(
        'RESTORE_FAILED',
        `the restored graph holds ${counts.nodes} nodes and ${counts.relationships} relationships, the backup ${header.counts.nodes} and ${header.counts.relationships}`,
        { hint: 'something wrote to the graph during the restore: stop it and restore again' },
      );
    }
    return { header, counts };
  } finally {
    await driver.close();
  }
}

/** Nodes per label and relationships per type, as a backup header counts them. */
export async function countGraph(driver: Driver, database?: string): Promise<BackupCounts> {
  const labels = Object.fromEntries(
    (await run(driver, database, countLabels)).records.map((r) => [
      String(r.get('label')),
      Number(r.get('count')),
    ]),
  );
  const types = Object.fromEntries(
    (await run(driver, database, countTypes)).records.map((r) => [
      String(r.get('type')),
      Number(r.get('count')),
    ]),
  );
  const totals = (await run(driver, database, countAll)).records[0];
  return {
    nodes: Number(totals?.get('nodes') ?? 0),
    relationships: Number(totals?.get('relationships') ?? 0),
    labels,
    types,
  };
}
