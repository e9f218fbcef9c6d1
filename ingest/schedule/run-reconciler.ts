import type { GraphStore, LeaseStore, RunJobStore } from '../../graph/index.ts';
import type { RunQueue } from './run-queue.ts';

/** What one reconciliation did, run by run. */
export interface ReconcileReport {
  /** Handed to the queue again. */
  requeued: string[];
  /** The queue has them already (waiting, delayed or executing). */
  held: string[];
  /** A live lease says an executor is working on them right now. */
  leased: string[];
  /** Their run record had finished; only the job was marked done. */
  closed: string[];
  /** The queue refused them (full, or unreachable); the next pass tries again. */
  failed: string[];
}

export interface RunReconcilerOptions {
  store: Pick<GraphStore, 'getIngestRun'>;
  jobs: Pick<RunJobStore, 'listUnfinished' | 'markCompleted'>;
  leases: Pick<LeaseStore, 'holder'>;
  queue: RunQueue;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

const finished = new Set(['succeeded', 'failed', 'partial', 'cancelled']);

/**
 * The graph is the durable record of runs; the queue (in-process or BullMQ) only holds what should execute
 * now. Reconciling walks every job no executor has finished and hands to the queue each one the queue does
 * not hold and no live lease covers: runs recorded before a crash or a failed enqueue, runs queued in a
 * process that stopped, BullMQ jobs lost or already dropped. Executors guard against double execution
 * (leases, completion counts), so handing over a run twice is harmless; losing one is not.
 */
export async function reconcileUnfinishedRuns(options: RunReconcilerOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { requeued: [], held: [], leased: [], closed: [], failed: [] };
  for (const job of await options.jobs.listUnfinished()) {
    // A live lease: its executor is running it, or has saved the outcome and is about to complete the
    // job itself (closing it here too would count the completion twice).
    if ((await options.leases.holder(`source:${job.lockKey}`))?.endsWith(`:${job.runId}`)) {
      report.leased.push(job.runId);
      continue;
    }
    const run = await options.store.getIngestRun(job.runId);
    if (run && finished.has(run.status)) {
      // The executor died between saving the outcome and completing the job; running again would redo it.
      await options.jobs.markCompleted(job.runId);
      report.closed.push(job.runId);
      continue;
    }
    if (await options.queue.holds(job.runId)) {
      report.held.push(job.runId);
      continue;
    }
    try {
      await options.queue.enqueue(job);
      report.requeued.push(job.runId);
    } catch (error) {
      report.failed.push(job.runId);
      options.log?.('could not queue an unfinished run; the next reconciliation tries again', {
        runId: job.runId,
        error: (error as Error).message,
      });
      // A full or unreachable queue refuses the rest as well.
      break;
    }
  }
  if (report.requeued.length > 0 || report.closed.length > 0) {
    options.log?.('reconciled unfinished runs with the queue', {
      requeued: report.requeued.length,
      closed: report.closed.length,
    });
  }
  return report;
}

/** Reconciles now and then every `intervalMs` until stopped; passes never overlap. */
export function startRunReconciler(options: RunReconcilerOptions & { intervalMs: number }): {
  first: Promise<ReconcileReport>;
  stop(): Promise<void>;
} {
  let stopped = false;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();
  const pass = () => {
    running = true;
    const next = reconcileUnfinishedRuns(options);
    current = next
      .catch((error: unknown) =>
        options.log?.('run reconciliation failed', { error: (error as Error).message }),
      )
      .finally(() => {
        running = false;
      });
    return next;
  };
  const first = pass();
  const timer = setInterval(() => {
    // A tick while the previous pass still runs is skipped.
    if (!stopped && !running) void pass().catch(() => undefined);
  }, options.intervalMs);
  timer.unref();
  return {
    first,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
