import type { IngestRun } from '../../graph/index.ts';

/**
 * Why an executor stopped a run that nobody cancelled: it lost the source's lease (another executor may
 * own the run now), or its process is shutting down. The run is not over, so the pipeline writes no
 * outcome for it; whoever executes it next writes its record.
 */
export class RunHandedBack extends Error {
  readonly cause: 'lease-lost' | 'shutdown';

  constructor(cause: 'lease-lost' | 'shutdown') {
    super(cause === 'lease-lost' ? 'the run lost its lease' : 'the executor is shutting down');
    this.name = 'RunHandedBack';
    this.cause = cause;
  }
}

/** The hand-back that aborted `signal`, if that is why it was aborted. */
export function handBackOf(signal: AbortSignal | undefined): RunHandedBack | undefined {
  return signal?.aborted && signal.reason instanceof RunHandedBack ? signal.reason : undefined;
}

/** Turns a stopped run's record back into a queued one: not finished, to be executed again. */
export function markHandedBack(run: IngestRun): void {
  run.status = 'queued';
  delete run.finishedAt;
  delete run.durationMs;
}
