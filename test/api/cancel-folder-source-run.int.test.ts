import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jRunJobStore } from '../../graph/index.ts';
import {
  addPressRelease,
  completedJob,
  finishedRun,
  makeTempDir,
  storedPerOrigin,
  waitFor,
} from '../ingest/schedule/scheduling-fixtures.ts';
import { type SchedulingApp, startSchedulingApp } from './scheduling-app.ts';

/**
 * A folder source's run hashes every new file for the source's cursor; for years of weekly files that is
 * minutes of reading. The run must be under way meanwhile (reading the files hashed so far, its record
 * running), and a cancel must stop a hash in the middle, free the source for its next run and leave its
 * cursor where it was.
 */
describe('cancelling a folder source run while it hashes a huge new file', () => {
  let api: SchedulingApp;
  let folder: string;
  let huge: string;

  beforeAll(async () => {
    folder = await makeTempDir('plan-cancel');
    await addPressRelease(folder, 'a.md', 'polyamide 66');
    // A sparse file of 1 TiB: hashing it would take many minutes, so only a stop ends it.
    huge = path.join(folder, 'b-weekly.xml');
    const handle = await open(huge, 'w');
    await handle.truncate(2 ** 40);
    await handle.close();
    api = await startSchedulingApp({ INGEST_PATH_ALLOW_LIST: folder }, { scheduler: false });
  });

  afterAll(async () => {
    await api?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('runs while it hashes, stops the hash on cancel, keeps the cursor, and the next run reads the folder', async () => {
    const source = await api.call('POST', '/v1/sources', { type: 'folder', path: folder });
    expect(source.status).toBe(201);
    const sourceId = source.body.id as string;
    const started = await api.call('POST', `/v1/sources/${encodeURIComponent(sourceId)}/runs`);
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    const jobs = new Neo4jRunJobStore(api.graph.driver);
    // Under way while the huge file is hashed: the run does not wait for every file to be hashed.
    await waitFor(
      async () => ((await api.graph.store.getIngestRun(runId))?.status === 'running' ? true : undefined),
      20_000,
      'the run to be running',
    );
    const cancelled = await api.call('POST', `/v1/ingest/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(202);
    // The executor lets go of the run (and of the source's lease) once the hash stopped.
    await completedJob(jobs, runId);
    const run = await finishedRun(api.graph.store, runId);
    expect(run.status).toBe('cancelled');
    // The press release was the only item: the huge file never became one.
    expect(run.counts).toMatchObject({ items: 1, failed: 0 });
    expect(run.errors).toEqual([]);
    const afterCancel = await api.call('GET', `/v1/sources/${encodeURIComponent(sourceId)}`);
    expect(afterCancel.body.cursor.files).toBe(0);

    // The cursor stayed: the next run, without the huge file, reads the press release (or finds it
    // stored, had the stopped run written it before the cancel).
    await rm(huge);
    const next = await api.call('POST', `/v1/sources/${encodeURIComponent(sourceId)}/runs`);
    const second = await finishedRun(api.graph.store, next.body.runId as string);
    expect(second.status).toBe('succeeded');
    expect(second.counts.items).toBe(1);
    expect(second.counts.added + second.counts.unchanged).toBe(1);
    expect(second.counts.added + run.counts.added).toBe(1);
    expect(await storedPerOrigin(api.graph.driver, [path.join(folder, 'a.md')])).toEqual({
      [path.join(folder, 'a.md')]: 1,
    });
  });
});
