import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  GraphStore,
  IngestRun,
  LeaseFence,
  LeaseStore,
  RunJob,
  RunJobStore,
  SourceStore,
} from '../../graph/index.ts';
import { LeaseLostError } from '../../graph/index.ts';
import type { DocumentAnalyzer } from '../pipeline/document-analysis.ts';
import type { DocumentReader } from '../pipeline/document-reader.ts';
import { RunHandedBack } from '../pipeline/run-hand-back.ts';
import { emptyCounts, type IngestionServices, runIngestion } from '../pipeline/run-ingestion.ts';
import type { DownloadLimits, PoliteFetcher } from './polite-fetcher.ts';
import { planSourceRun, type SourcePlan } from './source-plan.ts';

/** `completed`: this call finished the job; `skipped`: nothing to do; `busy`: try again later. */
export type ExecutionResult = 'completed' | 'skipped' | 'busy';

export interface RunExecutorDependencies {
  store: GraphStore;
  jobs: RunJobStore;
  leases: LeaseStore;
  sources: SourceStore;
  /**
   * How runs parse, chunk and extract (the API passes the ingestion pool's reader and analyzer: off its
   * event loop); without a reader, parsing happens on this thread.
   */
  stages: () => Promise<{ analyzer: DocumentAnalyzer; reader?: DocumentReader }>;
  /** Releases what the executor's dependencies hold (e.g. the pool's threads) once runs stopped. */
  dispose?: () => Promise<void>;
  fetcher: PoliteFetcher;
  /** Identifies this process in leases (e.g. `worker-<host>-<pid>`). */
  holderId: string;
  /** Lease lifetime; renewed every third of it while the run works. */
  leaseMs?: number;
  batchSize?: number;
  /** See `IngestionOptions.lookAhead`. */
  lookAhead?: number;
  /** Folders a symbolic link inside a source folder may lead into (INGEST_PATH_ALLOW_LIST). */
  allowedRoots?: readonly string[];
  /** Bulk downloads: temporary folder and size cap (default: the system temp folder, 2 GiB). */
  bulk?: Partial<DownloadLimits>;
  /**
   * A job started this many times without finishing (its worker died, e.g. out of memory) fails for
   * good instead of being started again.
   */
  maxStarts?: number;
  now?: () => Date;
  afterRun?: (run: IngestRun) => Promise<void>;
  /** Promotes mined terms after an ingestion run (see `IngestionDependencies.promoteCandidates`). */
  promoteCandidates?: IngestionServices['promoteCandidates'];
  /**
   * Executes a `re-extract` job (its run id is `job.runId`), saving its record under `fence`; such jobs
   * fail without it.
   */
  reextract?: (job: RunJob, signal: AbortSignal, fence: LeaseFence) => Promise<IngestRun>;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

const terminal = new Set(['succeeded', 'failed', 'partial', 'cancelled']);

/**
 * Executes run jobs wherever they are queued: takes the source's lease (never two runs of one source
 * at once, and a dead worker's lease expires), skips jobs already finished (a redelivered job runs
 * once), renews the lease while working, stops on cancel or a lost lease, and moves the cursor.
 */
export class RunExecutor {
  private readonly deps: RunExecutorDependencies;
  private readonly leaseMs: number;
  private readonly bulk: DownloadLimits;
  private readonly running = new Map<string, AbortController>();

  constructor(deps: RunExecutorDependencies) {
    this.deps = deps;
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.bulk = {
      directory: deps.bulk?.directory ?? path.join(tmpdir(), 'matscout-downloads'),
      maxBytes: deps.bulk?.maxBytes ?? 2 * 1024 * 1024 * 1024,
      limitSetting: deps.bulk?.limitSetting ?? 'BULK_MAX_BYTES',
    };
  }

  /** Cancels a run executing in this process (other processes notice the cancel flag on renewal). */
  abort(runId: string): boolean {
    const controller = this.running.get(runId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Releases the dependencies' resources; call after runs stopped. */
  async dispose(): Promise<void> {
    await this.deps.dispose?.();
  }

  /**
   * Stops every run executing here without cancelling it (e.g. at shutdown): each is recorded as queued
   * again, its lease released, and its start not counted against `maxStarts`; the queue or the next
   * reconciliation hands it to an executor, which runs it again (documents already written are skipped).
   */
  handBackAll(): void {
    for (const controller of this.running.values()) controller.abort(new RunHandedBack('shutdown'));
  }

  async execute(queued: RunJob): Promise<ExecutionResult> {
    const { jobs, leases } = this.deps;
    const holder = `${this.deps.holderId}:${queued.runId}`;
    const key = `source:${queued.lockKey}`;
    // Every record this execution saves is fenced by the lease: renewals can be late (a stalled process),
    // and a holder past its expiry must not end the run, or rewrite it, while the next holder works.
    const fence: LeaseFence = { key, holder };
    if (!(await leases.acquire(key, holder, this.leaseMs))) return 'busy';
    const controller = new AbortController();
    let lost = false;
    const loseLease = () => {
      lost = true;
      this.deps.log?.('lost the lease of a run; handing it back', { runId: queued.runId });
    };
    let renewing = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = (async () => {
          try {
            if (!(await leases.renew(key, holder, this.leaseMs))) {
              loseLease();
              controller.abort(new RunHandedBack('lease-lost'));
            } else if ((await jobs.getJob(queued.runId))?.cancelRequested) controller.abort();
          } catch (error) {
            this.deps.log?.('lease renewal failed', { runId: queued.runId, error: (error as Error).message });
          }
        })();
      },
      Math.max(200, Math.floor(this.leaseMs / 3)),
    );
    this.running.set(queued.runId, controller);
    try {
      // Read again under the lease: another worker may have finished it meanwhile.
      const job = await jobs.getJob(queued.runId);
      if (!job || (job.completions ?? 0) > 0) return 'skipped';
      if (job.cancelRequested) {
        await this.markCancelled(job.runId, fence);
        await jobs.markCompleted(job.runId);
        return 'completed';
      }
      const maxStarts = this.deps.maxStarts ?? 3;
      if ((job.attempts ?? 0) >= maxStarts) {
        await this.failBeforeStart(
          job,
          `started ${job.attempts} times without finishing (its worker stopped, e.g. out of memory); ` +
            'not started again: fix the cause, then start a new run',
          fence,
        );
        await jobs.markCompleted(job.runId);
        return 'completed';
      }
      await jobs.markStarted(job.runId);
      const run = await this.run(job, controller.signal, fence);
      // The pipeline stopped on a hand-back and wrote no outcome: the run goes back to the queue. After a
      // lost lease another executor may be running it already (its record is theirs; a later attempt
      // here finds the job completed and skips); at shutdown the lease is still ours.
      if (run.status === 'queued') {
        if (!lost) {
          await this.deps.store.saveIngestRun(run, fence);
          await jobs.markHandedBack(job.runId);
        }
        return 'busy';
      }
      if (lost) return 'skipped';
      await jobs.markCompleted(job.runId);
      if (run.status !== 'cancelled') await this.deps.afterRun?.(run);
      return 'completed';
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      // A save found the lease taken before a renewal noticed: as after a lost renewal, the record is the
      // new holder's and the run goes back to the queue (its documents are skipped by hash next time).
      loseLease();
      return 'busy';
    } finally {
      clearInterval(timer);
      await renewing;
      this.running.delete(queued.runId);
      if (!lost) await leases.release(key, holder).catch(() => undefined);
    }
  }

  private async run(job: RunJob, signal: AbortSignal, fence: LeaseFence): Promise<IngestRun> {
    const { store, sources } = this.deps;
    if (job.kind === 're-extract') {
      if (!this.deps.reextract) return this.failBeforeStart(job, 'this worker cannot re-extract', fence);
      return this.deps.reextract(job, signal, fence);
    }
    const source = job.sourceId ? await sources.getSource(job.sourceId) : undefined;
    let plan: SourcePlan | undefined;
    if (source && job.inputs.length === 0) {
      try {
        plan = await planSourceRun(source, this.deps.fetcher, {
          roots: this.deps.allowedRoots,
          bulk: this.bulk,
          signal,
        });
      } catch (error) {
        return this.failBeforeStart(
          job,
          `cannot read source ${source.id}: ${(error as Error).message}`,
          fence,
        );
      }
    } else if (job.sourceId && !source && job.inputs.length === 0) {
      return this.failBeforeStart(job, `source ${job.sourceId} no longer exists`, fence);
    }
    const { analyzer, reader } = await this.deps.stages();
    const run = await runIngestion(
      {
        store,
        analyzer,
        ...(reader ? { reader } : {}),
        fetchUrl: plan?.fetchUrl ?? ((url, signal) => this.deps.fetcher(url, { signal })),
        now: this.deps.now,
        promoteCandidates: this.deps.promoteCandidates,
      },
      {
        inputs: plan?.inputs ?? job.inputs,
        source: job.sourceLabel,
        runId: job.runId,
        batchSize: this.deps.batchSize,
        lookAhead: this.deps.lookAhead,
        roots: this.deps.allowedRoots,
        items: plan?.items,
        select: plan?.select,
        signal,
        fence,
      },
    );
    // A cancelled run, one handed back (queued again) or one stopped on an error (e.g. it lost the graph)
    // did not cover its inputs: the cursor stays, so the next run reads them (what was stored is skipped).
    if (plan && source && run.status !== 'cancelled' && run.status !== 'queued' && !run.aborted) {
      await sources.saveCursor(
        source.id,
        plan.nextCursor(run),
        (this.deps.now?.() ?? new Date()).toISOString(),
        fence,
      );
    }
    return run;
  }

  private async failBeforeStart(job: RunJob, reason: string, fence: LeaseFence): Promise<IngestRun> {
    const existing = await this.deps.store.getIngestRun(job.runId);
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    const run: IngestRun = {
      ...(existing ?? emptyRun(job, at)),
      status: 'failed',
      finishedAt: at,
      errors: [{ item: job.sourceLabel, reason, retryable: false }],
    };
    await this.deps.store.saveIngestRun(run, fence);
    return run;
  }

  private async markCancelled(runId: string, fence: LeaseFence): Promise<void> {
    const run = await this.deps.store.getIngestRun(runId);
    if (!run || terminal.has(run.status)) return;
    await this.deps.store.saveIngestRun(
      { ...run, status: 'cancelled', finishedAt: (this.deps.now?.() ?? new Date()).toISOString() },
      fence,
    );
  }
}

/** A run record before anything ran: status queued, zero counts. */
export function emptyRun(job: Pick<RunJob, 'runId' | 'sourceLabel' | 'kind'>, at: string): IngestRun {
  return {
    id: job.runId,
    ...(job.kind ? { kind: job.kind } : {}),
    source: job.sourceLabel,
    status: 'queued',
    startedAt: at,
    counts: emptyCounts(),
    errors: [],
  };
}
