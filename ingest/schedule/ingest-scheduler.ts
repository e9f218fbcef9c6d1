import { Cron } from 'croner';
import type { IngestSchedule, ScheduleStore } from '../../graph/index.ts';

/** A cron expression or time zone croner cannot use. */
export class InvalidCronError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidCronError';
  }
}

/**
 * Checks a cron expression (5 fields, or 6 with seconds first) in a time zone; returns its next run
 * after `from`, or undefined when it never fires again.
 */
export function nextCronRun(cron: string, timezone?: string, from: Date = new Date()): Date | undefined {
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    throw new InvalidCronError(`cron must have 5 fields (or 6 with seconds first), not ${fields}: '${cron}'`);
  }
  if (timezone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch (error) {
      throw new InvalidCronError(`unknown time zone '${timezone}' (use an IANA name like Europe/Berlin)`, {
        cause: error,
      });
    }
  }
  try {
    const job = new Cron(cron, { timezone, paused: true });
    const next = job.nextRun(from);
    job.stop();
    return next ?? undefined;
  } catch (error) {
    throw new InvalidCronError(`invalid cron expression '${cron}': ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Starts one run for a schedule's slot; returns false when another scheduler claimed it. */
export type FireSchedule = (
  schedule: IngestSchedule,
  slotAt: Date,
  reason: 'cron' | 'catch-up',
) => Promise<void>;

export interface IngestSchedulerOptions {
  schedules: ScheduleStore;
  fire: FireSchedule;
  now?: () => Date;
  /** Re-reads schedules this often (changes made by the CLI or another API process). */
  refreshMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * Runs schedules in this process with croner (`protect`: a slow run never overlaps its next slot).
 * Missed runs after downtime: one catch-up run on start per schedule that missed any slot, never
 * one per missed slot.
 */
export class IngestScheduler {
  private readonly options: IngestSchedulerOptions;
  private readonly jobs = new Map<string, { cron: Cron; version: string }>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(options: IngestSchedulerOptions) {
    this.options = options;
  }

  async start(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    for (const schedule of await this.options.schedules.listSchedules({ limit: 1000 })) {
      if (!schedule.enabled) continue;
      const since = new Date(schedule.lastSlotAt ?? schedule.createdAt);
      const missed = nextCronRunSafe(schedule, since);
      if (missed && missed.getTime() < now.getTime() - 1000) {
        this.options.log?.('catching up a missed schedule', {
          scheduleId: schedule.id,
          missed: missed.toISOString(),
        });
        await this.fire(schedule, now, 'catch-up');
      }
    }
    await this.refresh();
    if (this.options.refreshMs !== 0) {
      this.refreshTimer = setInterval(() => {
        this.refresh().catch((error: unknown) =>
          this.options.log?.('schedule refresh failed', { error: (error as Error).message }),
        );
      }, this.options.refreshMs ?? 30_000);
      this.refreshTimer.unref();
    }
  }

  /** Re-reads every schedule and arms, re-arms or disarms its timer. */
  async refresh(): Promise<void> {
    const schedules = await this.options.schedules.listSchedules({ limit: 1000 });
    const seen = new Set<string>();
    for (const schedule of schedules) {
      seen.add(schedule.id);
      this.arm(schedule);
    }
    for (const id of [...this.jobs.keys()]) if (!seen.has(id)) this.disarm(id);
  }

  /** Arms one schedule after a change (disarms it when disabled). */
  arm(schedule: IngestSchedule): void {
    const version = `${schedule.cron}|${schedule.timezone ?? ''}|${schedule.enabled}|${schedule.sourceId}`;
    const current = this.jobs.get(schedule.id);
    if (current?.version === version) return;
    this.disarm(schedule.id);
    if (!schedule.enabled) return;
    try {
      const cron: Cron = new Cron(
        schedule.cron,
        { timezone: schedule.timezone, protect: true, catch: true, unref: true, name: undefined },
        async () => {
          const slot = cron.currentRun() ?? new Date();
          const latest = await this.options.schedules.getSchedule(schedule.id);
          if (latest?.enabled) await this.fire(latest, slot, 'cron');
        },
      );
      this.jobs.set(schedule.id, { cron, version });
    } catch (error) {
      this.options.log?.('schedule not armed', { scheduleId: schedule.id, error: (error as Error).message });
    }
  }

  disarm(id: string): void {
    this.jobs.get(id)?.cron.stop();
    this.jobs.delete(id);
  }

  /** The next run time of an armed schedule. */
  nextRun(id: string): Date | undefined {
    return this.jobs.get(id)?.cron.nextRun() ?? undefined;
  }

  stop(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    for (const id of [...this.jobs.keys()]) this.disarm(id);
  }

  private async fire(schedule: IngestSchedule, slot: Date, reason: 'cron' | 'catch-up'): Promise<void> {
    try {
      await this.options.fire(schedule, slot, reason);
    } catch (error) {
      this.options.log?.('scheduled run not started', {
        scheduleId: schedule.id,
        error: (error as Error).message,
      });
    }
  }
}

function nextCronRunSafe(schedule: IngestSchedule, since: Date): Date | undefined {
  try {
    return nextCronRun(schedule.cron, schedule.timezone, since);
  } catch {
    return undefined;
  }
}
