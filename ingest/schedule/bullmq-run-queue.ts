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

/** Fails `work` after `ms`: BullMQ waits for an unreachable Redis forever, and a request must not. */
async function withinTime<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Job states in which BullMQ still owns the run (it will be executed, or is being executed). */
const heldStates = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** Scale-out: runs go to Redis; `matscout worker` processes execute them. The API only enqueues. */
export class BullMqRunQueue implements RunQueue {
  private readonly queue: Queue<QueuedRun>;
  private readonly connection: Redis;
  private readonly timeoutMs: number;

  constructor(options: {
    url: string;
    queueName?: string;
    /** How long enqueue and holds wait for Redis before failing (default 5 s). */
    timeoutMs?: number;
    log?: (message: string, details?: Record<string, unknown>) => void;
  }) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.connection = createProducerConnection(options.url);
    // Without listeners ioredis prints every failed reconnection; enqueue reports failures to its caller.
    let reported = false;
    this.connection.on('error', (error: Error) => {
      if (!reported) options.log?.('run queue: Redis unreachable', { error: error.message });
      reported = true;
    });
    this.connection.on('ready', () => {
      reported = false;
    });
    this.queue = new Queue<QueuedRun>(options.queueName ?? defaultQueueName, { connection: this.connection });
    this.queue.on('error', () => undefined);
  }

  async enqueue(job: RunJob): Promise<void> {
    await withinTime(this.add(job), this.timeoutMs, 'the enqueue');
  }

  private async add(job: RunJob): Promise<void> {
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
    return withinTime(
      (async () => {
        const job = await this.queue.getJob(runId);
        return job !== undefined && heldStates.has(await job.getState());
      })(),
      this.timeoutMs,
      'whether it holds a run',
    );
  }

  abortLocal(): boolean {
    return false;
  }

  async close(): Promise<void> {
    // Closing waits for Redis too; an unreachable one is simply dropped.
    await withinTime(this.queue.close(), this.timeoutMs, 'the close').catch(() => undefined);
    await withinTime(this.connection.quit(), this.timeoutMs, 'the quit').catch(() =>
      this.connection.disconnect(),
    );
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
      options.executor.handBackAll();
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
