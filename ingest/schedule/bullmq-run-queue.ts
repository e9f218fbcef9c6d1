import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunJob, RunJobStore } from '../../graph/index.ts';
import type { RunExecutor } from './run-executor.ts';
import type { RunQueue } from './run-queue.ts';

export const defaultQueueName = 'matscout-ingest-runs';

interface QueuedRun {
  runId: string;
}

/** Redis connections as BullMQ needs them (workers block, so no per-request retry limit). */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * The producer's connection fails a command after a few reconnection attempts instead of waiting for
 * Redis forever, so an API request never hangs on an unreachable queue (the run stays recorded and the
 * reconciler queues it later).
 */
function createProducerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2 });
}

/** Job states in which BullMQ still owns the run (it will be executed, or is being executed). */
const heldStates = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** Scale-out: runs go to Redis; `matscout worker` processes execute them. The API only enqueues. */
export class BullMqRunQueue implements RunQueue {
  private readonly queue: Queue<QueuedRun>;
  private readonly connection: Redis;

  constructor(options: { url: string; queueName?: string }) {
    this.connection = createProducerConnection(options.url);
    this.queue = new Queue<QueuedRun>(options.queueName ?? defaultQueueName, { connection: this.connection });
  }

  async enqueue(job: RunJob): Promise<void> {
    // A finished BullMQ job keeps its id (removeOnComplete keeps the last 1000), and `add` ignores an id it
    // has: drop the stale entry so a run the graph still calls unfinished is really queued again.
    const existing = await this.queue.getJob(job.runId);
    if (existing && !heldStates.has(await existing.getState())) await existing.remove();
    // The job id is the run id, so enqueuing the same run twice queues it once.
    await this.queue.add(
      'run',
      { runId: job.runId },
      { jobId: job.runId, removeOnComplete: 1000, removeOnFail: 1000 },
    );
  }

  async holds(runId: string): Promise<boolean> {
    const job = await this.queue.getJob(runId);
    return job !== undefined && heldStates.has(await job.getState());
  }

  abortLocal(): boolean {
    return false;
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}

export interface RunWorkerOptions {
  url: string;
  queueName?: string;
  executor: RunExecutor;
  jobs: RunJobStore;
  concurrency?: number;
  /** BullMQ's own job lock: a job whose worker stops renewing it is handed out again after this. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  busyRetryMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/** A BullMQ worker executing run jobs; runs of a busy source go back to the delayed set. */
export function startRunWorker(options: RunWorkerOptions): { close(): Promise<void> } {
  const connection = createRedisConnection(options.url);
  const worker = new Worker<QueuedRun>(
    options.queueName ?? defaultQueueName,
    async (job: Job<QueuedRun>, token?: string) => {
      const runJob = await options.jobs.getJob(job.data.runId);
      if (!runJob) return 'missing';
      const result = await options.executor.execute(runJob);
      if (result === 'busy') {
        const jitter = Math.floor(Math.random() * 200);
        await job.moveToDelayed(Date.now() + (options.busyRetryMs ?? 500) + jitter, token);
        throw new DelayedError();
      }
      return result;
    },
    {
      connection,
      concurrency: options.concurrency ?? 2,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A crashed worker's run goes back to the queue rather than failing.
      maxStalledCount: 100,
    },
  );
  worker.on('failed', (job, error) => {
    if (error instanceof DelayedError) return;
    options.log?.('run job failed', { runId: job?.data.runId, error: error.message });
  });
  worker.on('error', (error) => options.log?.('worker error', { error: error.message }));
  return {
    async close() {
      options.executor.abortAll();
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
