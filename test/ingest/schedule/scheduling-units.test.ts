import { describe, expect, it } from 'vitest';
import type { IngestSchedule, ScheduleStore } from '../../../graph/index.ts';
import { createGlobMatcher } from '../../../ingest/schedule/glob-pattern.ts';
import { HostLimiter } from '../../../ingest/schedule/host-limiter.ts';
import { IngestScheduler, nextCronRun } from '../../../ingest/schedule/ingest-scheduler.ts';
import { backoffDelay, withRetry } from '../../../ingest/schedule/retry-policy.ts';

describe('createGlobMatcher', () => {
  it('matches names at any depth without a slash, and paths with one', () => {
    expect(createGlobMatcher('*.md')('a/b/c.md')).toBe(true);
    expect(createGlobMatcher('*.md')('c.xml')).toBe(false);
    expect(createGlobMatcher('2024/**/*.{xml,md}')('2024/01/02/x.xml')).toBe(true);
    expect(createGlobMatcher('2024/**/*.{xml,md}')('2024/x.md')).toBe(true);
    expect(createGlobMatcher('2024/*.md')('2025/x.md')).toBe(false);
  });
});

describe('nextCronRun', () => {
  it('takes 5- and 6-field expressions in a time zone', () => {
    const from = new Date('2026-03-02T00:00:00Z');
    expect(nextCronRun('0 3 * * 1-5', 'Europe/Berlin', from)?.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(nextCronRun('*/10 * * * * *', undefined, from)?.toISOString()).toBe('2026-03-02T00:00:10.000Z');
  });
  it('refuses bad expressions and zones with a clear message', () => {
    expect(() => nextCronRun('* * *')).toThrow(/5 fields/);
    expect(() => nextCronRun('61 * * * *')).toThrow(/invalid cron/);
    expect(() => nextCronRun('0 3 * * *', 'Mars/Olympus')).toThrow(/time zone/);
  });
});

describe('retries', () => {
  it('backs off exponentially within bounds', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
  });
  it('retries retryable errors only, honouring Retry-After', async () => {
    const waits: number[] = [];
    const policy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 5000 };
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('503'), { retryable: true });
        if (calls === 2) throw Object.assign(new Error('429'), { retryable: true, after: 1500 });
        return 'ok';
      },
      {
        policy,
        isRetryable: (error) => Boolean((error as { retryable?: boolean }).retryable),
        retryAfterMs: (error) => (error as { after?: number }).after,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    expect(result).toBe('ok');
    expect(waits[1]).toBe(1500);
    let bad = 0;
    await expect(
      withRetry(
        async () => {
          bad += 1;
          throw new Error('bad file');
        },
        { policy, isRetryable: () => false, sleep: async () => {} },
      ),
    ).rejects.toThrow('bad file');
    expect(bad).toBe(1);
  });
});

describe('HostLimiter', () => {
  it('runs one request per host at a time, spaced by the delay', async () => {
    const limiter = new HostLimiter({ concurrency: 1, delayMs: 50 });
    let active = 0;
    let most = 0;
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, () =>
        limiter.run('example.org', async () => {
          starts.push(Date.now());
          active += 1;
          most = Math.max(most, active);
          await new Promise((resolve) => setTimeout(resolve, 10));
          active -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    for (let index = 1; index < starts.length; index++) {
      expect((starts[index] as number) - (starts[index - 1] as number)).toBeGreaterThanOrEqual(45);
    }
  });
});

describe('IngestScheduler missed-run policy', () => {
  const store = (schedules: IngestSchedule[]): ScheduleStore => ({
    saveSchedule: async () => {},
    getSchedule: async (id) => schedules.find((schedule) => schedule.id === id),
    listSchedules: async () => schedules,
    removeSchedule: async () => true,
    claimSlot: async () => true,
  });

  it('runs once on start for a schedule that missed slots, not once per slot', async () => {
    const now = new Date('2026-06-02T12:00:00Z');
    const base = { sourceId: 's', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    const fired: Array<[string, string]> = [];
    const scheduler = new IngestScheduler({
      schedules: store([
        // Hourly, last ran 10 hours ago: 10 missed slots, one catch-up.
        { ...base, id: 'missed', cron: '0 * * * *', enabled: true, lastSlotAt: '2026-06-02T02:00:00Z' },
        { ...base, id: 'disabled', cron: '0 * * * *', enabled: false, lastSlotAt: '2026-06-02T02:00:00Z' },
        { ...base, id: 'current', cron: '0 0 1 1 *', enabled: true, lastSlotAt: '2026-01-01T00:00:00Z' },
      ]),
      fire: async (schedule, _slot, reason) => {
        fired.push([schedule.id, reason]);
      },
      now: () => now,
      refreshMs: 0,
    });
    await scheduler.start();
    scheduler.stop();
    expect(fired).toEqual([['missed', 'catch-up']]);
  });
});
