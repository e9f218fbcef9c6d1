import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRun } from '../../graph/index.ts';
import { makeTempDir } from '../ingest/schedule/scheduling-fixtures.ts';
import { repoRoot } from '../support/paths.ts';
import { type SchedulingApp, startSchedulingApp } from './scheduling-app.ts';

const copies = 10;

/** The committed sample press releases, each written `copies` times under a new title (new documents). */
async function writeCopies(folder: string): Promise<number> {
  const corpus = path.join(repoRoot, 'samples', 'corpus', 'press-releases');
  const files = (await readdir(corpus, { withFileTypes: true, recursive: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
  const tag = randomUUID().slice(0, 8);
  let written = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (let copy = 0; copy < copies; copy += 1) {
      const retitled = text.replace(/^# /, `# Sample ${tag}-${copy}: `);
      // The folders keep their …/YYYY/MMDD/… names: releases without a dateline are dated by them.
      const target = path.join(folder, path.dirname(path.relative(corpus, file)));
      await mkdir(target, { recursive: true });
      await writeFile(path.join(target, `${copy}-${path.basename(file)}`), retitled);
      written += 1;
    }
  }
  return written;
}

describe('an ingestion run started through the API', () => {
  let api: SchedulingApp;
  let folder: string;

  beforeAll(async () => {
    folder = await makeTempDir('off-loop');
    // The test polls quickly: the rate limit must not turn its requests into 429s.
    api = await startSchedulingApp(
      { INGEST_PATH_ALLOW_LIST: folder, INGEST_THREADS: '1', RATE_LIMIT_PER_MINUTE: '1000000' },
      { scheduler: false },
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  it('parses and extracts on worker threads while /health keeps answering', async () => {
    const documents = await writeCopies(folder);
    expect(api.scheduling.extractionStats()).toBeUndefined();
    const started = await fetch(`${api.app.url}/v1/ingest/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source: folder }),
    });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };

    let healthyWhileRunning = 0;
    let run: IngestRun | undefined;
    for (;;) {
      const health = await fetch(`${api.app.url}/health`);
      const healthy = health.status === 200;
      await health.arrayBuffer();
      const answer = await fetch(`${api.app.url}/v1/ingest/runs/${runId}`, {
        headers: { authorization: `Bearer ${api.key}` },
      });
      expect(answer.status).toBe(200);
      run = (await answer.json()) as IngestRun;
      if (run.status === 'queued' || run.status === 'running') {
        if (healthy) healthyWhileRunning += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      break;
    }

    expect(run.errors).toEqual([]);
    expect(run.status).toBe('succeeded');
    expect(run.counts.added).toBe(documents);
    expect(healthyWhileRunning).toBeGreaterThan(0);
    const stats = api.scheduling.extractionStats();
    // Each document once, and again those that named a term promoted before they were written.
    expect(stats?.completed).toBe(documents + (run.counts.reanalysed ?? 0));
    // Every file was parsed on the pool as well: the API thread only wrote to the graph.
    expect(stats?.parsedInputs).toBe(documents);
    expect(stats?.threadIds.length).toBeGreaterThanOrEqual(1);
    expect(stats?.threadIds).not.toContain(threadId);
  });
});
