import type { RunJob } from '../../graph/index.ts';
import type { RunExecutor } from './run-executor.ts';
import { QueueFullError, type RunQueue } from './run-queue.ts';

export interface InProcessRunQueueOptions {
  executor: RunExecutor;
  /** Runs executing at once (runs of one source still wait for each other). */
  concurrency?: number;
  /** Runs waiting at most; more are refused. */
  maxWaiting?: number;
  /** How long a job waits after its source was busy. */
  busyRetryMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/** The embedded default: a bounded queue executing runs in this process. */
export class InProcessRunQueue implements RunQueue {
  private readonly options: Required<Omit<InProcessRunQueueOptions, 'log'>> &
    Pick<InProcessRunQueueOptions, 'log'>;
  private readonly waiting: RunJob[] = [];
  private readonly active = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Runs executing or waiting for a busy source to free up (not in `waiting`). */
  private readonly taken = new Set<string>();
  private closed = false;

  constructor(options: InProcessRunQueueOptions) {
    this.options = { concurrency: 2, maxWaiting: 1000, busyRetryMs: 500, ...options };
  }

  async enqueue(job: RunJob): Promise<void> {
    if (this.closed) throw new Error('the run queue is closed');
    if (this.waiting.length >= this.options.maxWaiting) throw new QueueFullError(this.options.maxWaiting);
    this.waiting.push(job);
    this.pump();
  }

  async holds(runId: string): Promise<boolean> {
    return this.taken.has(runId) || this.waiting.some((job) => job.runId === runId);
  }

  abortLocal(runId: string): boolean {
    const index = this.waiting.findIndex((job) => job.runId === runId);
    // A waiting job stays queued: the executor sees its cancel flag and records it as cancelled.
    if (index >= 0) return true;
    return this.options.executor.abort(runId);
  }

  /** Resolves when nothing is waiting or running (tests). */
  async idle(): Promise<void> {
    while (this.waiting.length > 0 || this.active.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.active, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    this.options.executor.handBackAll();
    await Promise.allSettled([...this.active]);
    await this.options.executor.dispose();
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.options.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as RunJob;
      this.taken.add(job.runId);
      const task = this.options.executor
        .execute(job)
        .then((result) => {
          if (result === 'busy' && !this.closed) {
            const timer = setTimeout(() => {
              this.timers.delete(timer);
              this.taken.delete(job.runId);
              this.waiting.push(job);
              this.pump();
            }, this.options.busyRetryMs);
            this.timers.add(timer);
          } else {
            this.taken.delete(job.runId);
          }
        })
        .catch((error: unknown) => {
          this.taken.delete(job.runId);
          this.options.log?.('run failed to execute', { runId: job.runId, error: (error as Error).message });
        })
        .finally(() => {
          this.active.delete(task);
          this.pump();
        });
      this.active.add(task);
    }
  }
}
