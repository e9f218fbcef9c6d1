import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { IngestRun } from './model.ts';
import { withoutUndefined } from './neo4j-session.ts';

/** Persistence of IngestRun records: counts as `count_<key>` properties and JSON, errors as bounded JSON. */

const saveIngestRunQuery = `
MERGE (r:IngestRun {id: $row.id})
SET r = $row`;

const getIngestRun = 'MATCH (r:IngestRun {id: $id}) RETURN properties(r) AS run';

const listIngestRunsQuery = `
MATCH (r:IngestRun) RETURN properties(r) AS run ORDER BY r.startedAt DESC LIMIT $limit`;

function toIngestRun(properties: Record<string, unknown>): IngestRun {
  const { countsJson, errorsJson, ...rest } = properties as Record<string, unknown> & {
    countsJson?: string;
    errorsJson?: string;
  };
  return {
    ...(rest as Omit<IngestRun, 'counts' | 'errors'>),
    counts: countsJson ? JSON.parse(countsJson) : {},
    errors: errorsJson ? JSON.parse(errorsJson) : [],
  } as IngestRun;
}

export async function saveIngestRun(tx: ManagedTransaction, run: IngestRun): Promise<void> {
  const { counts, errors, ...rest } = run;
  const row = withoutUndefined({
    ...rest,
    ...Object.fromEntries(Object.entries(counts).map(([key, value]) => [`count_${key}`, value])),
    countsJson: JSON.stringify(counts),
    // Bounded so one catastrophic run cannot bloat the node; the count is exact.
    errorsJson: JSON.stringify(errors.slice(0, 1000)),
    errorCount: errors.length,
  });
  await tx.run(saveIngestRunQuery, { row });
}

export async function readIngestRun(tx: ManagedTransaction, id: string): Promise<IngestRun | undefined> {
  const record = (await tx.run(getIngestRun, { id })).records[0];
  return record ? toIngestRun(record.get('run')) : undefined;
}

/** Newest first. */
export async function listIngestRuns(
  tx: ManagedTransaction,
  options: { limit?: number } = {},
): Promise<IngestRun[]> {
  const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 50, 500)));
  return (await tx.run(listIngestRunsQuery, { limit })).records.map((r) => toIngestRun(r.get('run')));
}
