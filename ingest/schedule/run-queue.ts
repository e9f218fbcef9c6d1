import type { RunJob } from '../../graph/index.ts';

/** Where started runs wait for an executor: in the API process, or on Redis for worker processes. */
export interface RunQueue {
  /** Throws QueueFullError when a bounded queue cannot take more. */
  enqueue(job: RunJob): Promise<void>;
  /** True while the queue has the run waiting, delayed or executing (the reconciler skips those). */
  holds(runId: string): Promise<boolean>;
  /** Stops a run executing in this process, if it is here (others see the job's cancel flag). */
  abortLocal(runId: string): boolean;
  close(): Promise<void>;
}

/** The queue is at its bound; try again later. */
export class QueueFullError extends Error {
  readonly retryable = true;
  constructor(limit: number) {
    super(`the run queue is full (${limit} runs waiting); try again later`);
    this.name = 'QueueFullError';
  }
}
