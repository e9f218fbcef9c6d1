import { randomUUID } from 'node:crypto';
import type { GraphStore, RunJob, RunJobStore } from '../../graph/index.ts';
import { emptyRun } from './run-executor.ts';
import type { RunQueue } from './run-queue.ts';

/** An audit record the service asks the caller to keep (the API writes AuditEvents). */
export interface RunAuditEvent {
  type: 'ingest-run';
  actor: string;
  at: string;
  targetId: string;
  details: Record<string, unknown>;
}

export interface StartRunRequest {
  /** `re-extract` runs apply pending vocabulary changes to stored documents (no inputs). */
  kind?: RunJob['kind'];
  /** With `re-extract`: every stored document. */
  all?: boolean;
  /** Explicit inputs; empty (or absent) with a sourceId reads what is new in the source. */
  inputs?: string[];
  sourceId?: string;
  sourceLabel: string;
  /** Defaults to the source id, or the label for ad-hoc runs. */
  lockKey?: string;
  requestedBy: string;
  trigger: RunJob['trigger'];
  scheduleId?: string;
  retryOf?: string;
  runId?: string;
  /** Why a scheduled run started (`cron` or `catch-up`), for the audit trail. */
  reason?: string;
}

export type CancelOutcome = 'cancelled' | 'cancelling' | 'finished' | 'not-found';

/**
 * The run is recorded (queued) but the queue did not take it (full, or Redis unreachable). It is not
 * lost: the reconciler queues unfinished runs again, at start and periodically.
 */
export class EnqueueFailedError extends Error {
  readonly runId: string;
  readonly retryable = true;
  constructor(runId: string, cause: unknown) {
    super(
      `run ${runId} is recorded but could not be queued yet (${(cause as Error).message}); it will be queued again automatically`,
      { cause },
    );
    this.name = 'EnqueueFailedError';
    this.runId = runId;
  }
}

/** Nothing in the run can be retried (no failed retryable items). */
export class NothingToRetryError extends Error {
  constructor(runId: string) {
    super(`run ${runId} has no failed retryable items`);
    this.name = 'NothingToRetryError';
  }
}

export interface RunService {
  start(request: StartRunRequest): Promise<string>;
  cancel(runId: string, actor: string): Promise<CancelOutcome>;
  /** A new run over the failed retryable items of a finished run. */
  retry(runId: string, actor: string): Promise<string>;
}

const finished = new Set(['succeeded', 'failed', 'partial', 'cancelled']);

/** Starting, cancelling and retrying runs: the run record and job first, then the queue. */
export function createRunService(options: {
  store: GraphStore;
  jobs: RunJobStore;
  queue: RunQueue;
  /** Audits cancellations; when set, starts are audited too (in the run's own transaction). */
  audit?: (event: RunAuditEvent) => Promise<void>;
  now?: () => Date;
  generateId?: () => string;
  generateAuditId?: () => string;
}): RunService {
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? (() => `run-${randomUUID()}`);
  const generateAuditId = options.generateAuditId ?? (() => `audit-${randomUUID()}`);
  const { store, jobs, queue } = options;

  const start = async (request: StartRunRequest): Promise<string> => {
    const runId = request.runId ?? generateId();
    const at = now().toISOString();
    const job: RunJob = {
      runId,
      ...(request.kind ? { kind: request.kind } : {}),
      ...(request.all ? { all: true } : {}),
      lockKey: request.lockKey ?? request.sourceId ?? `inputs:${request.sourceLabel}`,
      sourceId: request.sourceId,
      scheduleId: request.scheduleId,
      inputs: request.inputs ?? [],
      sourceLabel: request.sourceLabel,
      requestedBy: request.requestedBy,
      trigger: request.trigger,
      retryOf: request.retryOf,
      createdAt: at,
    };
    const audit = options.audit
      ? {
          id: generateAuditId(),
          type: 'ingest-run' as const,
          actor: request.requestedBy,
          at,
          targetId: runId,
          details: {
            action: 'start',
            kind: request.kind ?? 'ingest',
            trigger: request.trigger,
            source: request.sourceLabel,
            sourceId: request.sourceId,
            scheduleId: request.scheduleId,
            retryOf: request.retryOf,
            reason: request.reason,
            inputs: job.inputs.slice(0, 50),
          },
        }
      : undefined;
    // Run record, job and audit event commit together; a failure to enqueue after that leaves a queued
    // run that the reconciler hands to the queue again (EnqueueFailedError tells the caller so).
    await jobs.createRun(emptyRun(job, at), job, audit);
    try {
      await queue.enqueue(job);
    } catch (error) {
      throw new EnqueueFailedError(runId, error);
    }
    return runId;
  };

  return {
    start,
    async cancel(runId, actor) {
      const run = await store.getIngestRun(runId);
      if (!run) return 'not-found';
      if (finished.has(run.status)) return 'finished';
      if (!(await jobs.requestCancel(runId))) return 'not-found';
      const at = now().toISOString();
      await options.audit?.({
        type: 'ingest-run',
        actor,
        at,
        targetId: runId,
        details: { action: 'cancel' },
      });
      if (run.status === 'queued') {
        // Not started: cancelled now; the executor that picks it up only confirms it.
        await store.saveIngestRun({ ...run, status: 'cancelled', finishedAt: at });
        queue.abortLocal(runId);
        return 'cancelled';
      }
      queue.abortLocal(runId);
      return 'cancelling';
    },
    async retry(runId, actor) {
      const run = await store.getIngestRun(runId);
      const job = await jobs.getJob(runId);
      if (!run) throw new NothingToRetryError(runId);
      if (job?.kind === 're-extract') {
        // Failed documents keep their older vocabulary version: a new re-extraction finds them again.
        if (!run.errors.some((error) => error.retryable)) throw new NothingToRetryError(runId);
        return start({
          kind: 're-extract',
          sourceLabel: run.source,
          lockKey: job.lockKey,
          requestedBy: actor,
          trigger: 'retry',
          retryOf: runId,
        });
      }
      const inputs = [
        ...new Set(
          run.errors.filter((error) => error.retryable).map((error) => error.item.split('#')[0] ?? ''),
        ),
      ].filter(Boolean);
      if (inputs.length === 0) throw new NothingToRetryError(runId);
      return start({
        inputs,
        sourceId: job?.sourceId,
        sourceLabel: run.source,
        lockKey: job?.lockKey,
        requestedBy: actor,
        trigger: 'retry',
        retryOf: runId,
      });
    },
  };
}
