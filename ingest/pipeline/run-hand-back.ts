import { type GraphStore, type IngestRun, isGraphUnavailable, type LeaseFence } from '../../graph/index.ts';
import type { RunHeartbeat } from './run-heartbeat.ts';

/**
 * Why an executor stopped a run that nobody cancelled: it lost the source's lease (another executor may
 * own the run now), or its process is shutting down. The run is not over, so the pipeline writes no
 * outcome for it; whoever executes it next writes its record.
 */
export class RunHandedBack extends Error {
  constructor(why: 'lease-lost' | 'shutdown') {
    super(why === 'lease-lost' ? 'the run lost its lease' : 'the executor is shutting down');
    this.name = 'RunHandedBack';
  }
}

/**
 * Ends a run the pipeline stopped working on: its beats stopped (none may land after the outcome), its
 * finish time and duration, and its record saved. A run
 * handed back is not over: it is returned queued and not saved, since its next executor writes the
 * record (after a lost lease, that executor may be writing it already). Under a fence, an outcome that
 * finds the lease taken is not saved either (LeaseLostError).
 */
export async function saveRunOutcome(
  store: Pick<GraphStore, 'saveIngestRun'>,
  run: IngestRun,
  started: Date,
  finished: Date,
  {
    signal,
    fence,
    heartbeat,
  }: { signal?: AbortSignal | undefined; fence?: LeaseFence | undefined; heartbeat: RunHeartbeat },
): Promise<void> {
  await heartbeat.stop();
  if (signal?.aborted && signal.reason instanceof RunHandedBack) {
    run.status = 'queued';
    return;
  }
  run.finishedAt = finished.toISOString();
  run.durationMs = finished.getTime() - started.getTime();
  try {
    await store.saveIngestRun(run, fence);
  } catch (error) {
    // The caller still gets the outcome; the stored record, left running, reads as failed once its
    // heartbeat is old (graph/neo4j-ingest-runs.ts).
    if (!isGraphUnavailable(error)) throw error;
    run.errors.push({
      item: 'run record',
      reason: `the run's outcome could not be saved, the graph is unreachable (${firstLine(error)})`,
      retryable: true,
    });
  }
}

const firstLine = (error: unknown): string => String((error as Error).message ?? error).split('\n')[0] ?? '';

/**
 * Records that a run stopped on an error before it finished its inputs: failed, `aborted` (its source's
 * cursor stays), and why; a graph that went away is said so, with what to do.
 */
export function recordAbort(
  run: IngestRun,
  error: unknown,
  { item, retryable }: { item: string; retryable: boolean },
): void {
  run.status = 'failed';
  run.aborted = true;
  run.errors.push({
    item,
    reason: isGraphUnavailable(error)
      ? `the graph became unreachable (${firstLine(error)}), so the run stopped; what it wrote stays, and running the same inputs again resumes`
      : `run aborted: ${(error as Error).message}`,
    retryable,
  });
}
