/** The BullMQ run queue (API side) and run worker (worker side). */
export {
  BullMqRunQueue,
  createRedisConnection,
  defaultQueueName,
  startRunWorker,
} from './bullmq-run-queue.ts';
/** The cron syntax schedules accept (one pattern, shared with the API's schema) and the minimum interval. */
export {
  checkCronSchedule,
  cronPattern,
  cronScheduleProblem,
  describeCronSyntax,
  shortestCronInterval,
} from './cron-syntax.ts';
/** Globs for folder sources: validated when declared, matched one path segment at a time. */
export {
  createGlobMatcher,
  type GlobMatcher,
  globProblem,
  globSchemaPattern,
  InvalidGlobError,
  maxGlobLength,
} from './glob-pattern.ts';
/** Per-host politeness: concurrency and spacing of requests. */
export { HostLimiter } from './host-limiter.ts';
/** The embedded default queue: bounded, executing runs in this process. */
export { InProcessRunQueue, type InProcessRunQueueOptions } from './in-process-run-queue.ts';
/** Cron schedules on croner, with the missed-run policy (one catch-up run on start). */
export { type FireSchedule, IngestScheduler, InvalidCronError, nextCronRun } from './ingest-scheduler.ts';
/** safeFetch behind a per-host limiter, with backoff for retryable failures. */
export {
  createPoliteFetcher,
  type DownloadLimits,
  defaultUserAgent,
  type PoliteFetcher,
  type PoliteFetcherOptions,
} from './polite-fetcher.ts';
/** Backoff policy for network errors, 5xx and 429 (Retry-After). */
export { backoffDelay, defaultRetryPolicy, type RetryPolicy, withRetry } from './retry-policy.ts';
/** Executes a run job under its source's lease and moves the source's cursor. */
export { type ExecutionResult, emptyRun, RunExecutor, type RunExecutorDependencies } from './run-executor.ts';
/** The run queue contract. */
export { QueueFullError, type RunQueue } from './run-queue.ts';
/** Unfinished runs handed to the queue again (at start and periodically), in both queue modes. */
export {
  type ReconcileReport,
  type RunReconcilerOptions,
  reconcileUnfinishedRuns,
  startRunReconciler,
} from './run-reconciler.ts';
/** Starting, cancelling and retrying runs. */
export {
  type CancelOutcome,
  createRunService,
  EnqueueFailedError,
  NothingToRetryError,
  type RunAuditEvent,
  type RunService,
  type StartRunRequest,
} from './run-service.ts';
/** Schedules and sources with validation and audit events. */
export {
  createScheduleService,
  type ScheduleAuditEvent,
  type ScheduleChange,
  type ScheduleService,
  type ScheduleView,
  UnknownSourceError,
} from './schedule-service.ts';
/** What a run of a declared source reads (new or changed items only). */
export { describeSource, planSourceRun, type SourcePlan, type SourcePlanOptions } from './source-plan.ts';
