import neo4j from 'neo4j-driver';
import type { IngestRun } from './model.ts';
import { type AuditEvent, recordAuditEvent } from './neo4j-audit-log.ts';
import { saveIngestRun } from './neo4j-ingest-runs.ts';
import { Neo4jSessionStore, withoutUndefined } from './neo4j-session.ts';

/** What starts a run: enough for any worker (in the API process or elsewhere) to execute it again. */
export interface RunJob {
  runId: string;
  /** `re-extract`: stored documents extracted again after vocabulary changes (absent: `ingest`). */
  kind?: 'ingest' | 're-extract';
  /** Re-extraction of every stored document (`reextract --all`). */
  all?: boolean;
  /** Runs with the same key never execute at once (a declared source id, or the ad-hoc inputs). */
  lockKey: string;
  sourceId?: string;
  scheduleId?: string;
  /** Explicit inputs (ad-hoc runs and retries); a declared source computes its own from its cursor. */
  inputs: string[];
  /** The run's `source` label. */
  sourceLabel: string;
  requestedBy: string;
  /** `vocabulary`: a re-extraction started by a vocabulary change (catalog, term edits, promotion). */
  trigger: 'api' | 'schedule' | 'retry' | 'cli' | 'vocabulary';
  retryOf?: string;
  createdAt: string;
  cancelRequested?: boolean;
  /** How many times an executor started it and did not hand it back (more than 1 after a crashed worker). */
  attempts?: number;
  /** How many times an executor finished it: 1 once done. */
  completions?: number;
}

/** Run jobs: the durable half of the run queue, shared by in-process and Redis queues. */
export interface RunJobStore {
  /**
   * Records a new run: its IngestRun record, its job and (when given) its audit event in ONE transaction,
   * so a crash leaves all three or none. Enqueuing comes after; unfinished runs are reconciled with the queue.
   */
  createRun(run: IngestRun, job: RunJob, audit?: AuditEvent): Promise<void>;
  saveJob(job: RunJob): Promise<void>;
  getJob(runId: string): Promise<RunJob | undefined>;
  /** Newest first; filtered by schedule or source when given. */
  listJobs(options?: { scheduleId?: string; sourceId?: string; limit?: number }): Promise<RunJob[]>;
  /**
   * Jobs no executor has finished, oldest first (reconciled with the queue at start). Cancel requests are
   * included: an executor still has to confirm them.
   */
  listUnfinished(options?: { limit?: number }): Promise<RunJob[]>;
  /** False when there is no such job. */
  requestCancel(runId: string): Promise<boolean>;
  markStarted(runId: string): Promise<void>;
  /** Takes back one start: its executor stopped it on purpose (shutdown), so it is no crash. */
  markHandedBack(runId: string): Promise<void>;
  markCompleted(runId: string): Promise<void>;
}

export const SAVE_RUN_JOB = `
MERGE (j:RunJob {runId: $row.runId})
SET j += $row`;

export const GET_RUN_JOB = 'MATCH (j:RunJob {runId: $runId}) RETURN properties(j) AS job';

export const LIST_RUN_JOBS = `
MATCH (j:RunJob)
WHERE ($scheduleId IS NULL OR j.scheduleId = $scheduleId) AND ($sourceId IS NULL OR j.sourceId = $sourceId)
RETURN properties(j) AS job ORDER BY j.createdAt DESC, j.runId DESC LIMIT $limit`;

export const LIST_UNFINISHED_RUN_JOBS = `
MATCH (j:RunJob)
WHERE coalesce(j.completions, 0) = 0
RETURN properties(j) AS job ORDER BY j.createdAt, j.runId LIMIT $limit`;

export const CANCEL_RUN_JOB = `
MATCH (j:RunJob {runId: $runId}) SET j.cancelRequested = true RETURN j.runId AS runId`;

export const START_RUN_JOB = `
MATCH (j:RunJob {runId: $runId}) SET j.attempts = coalesce(j.attempts, 0) + 1`;

export const HAND_BACK_RUN_JOB = `
MATCH (j:RunJob {runId: $runId}) WHERE j.attempts > 0 SET j.attempts = j.attempts - 1`;

export const COMPLETE_RUN_JOB = `
MATCH (j:RunJob {runId: $runId}) SET j.completions = coalesce(j.completions, 0) + 1`;

function toJob(properties: Record<string, unknown>): RunJob {
  const { inputsJson, ...rest } = properties;
  return { ...(rest as unknown as RunJob), inputs: JSON.parse(String(inputsJson ?? '[]')) as string[] };
}

function toRow(job: RunJob): Record<string, unknown> {
  const { inputs, ...rest } = job;
  return withoutUndefined({ ...rest, inputsJson: JSON.stringify(inputs) });
}

/** RunJobStore on Neo4j: one `RunJob` node per run, beside its `IngestRun`. */
export class Neo4jRunJobStore extends Neo4jSessionStore implements RunJobStore {
  async createRun(run: IngestRun, job: RunJob, audit?: AuditEvent): Promise<void> {
    await this.write(async (tx) => {
      await saveIngestRun(tx, run);
      await tx.run(SAVE_RUN_JOB, { row: toRow(job) });
      if (audit) await recordAuditEvent(tx, audit);
    });
  }

  async saveJob(job: RunJob): Promise<void> {
    await this.write((tx) => tx.run(SAVE_RUN_JOB, { row: toRow(job) }));
  }

  async getJob(runId: string): Promise<RunJob | undefined> {
    const result = await this.read((tx) => tx.run(GET_RUN_JOB, { runId }));
    const record = result.records[0];
    return record ? toJob(record.get('job')) : undefined;
  }

  async listJobs(
    options: { scheduleId?: string; sourceId?: string; limit?: number } = {},
  ): Promise<RunJob[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 50, 1000)));
    const result = await this.read((tx) =>
      tx.run(LIST_RUN_JOBS, {
        scheduleId: options.scheduleId ?? null,
        sourceId: options.sourceId ?? null,
        limit,
      }),
    );
    return result.records.map((record) => toJob(record.get('job')));
  }

  async listUnfinished(options: { limit?: number } = {}): Promise<RunJob[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 500, 5000)));
    const result = await this.read((tx) => tx.run(LIST_UNFINISHED_RUN_JOBS, { limit }));
    return result.records.map((record) => toJob(record.get('job')));
  }

  async requestCancel(runId: string): Promise<boolean> {
    const result = await this.write((tx) => tx.run(CANCEL_RUN_JOB, { runId }));
    return result.records.length > 0;
  }

  async markStarted(runId: string): Promise<void> {
    await this.write((tx) => tx.run(START_RUN_JOB, { runId }));
  }

  async markHandedBack(runId: string): Promise<void> {
    await this.write((tx) => tx.run(HAND_BACK_RUN_JOB, { runId }));
  }

  async markCompleted(runId: string): Promise<void> {
    await this.write((tx) => tx.run(COMPLETE_RUN_JOB, { runId }));
  }
}
