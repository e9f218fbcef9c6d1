import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AuditEvent, AuditLog, IngestRun } from '../graph/index.ts';
import {
  BullMqRunQueue,
  createExtractionPool,
  createPoliteFetcher,
  createRunService,
  createScheduleService,
  type DocumentAnalyzer,
  type ExtractionPool,
  type ExtractionPoolStats,
  HostLimiter,
  IngestScheduler,
  InProcessRunQueue,
  inlineAnalyzer,
  type RetryPolicy,
  RunExecutor,
  type RunQueue,
  type RunService,
  type ScheduleService,
} from '../ingest/index.ts';
import type { AppContext } from './composition-root.ts';
import type { Config } from './config.ts';
import { createExtractor, createExtractorSpec } from './extractor-factory.ts';
import type { Route } from './http/route-definition.ts';
import type { StartIngestion } from './ports.ts';
import { runControlRoutes, scheduleRoutes } from './routes/schedule-routes.ts';
import { sourceRoutes } from './routes/source-routes.ts';

export interface SchedulingOptions {
  /** Called after each finished run executed in this process (e.g. recompute suggestions). */
  afterRun?: (run: IngestRun) => Promise<void>;
  /** Runs executing at once in the API process (QUEUE_URL unset). */
  concurrency?: number;
  maxWaiting?: number;
  leaseMs?: number;
  batchSize?: number;
  retry?: RetryPolicy;
  perHostDelayMs?: number;
  /** Default true; false runs no cron timers in this process. */
  scheduler?: boolean;
  schedulerRefreshMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface SchedulingServices {
  /** For AppDependencies.startIngestion (POST /v1/ingest/runs). */
  startIngestion: StartIngestion;
  /** Sources, schedules, run cancel and retry; mount with the app's other routes. */
  routes: Route[];
  runs: RunService;
  schedules: ScheduleService;
  queue: RunQueue;
  /** What the extraction pool of in-process runs did (undefined with QUEUE_URL or INGEST_THREADS=0). */
  extractionStats(): ExtractionPoolStats | undefined;
  scheduler?: IngestScheduler;
  /** Stops timers, the queue (aborting in-process runs) and Redis connections. */
  stop(): Promise<void>;
}

/** What scheduling needs of the composition root. */
export type SchedulingContext = Pick<
  AppContext,
  'config' | 'graph' | 'runJobs' | 'leases' | 'sources' | 'schedules' | 'auditLog'
>;

/** Records an audit event under a fresh id. */
function auditTo(auditLog: AuditLog): (event: Omit<AuditEvent, 'id'>) => Promise<void> {
  return (event) => auditLog.record({ id: `audit-${randomUUID()}`, ...event });
}

/** How runs chunk and extract documents, created on first use; `stats` reports what the pool did. */
export interface RunAnalysis {
  get(): Promise<DocumentAnalyzer>;
  /** Undefined while no pool exists (INGEST_THREADS=0, or no run yet). */
  stats(): ExtractionPoolStats | undefined;
  close(): Promise<void>;
}

/**
 * Chunking and extraction are CPU-bound: with INGEST_THREADS > 0 they run on worker threads, so the
 * event loop stays free for requests while graph writes (I/O) stay on it.
 */
export function createRunAnalysis(config: Config): RunAnalysis {
  let analyzer: Promise<DocumentAnalyzer> | undefined;
  let pool: ExtractionPool | undefined;
  const create = async (): Promise<DocumentAnalyzer> => {
    if (config.ingestThreads === 0) return inlineAnalyzer(await createExtractor(config));
    pool = createExtractionPool({ spec: createExtractorSpec(config), threads: config.ingestThreads });
    return pool;
  };
  return {
    get: () => {
      analyzer ??= create();
      return analyzer;
    },
    stats: () => pool?.stats(),
    close: async () => {
      await pool?.close();
    },
  };
}

/** A run executor on the context's stores: what the API process and `matscout worker` both use. */
export function createRunExecutor(
  context: SchedulingContext,
  options: Pick<
    SchedulingOptions,
    'afterRun' | 'leaseMs' | 'batchSize' | 'retry' | 'perHostDelayMs' | 'log'
  > & {
    holderId?: string;
    /** Where runs chunk and extract (default: per INGEST_THREADS). */
    analysis?: RunAnalysis;
  } = {},
): RunExecutor {
  const { config } = context;
  const analysis = options.analysis ?? createRunAnalysis(config);
  return new RunExecutor({
    store: context.graph,
    jobs: context.runJobs,
    leases: context.leases,
    sources: context.sources,
    analyzer: () => analysis.get(),
    dispose: () => analysis.close(),
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
  });
}

/**
 * Scheduled ingestion for the API process. With QUEUE_URL unset, runs execute here on a bounded
 * queue (unfinished runs from before a restart are queued again); with QUEUE_URL they are only
 * enqueued to BullMQ for `matscout worker` processes. Schedules fire here in both cases.
 */
export async function createSchedulingServices(
  context: SchedulingContext,
  options: SchedulingOptions = {},
): Promise<SchedulingServices> {
  const { config, runJobs: jobs, sources, schedules: scheduleStore } = context;
  const audit = auditTo(context.auditLog);

  let queue: RunQueue;
  const analysis = createRunAnalysis(config);
  if (config.queueUrl) {
    queue = new BullMqRunQueue({ url: config.queueUrl });
  } else {
    queue = new InProcessRunQueue({
      executor: createRunExecutor(context, { ...options, analysis }),
      concurrency: options.concurrency ?? 2,
      maxWaiting: options.maxWaiting ?? 1000,
      log: options.log,
    });
    for (const job of await jobs.listUnfinished()) await queue.enqueue(job);
  }
  const runs = createRunService({ store: context.graph, jobs, queue, audit });
  let scheduler: IngestScheduler | undefined;
  const schedules = createScheduleService({
    schedules: scheduleStore,
    sources,
    runs,
    scheduler: () => scheduler,
    audit,
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
    runs,
    scheduleService: schedules,
    ingestPathAllowList: config.ingestPathAllowList,
  };
  return {
    startIngestion: (request) =>
      runs.start({
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
    runs,
    schedules,
    queue,
    extractionStats: () => analysis.stats(),
    scheduler,
    async stop() {
      scheduler?.stop();
      await queue.close();
    },
  };
}
