import type { GraphStore, IngestRun, LeaseFence } from '../../graph/index.ts';

/** How often a run in progress saves its record (its counts so far and `heartbeatAt`). */
export const defaultHeartbeatMs = 30_000;

/**
 * Saves a running run's record every `intervalMs`, so readers see its progress and can tell a run whose
 * process stopped (killed, or cut off from the graph) from one still working: its `heartbeatAt` grows
 * old. A save that fails is left to the next beat or to the run's outcome; under a fence it writes
 * nothing once the lease is lost (the executor stops the run itself). `stop()` ends the beats and waits
 * for one in flight, so no beat can land after the outcome and make a finished run look running again.
 */
export interface RunHeartbeat {
  stop(): Promise<void>;
}

export function startRunHeartbeat(
  store: Pick<GraphStore, 'saveIngestRun'>,
  run: IngestRun,
  options: { intervalMs?: number | undefined; now: () => Date; fence?: LeaseFence | undefined },
): RunHeartbeat {
  let beating: Promise<void> = Promise.resolve();
  let stopped = false;
  const beat = () => {
    if (stopped) return;
    beating = beating
      .then(async () => {
        if (stopped) return;
        run.heartbeatAt = options.now().toISOString();
        await store.saveIngestRun(
          { ...run, counts: { ...run.counts }, errors: [...run.errors] },
          options.fence,
        );
      })
      .catch(() => undefined);
  };
  const timer = setInterval(beat, options.intervalMs ?? defaultHeartbeatMs);
  // A beat must never keep a process alive that has nothing else to do.
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await beating;
    },
  };
}
