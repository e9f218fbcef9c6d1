import { z } from 'zod';
import type { ScheduleStore, SourceSpec } from '../../graph/index.ts';
import {
  cronPattern,
  cronScheduleProblem,
  describeCronSyntax,
  InvalidCronError,
  NothingToRetryError,
  UnknownSourceError,
} from '../../ingest/index.ts';
import { ingestRunResponseSchema, ingestStartedSchema } from '../api-schemas.ts';
import { BadRequestError, ConflictHttpError, NotFoundHttpError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import { checkSourceSpec, type SchedulingRouteOptions, sourceSpecSchema } from './source-routes.ts';

const scheduleSchema = z
  .object({
    id: z.string(),
    cron: z.string(),
    timezone: z.string().optional(),
    sourceId: z.string(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastSlotAt: z.string().optional(),
    lastRunId: z.string().optional(),
    nextRunAt: z.string().optional(),
  })
  .openapi('Schedule');

/** IANA zone names this Node knows (plus UTC), exactly what the scheduler accepts. */
const timeZones = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])] as [string, ...string[]];
const timeZoneField = z
  .enum(timeZones, { error: 'unknown time zone (use an IANA name like Europe/Berlin)' })
  .openapi({ description: 'IANA time zone of the cron expression (default: the server’s)' });

/**
 * The cron field: the pattern states the syntax (and, with a minimum interval of a minute or more, that a
 * 6-field expression names one second); the refinement also measures the interval between runs.
 */
function cronField(minIntervalSeconds: number) {
  const fixedSecond = minIntervalSeconds >= 60;
  return z
    .string()
    .max(200)
    .superRefine((cron, context) => {
      const problem = cronScheduleProblem(cron, undefined, minIntervalSeconds);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .openapi({
      pattern: cronPattern({ fixedSecond }),
      description: `${describeCronSyntax({ fixedSecond })}; runs at least ${minIntervalSeconds} s apart (e.g. \`0 3 * * 1-5\`, \`*/10 * * * *\`)`,
      example: '0 3 * * 1-5',
    });
}

const sourceField = z.union([
  z.string().min(1).max(200).openapi({ description: 'a declared source id (404 when unknown)' }),
  sourceSpecSchema,
]);

function scheduleBodies(minIntervalSeconds: number) {
  const cron = cronField(minIntervalSeconds);
  return {
    create: z
      .object({
        cron,
        timezone: timeZoneField.optional(),
        source: sourceField,
        enabled: z.boolean().default(true),
      })
      .openapi('ScheduleCreate'),
    change: z
      .object({
        cron: cron.optional(),
        timezone: timeZoneField.nullable().optional(),
        source: sourceField.optional(),
        enabled: z.boolean().optional(),
      })
      .openapi('ScheduleChange'),
  };
}
const idParams = z.object({ id: z.string().min(1).max(200) });

async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidCronError) throw new BadRequestError(error.message);
    if (error instanceof UnknownSourceError) throw new NotFoundHttpError(error.message);
    throw error;
  }
}

async function checkedSource(
  source: string | SourceSpec | undefined,
  allowList: string[],
): Promise<string | SourceSpec | undefined> {
  return typeof source === 'object' ? checkSourceSpec(source, allowList) : source;
}

/** GET|POST /v1/schedules, GET|PATCH|DELETE /v1/schedules/{id}, GET /v1/schedules/{id}/runs (engineer). */
export function scheduleRoutes(
  options: SchedulingRouteOptions & { schedules: ScheduleStore; scheduleMinIntervalSeconds?: number },
): Route[] {
  const service = options.scheduleService;
  const { create: createBody, change: patchBody } = scheduleBodies(options.scheduleMinIntervalSeconds ?? 60);
  return [
    defineRoute({
      method: 'get',
      path: '/v1/schedules',
      operationId: 'listSchedules',
      summary: 'Ingestion schedules with their next run times',
      tags: ['scheduling'],
      access: 'engineer',
      responses: {
        200: { description: 'schedules', schema: z.object({ schedules: z.array(scheduleSchema) }) },
      },
      handle: async () => ({
        body: { schedules: (await options.schedules.listSchedules()).map(service.view) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/schedules',
      operationId: 'createSchedule',
      summary: 'Schedule a source (a declared source id, or an inline source) on a cron expression',
      description:
        'Missed runs after downtime: one catch-up run when the scheduler starts, not one per missed slot.',
      tags: ['scheduling'],
      access: 'engineer',
      body: createBody,
      responses: {
        201: { description: 'created', schema: scheduleSchema },
        404: { description: 'an unknown source id, or a path outside the allowed ingest folders' },
      },
      handle: async ({ body, principal }) => {
        const source = (await checkedSource(body.source, options.ingestPathAllowList)) as string | SourceSpec;
        const schedule = await translate(() =>
          service.create({ ...body, source }, principal?.id ?? 'unknown'),
        );
        return { status: 201, body: schedule, headers: { Location: `/v1/schedules/${schedule.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/schedules/{id}',
      operationId: 'getSchedule',
      summary: 'One schedule',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      responses: {
        200: { description: 'the schedule', schema: scheduleSchema },
        404: { description: 'no such schedule' },
      },
      handle: async ({ params }) => {
        const schedule = await options.schedules.getSchedule(params.id);
        if (!schedule) throw new NotFoundHttpError(`schedule '${params.id}' not found`);
        return { body: service.view(schedule) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/schedules/{id}',
      operationId: 'updateSchedule',
      summary: 'Change a schedule: cron, time zone, source, enabled',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      body: patchBody,
      responses: {
        200: { description: 'updated', schema: scheduleSchema },
        404: { description: 'no such schedule, an unknown source id, or a path outside the allowed folders' },
      },
      handle: async ({ params, body, principal }) => {
        const source = await checkedSource(body.source, options.ingestPathAllowList);
        const schedule = await translate(() =>
          service.update(params.id, { ...body, source }, principal?.id ?? 'unknown'),
        );
        if (!schedule) throw new NotFoundHttpError(`schedule '${params.id}' not found`);
        return { body: schedule };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/schedules/{id}',
      operationId: 'deleteSchedule',
      summary: 'Delete a schedule (its runs stay)',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      responses: { 204: { description: 'deleted' }, 404: { description: 'no such schedule' } },
      handle: async ({ params, principal }) => {
        if (!(await service.remove(params.id, principal?.id ?? 'unknown')))
          throw new NotFoundHttpError(`schedule '${params.id}' not found`);
        return { status: 204, body: undefined };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/schedules/{id}/runs',
      operationId: 'listScheduleRuns',
      summary: 'Runs a schedule started, newest first',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      responses: {
        200: { description: 'runs', schema: z.object({ runs: z.array(ingestRunResponseSchema) }) },
      },
      handle: async ({ params }) => {
        const jobs = await options.jobs.listJobs({ scheduleId: params.id, limit: 100 });
        const runs = await Promise.all(jobs.map((job) => options.store.getIngestRun(job.runId)));
        return { body: { runs: runs.filter((run) => run !== undefined) } };
      },
    }),
  ];
}

/** POST /v1/ingest/runs/{id}/cancel and /retry (engineer). */
export function runControlRoutes(options: SchedulingRouteOptions): Route[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/ingest/runs/{id}/cancel',
      operationId: 'cancelIngestRun',
      summary: 'Cancel a queued or running run',
      tags: ['ingestion'],
      access: 'engineer',
      params: idParams,
      responses: {
        202: {
          description: 'cancelled or cancelling',
          schema: z.object({ runId: z.string(), status: z.string() }),
        },
        404: { description: 'no such run' },
        409: { description: 'the run has finished' },
      },
      handle: async ({ params, principal }) => {
        const outcome = await options.runs.cancel(params.id, principal?.id ?? 'unknown');
        if (outcome === 'not-found') throw new NotFoundHttpError(`ingest run '${params.id}' not found`);
        if (outcome === 'finished')
          throw new ConflictHttpError(`ingest run '${params.id}' has already finished`);
        return { status: 202, body: { runId: params.id, status: outcome } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/ingest/runs/{id}/retry',
      operationId: 'retryIngestRun',
      summary: 'A new run over the failed retryable items of a run',
      tags: ['ingestion'],
      access: 'engineer',
      params: idParams,
      responses: {
        202: { description: 'queued', schema: ingestStartedSchema },
        404: { description: 'no such run' },
        409: { description: 'nothing to retry' },
      },
      handle: async ({ params, principal }) => {
        if (!(await options.store.getIngestRun(params.id)))
          throw new NotFoundHttpError(`ingest run '${params.id}' not found`);
        try {
          const runId = await options.runs.retry(params.id, principal?.id ?? 'unknown');
          return { status: 202, body: { runId }, headers: { Location: `/v1/ingest/runs/${runId}` } };
        } catch (error) {
          if (error instanceof NothingToRetryError) throw new ConflictHttpError(error.message);
          throw error;
        }
      },
    }),
  ];
}
