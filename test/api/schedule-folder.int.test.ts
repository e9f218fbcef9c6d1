import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRun } from '../../graph/index.ts';
import { Neo4jAuditLog } from '../../graph/index.ts';
import { addArticle, addPressRelease, makeTempDir, waitFor } from '../ingest/schedule/scheduling-fixtures.ts';
import { type SchedulingApp, startSchedulingApp } from './scheduling-app.ts';

describe('a schedule on a folder source', () => {
  let api: SchedulingApp;
  let folder: string;

  beforeAll(async () => {
    folder = await makeTempDir('sched-folder');
    // Runs every two seconds keep the test short; the default minimum interval is a minute.
    api = await startSchedulingApp(
      { INGEST_PATH_ALLOW_LIST: folder, SCHEDULE_MIN_INTERVAL_SECONDS: '1' },
      { leaseMs: 3000, schedulerRefreshMs: 0 },
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  const call = (method: string, path: string, body?: unknown) => api.call(method, path, body);

  it('runs on time, then ingests only the new file, and shows both runs with counts', async () => {
    await addPressRelease(folder, 'one.md');
    await addPressRelease(folder, 'two.md', 'PEEK');
    const source = await call('POST', '/v1/sources', { type: 'folder', path: folder, glob: '*.md' });
    expect(source.status).toBe(201);
    const created = await call('POST', '/v1/schedules', {
      cron: '*/2 * * * * *',
      timezone: 'Europe/Berlin',
      source: source.body.id,
      enabled: true,
    });
    expect(created.status).toBe(201);
    const scheduleId = created.body.id as string;
    expect(Date.parse(created.body.nextRunAt)).toBeGreaterThan(Date.now() - 1000);

    const history = async () =>
      (await call('GET', `/v1/schedules/${scheduleId}/runs`)).body.runs as IngestRun[];
    const first = await waitFor(
      async () => (await history()).find((run) => run.status === 'succeeded' && run.counts.items > 0),
      30_000,
      'the first scheduled run',
    );
    expect(first.counts.items).toBe(2);
    expect(first.counts.added).toBe(2);

    await addPressRelease(folder, 'three.md', 'graphene');
    const second = await waitFor(
      async () =>
        (await history()).find(
          (run) => run.id !== first.id && run.status === 'succeeded' && run.counts.items > 0,
        ),
      30_000,
      'the run after a new file',
    );
    expect(second.counts.items).toBe(1);
    expect(second.counts.added).toBe(1);

    const disabled = await call('PATCH', `/v1/schedules/${scheduleId}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
    const runs = (await history()).filter((run) => run.counts.items > 0);
    expect(runs.map((run) => run.counts.items).sort()).toEqual([1, 2]);
    for (const run of runs) expect(run.durationMs).toBeGreaterThanOrEqual(0);

    const single = await call('GET', `/v1/ingest/runs/${second.id}`);
    expect(single.body.counts.added).toBe(1);
    const audit = await new Neo4jAuditLog(api.graph.driver).listForTarget(scheduleId);
    expect(audit.map((event) => (event.details as { action: string }).action)).toEqual(['create', 'update']);
    expect(audit.every((event) => event.type === 'schedule')).toBe(true);

    expect((await call('DELETE', `/v1/schedules/${scheduleId}`)).status).toBe(204);
    expect((await call('GET', `/v1/schedules/${scheduleId}`)).status).toBe(404);
  });

  it('rejects bad cron expressions and time zones with a clear message', async () => {
    const bad = await call('POST', '/v1/schedules', {
      cron: '61 * * * *',
      source: { type: 'folder', path: folder },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cron/);
    const zone = await call('POST', '/v1/schedules', {
      cron: '0 3 * * 1-5',
      timezone: 'Mars/Olympus',
      source: { type: 'folder', path: folder },
    });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toMatch(/time zone/);
    const outside = await call('POST', '/v1/schedules', {
      cron: '0 3 * * *',
      source: { type: 'folder', path: '/etc' },
    });
    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe('PATH_NOT_FOUND');
  });

  it('POST /v1/ingest/runs returns 202 and the run finishes; cancel of a finished run is 409', async () => {
    await addArticle(folder, 3, 'four.md');
    const started = await call('POST', '/v1/ingest/runs', { source: `${folder}/four.md` });
    expect(started.status).toBe(202);
    const run = await waitFor(
      async () => {
        const current = (await call('GET', `/v1/ingest/runs/${started.body.runId}`)).body as IngestRun;
        return current.status === 'succeeded' ? current : undefined;
      },
      30_000,
      'the API run',
    );
    expect(run.counts.items).toBe(1);
    expect((await call('POST', `/v1/ingest/runs/${run.id}/cancel`)).status).toBe(409);
    expect((await call('POST', `/v1/ingest/runs/${run.id}/retry`)).status).toBe(409);
  });
});
