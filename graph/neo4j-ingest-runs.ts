import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { IngestRun } from './model.ts';
import { withoutUndefined } from './neo4j-session.ts';

/** Persistence of IngestRun records: counts as `count_<key>` properties and JSON, errors as bounded JSON. */

const saveIngestRunQuery = `
MERGE (r:IngestRun {id: $row.id})
SET r = $row`;

// `hasJob`: the run has a job, so an executor (now, or after the queue is reconciled) answers for it.
const getIngestRun = `
MATCH (r:IngestRun {id: $id})
RETURN properties(r) AS run, EXISTS { MATCH (:RunJob {runId: r.id}) } AS hasJob`;

const listIngestRunsQuery = `
MATCH (r:IngestRun)
WITH r ORDER BY r.startedAt DESC LIMIT $limit
RETURN properties(r) AS run, EXISTS { MATCH (:RunJob {runId: r.id}) } AS hasJob`;

/** A running run with no job that has not saved its record for this long stopped without an outcome. */
export const staleRunAfterMs = 5 * 60_000;

/**
 * What a run that stopped without saving its outcome reads as. A run started from the command line has
 * no job and no lease: killed, or cut off from the graph for good, it would read as running for ever.
 * Its heartbeat (saved every 30 s) tells: older than `staleRunAfterMs`, it is reported failed, with why.
 * Runs with a job are left to the queue, which hands an unfinished one to an executor again.
 */
function withStaleOutcome(run: IngestRun, hasJob: boolean, now: number): IngestRun {
  if (run.status !== 'running' || hasJob) return run;
  const lastSign = run.heartbeatAt ?? run.startedAt;
  if (now - Date.parse(lastSign) <= staleRunAfterMs) return run;
  return {
    ...run,
    status: 'failed',
    aborted: true,
    errors: [
      ...run.errors,
      {
        item: run.source,
        reason: `interrupted: no sign of the run since ${lastSign} (its process stopped, or lost the graph, before it could save an outcome); what it wrote stays, and running the same inputs again resumes`,
        retryable: true,
      },
    ],
  };
}

function toIngestRun(properties: Record<string, unknown>, hasJob: boolean): IngestRun {
  const { countsJson, errorsJson, ...rest } = properties as Record<string, unknown> & {
    countsJson?: string;
    errorsJson?: string;
  };
  const run = {
    ...(rest as Omit<IngestRun, 'counts' | 'errors'>),
    counts: countsJson ? JSON.parse(countsJson) : {},
    errors: errorsJson ? JSON.parse(errorsJson) : [],
  } as IngestRun;
  return withStaleOutcome(run, hasJob, Date.now());
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
  return record ? toIngestRun(record.get('run'), record.get('hasJob') === true) : undefined;
}

/** Newest first. */
export async function listIngestRuns(
  tx: ManagedTransaction,
  options: { limit?: number } = {},
): Promise<IngestRun[]> {
  const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 50, 500)));
  return (await tx.run(listIngestRunsQuery, { limit })).records.map((r) =>
    toIngestRun(r.get('run'), r.get('hasJob') === true),
  );
}
