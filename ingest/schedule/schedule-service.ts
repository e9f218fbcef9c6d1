import { randomUUID } from 'node:crypto';
import type {
  DeclaredSource,
  IngestSchedule,
  ScheduleStore,
  SourceSpec,
  SourceStore,
} from '../../graph/index.ts';
import { checkCronSchedule } from './cron-syntax.ts';
import { createGlobMatcher } from './glob-pattern.ts';
import { type IngestScheduler, nextCronRun } from './ingest-scheduler.ts';
import type { RunService } from './run-service.ts';
import { describeSource } from './source-plan.ts';

/** A schedule change for the audit trail (the API writes AuditEvents of type `schedule`). */
export interface ScheduleAuditEvent {
  type: 'schedule';
  actor: string;
  at: string;
  targetId: string;
  details: Record<string, unknown>;
}

/** A schedule as listed: with its next run time when enabled. */
export interface ScheduleView extends IngestSchedule {
  nextRunAt?: string;
}

export class UnknownSourceError extends Error {
  constructor(id: string) {
    super(`source '${id}' is not declared (declare it with POST /v1/sources or \`matscout sources add\`)`);
    this.name = 'UnknownSourceError';
  }
}

export interface ScheduleChange {
  cron?: string;
  timezone?: string | null;
  enabled?: boolean;
  /** A declared source id, or an inline source declared on the fly. */
  source?: string | SourceSpec;
}

export interface ScheduleService {
  declareSource(
    spec: SourceSpec,
    options: { id?: string; name?: string; actor: string },
  ): Promise<DeclaredSource>;
  create(
    change: Required<Pick<ScheduleChange, 'cron' | 'source'>> & ScheduleChange,
    actor: string,
  ): Promise<ScheduleView>;
  update(id: string, change: ScheduleChange, actor: string): Promise<ScheduleView | undefined>;
  remove(id: string, actor: string): Promise<boolean>;
  /** Removes a declared source (its documents stay) with its audit event, in one transaction. */
  removeSource(id: string, actor: string): Promise<boolean>;
  view(schedule: IngestSchedule): ScheduleView;
  /** Starts a schedule's run for a slot unless another scheduler has claimed that slot. */
  fire(schedule: IngestSchedule, slotAt: Date, reason: 'cron' | 'catch-up'): Promise<string | undefined>;
}

/** Schedules and sources with validation, audit events, and the scheduler kept in step. */
export function createScheduleService(options: {
  schedules: ScheduleStore;
  sources: SourceStore;
  /** Needed to fire schedules; the CLI edits schedules without it. */
  runs?: RunService;
  scheduler?: () => IngestScheduler | undefined;
  audit?: (event: ScheduleAuditEvent) => Promise<void>;
  /** Schedules whose runs would come closer together are refused (default 60 s). */
  minIntervalSeconds?: number;
  now?: () => Date;
}): ScheduleService {
  const minIntervalSeconds = options.minIntervalSeconds ?? 60;
  const now = options.now ?? (() => new Date());
  const { schedules, sources, runs } = options;

  const view = (schedule: IngestSchedule): ScheduleView => {
    if (!schedule.enabled) return schedule;
    const armed = options.scheduler?.()?.nextRun(schedule.id);
    let next = armed;
    try {
      next ??= nextCronRun(schedule.cron, schedule.timezone, now());
    } catch {
      next = undefined;
    }
    return { ...schedule, nextRunAt: next?.toISOString() };
  };

  const declareSource: ScheduleService['declareSource'] = async (spec, { id, name, actor }) => {
    // Throws InvalidGlobError: a glob that cannot work is refused now, not at every run.
    if (spec.type === 'folder' && spec.glob !== undefined) createGlobMatcher(spec.glob);
    const at = now().toISOString();
    const source: DeclaredSource = {
      id: id ?? `src-${randomUUID()}`,
      name: name ?? '',
      spec,
      cursor: {},
      createdAt: at,
      updatedAt: at,
    };
    source.name ||= describeSource(source);
    const existing = await sources.getSource(source.id);
    if (existing) {
      source.createdAt = existing.createdAt;
      // A changed location starts from scratch; the same one keeps what it has seen.
      if (JSON.stringify(existing.spec) === JSON.stringify(spec)) source.cursor = existing.cursor;
    }
    await sources.saveSource(source);
    await options.audit?.({
      type: 'schedule',
      actor,
      at,
      targetId: source.id,
      details: { action: existing ? 'update-source' : 'declare-source', spec },
    });
    return source;
  };

  const resolveSource = async (source: string | SourceSpec, actor: string): Promise<string> => {
    if (typeof source !== 'string') return (await declareSource(source, { actor })).id;
    if (!(await sources.getSource(source))) throw new UnknownSourceError(source);
    return source;
  };

  const armed = (schedule: IngestSchedule) => options.scheduler?.()?.arm(schedule);

  return {
    declareSource,
    view,
    async create(change, actor) {
      nextCronRun(change.cron, change.timezone ?? undefined);
      checkCronSchedule(change.cron.trim(), change.timezone ?? undefined, minIntervalSeconds);
      const at = now().toISOString();
      const schedule: IngestSchedule = {
        id: `sched-${randomUUID()}`,
        cron: change.cron.trim(),
        timezone: change.timezone ?? undefined,
        sourceId: await resolveSource(change.source, actor),
        enabled: change.enabled ?? true,
        createdAt: at,
        updatedAt: at,
      };
      await schedules.saveSchedule(schedule);
      await options.audit?.({
        type: 'schedule',
        actor,
        at,
        targetId: schedule.id,
        details: { action: 'create', ...schedule },
      });
      armed(schedule);
      return view(schedule);
    },
    async update(id, change, actor) {
      const current = await schedules.getSchedule(id);
      if (!current) return undefined;
      const at = now().toISOString();
      const next: IngestSchedule = {
        ...current,
        cron: change.cron?.trim() ?? current.cron,
        timezone: change.timezone === null ? undefined : (change.timezone ?? current.timezone),
        enabled: change.enabled ?? current.enabled,
        sourceId: change.source === undefined ? current.sourceId : await resolveSource(change.source, actor),
        updatedAt: at,
      };
      nextCronRun(next.cron, next.timezone);
      if (change.cron !== undefined || change.timezone !== undefined) {
        checkCronSchedule(next.cron, next.timezone, minIntervalSeconds);
      }
      // Re-enabling starts afresh: slots missed while disabled are not caught up.
      if (!current.enabled && next.enabled) next.lastSlotAt = at;
      await schedules.saveSchedule(next);
      await options.audit?.({
        type: 'schedule',
        actor,
        at,
        targetId: id,
        details: { action: 'update', change, before: current },
      });
      armed(next);
      return view(next);
    },
    async remove(id, actor) {
      const removed = await schedules.removeSchedule(id);
      if (!removed) return false;
      await options.audit?.({
        type: 'schedule',
        actor,
        at: now().toISOString(),
        targetId: id,
        details: { action: 'delete' },
      });
      options.scheduler?.()?.disarm(id);
      return true;
    },
    async removeSource(id, actor) {
      const source = await sources.getSource(id);
      if (!source) return false;
      return sources.removeSource(id, {
        id: `audit-${randomUUID()}`,
        type: 'schedule',
        actor,
        at: now().toISOString(),
        targetId: id,
        details: { action: 'remove-source', name: source.name, spec: source.spec },
      });
    },
    async fire(schedule, slotAt, reason) {
      if (!runs) throw new Error('this schedule service cannot start runs');
      const runId = `run-${randomUUID()}`;
      if (!(await schedules.claimSlot(schedule.id, slotAt.toISOString(), runId))) return undefined;
      return runs.start({
        runId,
        sourceId: schedule.sourceId,
        sourceLabel: schedule.sourceId,
        requestedBy: `schedule:${schedule.id}`,
        trigger: 'schedule',
        scheduleId: schedule.id,
        reason,
      });
    },
  };
}
