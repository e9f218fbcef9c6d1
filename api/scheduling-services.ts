import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IngestRun } from '../graph/index.ts';
import { Neo4jLeaseStore, Neo4jRunJobStore, Neo4jScheduleStore, Neo4jSourceStore } from '../graph/index.ts';
import { Neo4jAuditLog } from '../graph/neo4j-audit-log.ts';
import {
  BullMqRunQueue,
  createPoliteFetcher,
  createRunService,
  createScheduleService,
  HostLimiter,
  IngestScheduler,
  InProcessRunQueue,
  type RetryPolicy,
  RunExecutor,
  type RunQueue,
  type RunService,
  type ScheduleService,
} from '../ingest/index.ts';
import type { Config } from './config.ts';
import { createExtractor } from './extractor-factory.ts';
import type { GraphConnection } from './graph-connection.ts';
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
  scheduler?: IngestScheduler;
  /** Stops timers, the queue (aborting in-process runs) and Redis connections. */
  stop(): Promise<void>;
}

/** A run executor on the open graph: what the API process and `matscout worker` both use. */
export function createRunExecutor(
  config: Config,
  graph: GraphConnection,
  options: Pick<
    SchedulingOptions,
    'afterRun' | 'leaseMs' | 'batchSize' | 'retry' | 'perHostDelayMs' | 'log'
  > & {
    holderId?: string;
  } = {},
): RunExecutor {
  const database = config.neo4j.database ? { database: config.neo4j.database } : {};
  let extractor: ReturnType<typeof createExtractor> | undefined;
  return new RunExecutor({
    store: graph.store,
    jobs: new Neo4jRunJobStore(graph.driver, database),
    leases: new Neo4jLeaseStore(graph.driver, database),
    sources: new Neo4jSourceStore(graph.driver, database),
    extractor: () => {
      extractor ??= createExtractor(config);
      return extractor;
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
    afterRun: options.afterRun,
    log: options.log,
  });
}

/** Creates the graph schema of sources, schedules, run jobs and leases (idempotent). */
export async function ensureSchedulingSchema(config: Config, graph: GraphConnection): Promise<void> {
  const database = config.neo4j.database ? { database: config.neo4j.database } : {};
  await new Neo4jSourceStore(graph.driver, database).ensureSchema();
  await new Neo4jScheduleStore(graph.driver, database).ensureSchema();
  await new Neo4jRunJobStore(graph.driver, database).ensureSchema();
  await new Neo4jLeaseStore(graph.driver, database).ensureSchema();
}

/** Schedules and sources without a queue: what the CLI edits (running schedulers pick changes up). */
export async function createScheduleAdmin(config: Config, graph: GraphConnection): Promise<ScheduleService> {
  const database = config.neo4j.database ? { database: config.neo4j.database } : {};
  await ensureSchedulingSchema(config, graph);
  const auditLog = new Neo4jAuditLog(graph.driver, database);
  await auditLog.ensureSchema();
  return createScheduleService({
    schedules: new Neo4jScheduleStore(graph.driver, database),
    sources: new Neo4jSourceStore(graph.driver, database),
    audit: (event) => auditLog.record({ id: `audit-${randomUUID()}`, ...event }),
  });
}

/**
 * Scheduled ingestion for the API process. With QUEUE_URL unset, runs execute here on a bounded
 * queue (unfinished runs from before a restart are queued again); with QUEUE_URL they are only
 * enqueued to BullMQ for `matscout worker` processes. Schedules fire here in both cases.
 */
export async function createSchedulingServices(
  config: Config,
  graph: GraphConnection,
  options: SchedulingOptions = {},
): Promise<SchedulingServices> {
  const database = config.neo4j.database ? { database: config.neo4j.database } : {};
  await ensureSchedulingSchema(config, graph);
  const auditLog = new Neo4jAuditLog(graph.driver, database);
  await auditLog.ensureSchema();
  const audit = (event: {
    type: 'schedule' | 'ingest-run';
    actor: string;
    at: string;
    targetId: string;
    details: Record<string, unknown>;
  }) => auditLog.record({ id: `audit-${randomUUID()}`, ...event });
  const jobs = new Neo4jRunJobStore(graph.driver, database);
  const sources = new Neo4jSourceStore(graph.driver, database);
  const scheduleStore = new Neo4jScheduleStore(graph.driver, database);

  let queue: RunQueue;
  if (config.queueUrl) {
    queue = new BullMqRunQueue({ url: config.queueUrl });
  } else {
    queue = new InProcessRunQueue({
      executor: createRunExecutor(config, graph, options),
      concurrency: options.concurrency ?? 2,
      maxWaiting: options.maxWaiting ?? 1000,
      log: options.log,
    });
    for (const job of await jobs.listUnfinished()) await queue.enqueue(job);
  }
  const runs = createRunService({ store: graph.store, jobs, queue, audit });
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
    store: graph.store,
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
    scheduler,
    async stop() {
      scheduler?.stop();
      await queue.close();
    },
  };
}
