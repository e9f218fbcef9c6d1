import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AuditEvent, AuditLog, IngestRun } from '../graph/index.ts';
import {
  BullMqRunQueue,
  createPoliteFetcher,
  createRunService,
  createScheduleService,
  HostLimiter,
  type IngestionPoolStats,
  IngestScheduler,
  InProcessRunQueue,
  type RetryPolicy,
  RunExecutor,
  type RunQueue,
  type RunService,
  type ScheduleService,
  startRunReconciler,
} from '../ingest/index.ts';
import type { AppContext } from './composition-root.ts';
import type { Route } from './http/route-definition.ts';
import type { RetractionService, StartIngestion } from './ports.ts';
import { runControlRoutes, scheduleRoutes } from './routes/schedule-routes.ts';
import { sourceRoutes } from './routes/source-routes.ts';
import { createRunAnalysis, type RunAnalysis } from './run-analysis.ts';
import { minedTermPromotion, reextractionDue, reextractNow } from './vocabulary-runs.ts';

export interface SchedulingOptions {
  /** Called after each finished run executed in this process (e.g. recompute suggestions). */
  afterRun?: (run: IngestRun) => Promise<void>;
  /** Runs executing at once in the API process (QUEUE_URL unset). */
  concurrency?: number;
  maxWaiting?: number;
  leaseMs?: number;
  batchSize?: number;
  /** Documents a run holds to promote mined terms before writing them (IngestionOptions.lookAhead). */
  lookAhead?: number;
  retry?: RetryPolicy;
  perHostDelayMs?: number;
  /** Default true; false runs no cron timers in this process. */
  scheduler?: boolean;
  schedulerRefreshMs?: number;
  /** How often unfinished runs are reconciled with the queue (default: config.scheduling). */
  reconcileIntervalMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** Lets DELETE /v1/sources/:id?documents=true retract what the source ingested. */
  retraction?: RetractionService;
}

/** Queues a re-extraction run (pending vocabulary changes, or every document); resolves with its id. */
export type StartReextraction = (request: {
  requestedBy: string;
  reason: string;
  all?: boolean;
}) => Promise<string>;

export interface SchedulingServices {
  /** For AppDependencies.startIngestion (POST /v1/ingest/runs). */
  startIngestion: StartIngestion;
  startReextraction: StartReextraction;
  /** Sources, schedules, run cancel and retry; mount with the app's other routes. */
  routes: Route[];
  runs: RunService;
  schedules: ScheduleService;
  queue: RunQueue;
  /** What the extraction pool of in-process runs did (undefined with QUEUE_URL or INGEST_THREADS=0). */
  extractionStats(): IngestionPoolStats | undefined;
  scheduler?: IngestScheduler;
  /** Stops timers, the queue (handing in-process runs back: queued, to run again) and Redis connections. */
  stop(): Promise<void>;
}

/** What scheduling needs of the composition root. */
export type SchedulingContext = Pick<
  AppContext,
  | 'config'
  | 'graph'
  | 'runJobs'
  | 'leases'
  | 'sources'
  | 'schedules'
  | 'auditLog'
  | 'vocabulary'
  | 'reextraction'
>;

/** Records an audit event under a fresh id. */
function auditTo(auditLog: AuditLog): (event: Omit<AuditEvent, 'id'>) => Promise<void> {
  return (event) => auditLog.record({ id: `audit-${randomUUID()}`, ...event });
}

/** A run executor on the context's stores: what the API process and `matscout worker` both use. */
export function createRunExecutor(
  context: SchedulingContext,
  options: Pick<
    SchedulingOptions,
    'afterRun' | 'leaseMs' | 'batchSize' | 'lookAhead' | 'retry' | 'perHostDelayMs' | 'log'
  > & {
    holderId?: string;
    /** Where runs chunk and extract (default: per INGEST_THREADS). */
    analysis?: RunAnalysis;
  } = {},
): RunExecutor {
  const { config } = context;
  const analysis = options.analysis ?? createRunAnalysis(config, context);
  const runExtractor = async () => (await analysis.get()).extractor;
  return new RunExecutor({
    store: context.graph,
    jobs: context.runJobs,
    leases: context.leases,
    sources: context.sources,
    stages: () => analysis.get(),
    dispose: () => analysis.close(),
    promoteCandidates: async (pending) =>
      (await minedTermPromotion(context, await runExtractor())?.(pending)) ?? [],
    reextract: async (job, signal, fence) => {
      const { extractor, reextractor } = await analysis.get();
      return reextractNow(
        context,
        { runId: job.runId, all: job.all === true, actor: job.requestedBy, signal, fence },
        extractor,
        reextractor,
      );
    },
    fetcher: createPoliteFetcher({
      allowList: config.urlAllowList,
      limiter: new HostLimiter({ concurrency: 1, delayMs: options.perHostDelayMs ?? 1000 }),
      retry: options.retry,
    }),
    holderId: options.holderId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    allowedRoots: config.ingestPathAllowList,
    bulk: { ...config.bulkDownload, limitSetting: 'BULK_MAX_BYTES' },
    leaseMs: options.leaseMs,
    batchSize: options.batchSize,
    lookAhead: options.lookAhead,
    afterRun: options.afterRun,
    log: options.log,
  });
}

/** Schedules and sources without a queue: what the CLI edits (running schedulers pick changes up). */
export function createScheduleAdmin(context: SchedulingContext): ScheduleService {
  return createScheduleService({
    schedules: context.schedules,
    sources: context.sources,
    audit: auditTo(context.auditLog),
    minIntervalSeconds: context.config.scheduling.minIntervalSeconds,
  });
}

/**
 * Scheduled ingestion for the API process. With QUEUE_URL unset, runs execute here on a bounded
 * queue; with QUEUE_URL they are only enqueued to BullMQ for `matscout worker` processes. Schedules fire
 * here in both cases, and in both cases unfinished runs the queue does not hold (from before a restart,
 * or whose enqueue failed) are handed to it again, at start and then periodically.
 */
export async function createSchedulingServices(
  context: SchedulingContext,
  options: SchedulingOptions = {},
): Promise<SchedulingServices> {
  const { config, runJobs: jobs, sources, schedules: scheduleStore } = context;
  const audit = auditTo(context.auditLog);
  let runs: RunService | undefined;
  const startReextraction: StartReextraction = async (request) => {
    if (!runs) throw new Error('the run service is not ready yet');
    return runs.start({
      kind: 're-extract',
      all: request.all,
      sourceLabel: request.all ? 'vocabulary: every document' : `vocabulary: ${request.reason}`,
      // Re-extraction runs never overlap: one applies every pending change.
      lockKey: 'vocabulary',
      requestedBy: request.requestedBy,
      trigger: 'vocabulary',
      reason: request.reason,
    });
  };
  const afterRun = async (run: IngestRun) => {
    await options.afterRun?.(run);
    if (!(await reextractionDue(run, context.vocabulary))) return;
    await startReextraction(
      run.counts.promoted
        ? { requestedBy: 'system:mining', reason: `terms promoted by ${run.id}` }
        : { requestedBy: 'system', reason: `changes pending after ${run.id}` },
    );
  };

  let queue: RunQueue;
  const analysis = createRunAnalysis(config, context);
  if (config.queueUrl) {
    queue = new BullMqRunQueue({ url: config.queueUrl, log: options.log });
  } else {
    queue = new InProcessRunQueue({
      executor: createRunExecutor(context, { ...options, afterRun, analysis }),
      concurrency: options.concurrency ?? 2,
      maxWaiting: options.maxWaiting ?? 1000,
      log: options.log,
    });
  }
  const reconciler = startRunReconciler({
    store: context.graph,
    jobs,
    leases: context.leases,
    queue,
    intervalMs: options.reconcileIntervalMs ?? config.scheduling.reconcileIntervalSeconds * 1000,
    log: options.log,
  });
  // An unreachable queue (Redis down) must not keep the API from starting; the next pass tries again.
  await reconciler.first.catch(() => undefined);
  const runService = createRunService({ store: context.graph, jobs, queue, audit });
  runs = runService;
  let scheduler: IngestScheduler | undefined;
  const schedules = createScheduleService({
    schedules: scheduleStore,
    sources,
    runs: runService,
    scheduler: () => scheduler,
    audit,
    minIntervalSeconds: config.scheduling.minIntervalSeconds,
  });
  if (options.scheduler !== false) {
    scheduler = new IngestScheduler({
      schedules: scheduleStore,
      fire: async (schedule, slotAt, reason) => {
        await schedules.fire(schedule, slotAt, reason);
      },
      refreshMs: options.schedulerRefreshMs,
      log: options.log,
    });
    await scheduler.start();
  }
  const routeOptions = {
    store: context.graph,
    sources,
    schedules: scheduleStore,
    jobs,
    runs: runService,
    scheduleService: schedules,
    ingestPathAllowList: config.ingestPathAllowList,
    retraction: options.retraction,
    scheduleMinIntervalSeconds: config.scheduling.minIntervalSeconds,
  };
  return {
    startReextraction,
    startIngestion: (request) =>
      runService.start({
        inputs: request.inputs,
        sourceLabel: request.source,
        requestedBy: request.requestedBy,
        trigger: 'api',
      }),
    routes: [
      ...sourceRoutes(routeOptions),
      ...scheduleRoutes(routeOptions),
      ...runControlRoutes(routeOptions),
    ],
    runs: runService,
    schedules,
    queue,
    extractionStats: () => analysis.stats(),
    scheduler,
    async stop() {
      scheduler?.stop();
      await reconciler.stop();
      await queue.close();
    },
  };
}
