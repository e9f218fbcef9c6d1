import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRun, Neo4jGraphStore } from '../../graph/index.ts';
import { runCli, startCli } from '../support/cli.ts';
import { deleteDocumentsTitled, openTestStore, testNeo4jEnv, uniqueSuffix } from '../support/graph.ts';

/**
 * Ctrl-C on a backfill: `matscout ingest` stops at its next safe point instead of dying, records the run
 * as cancelled, prints its summary, exits 130, and keeps what it wrote; the same command resumes.
 * The run is caught at a known point: after a folder of releases, its last input is a URL whose server
 * sends the headers and then nothing, and the signal goes when that request arrives.
 */
describe('matscout ingest stopped by SIGINT', () => {
  const env = () => ({
    ...testNeo4jEnv(),
    URL_ALLOW_LIST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const suffix = uniqueSuffix('stop');
  let store: Neo4jGraphStore;
  let dir: string;
  let server: Server;
  let stalledUrl: string;
  let requested: () => void;
  const request = new Promise<void>((resolve) => {
    requested = resolve;
  });

  beforeAll(async () => {
    store = openTestStore();
    dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-ingest-stop-'));
    await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        writeFile(
          path.join(dir, `release-${n}.md`),
          `# Capacitor film release ${n} ${suffix}\n\nOSAKA, May ${n + 1}, 2025 /Sample Wire/ -- Biaxially oriented polypropylene film number ${n} is used in capacitors for inverters.\n`,
        ),
      ),
    );
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/markdown' });
      response.write('# A release that never ends\n\n');
      requested();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stalledUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stalled.md`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await deleteDocumentsTitled(store, suffix);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records the run as cancelled, keeps what it wrote, exits 130, and the same command resumes', async () => {
    // One document per transaction, written as it comes: all six are written before the URL is read.
    const flags = ['--threads', '0', '--look-ahead', '0', '--batch-size', '1'];
    const cli = startCli(['ingest', dir, stalledUrl, ...flags], env());
    try {
      await request;
      cli.child.kill('SIGINT');
      const result = await cli.exited;
      expect(result.code, result.stderr).toBe(130);
      expect(result.stderr).toMatch(/stopping on SIGINT/);
      expect(result.stderr).toMatch(/the same command resumes/);
      const id = /run (run-[\w-]+): cancelled in/.exec(result.stdout)?.[1];
      expect(id, result.stdout).toBeDefined();
      const run = await store.getIngestRun(id as string);
      expect(run?.status).toBe('cancelled');
      expect(run?.finishedAt).toBeDefined();
      expect(run?.counts.items).toBe(7);
      expect(run?.counts.added).toBe(6);
      // The download the stop cut short is not the URL's failure: the next run reads it.
      expect(run?.errors).toEqual([]);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }

    const titles = await store.driver.executeQuery(
      'MATCH (d:Document) WHERE d.title CONTAINS $suffix RETURN d.title AS title ORDER BY title',
      { suffix },
    );
    expect(titles.records.map((record) => record.get('title'))).toEqual(
      Array.from({ length: 6 }, (_, n) => `Capacitor film release ${n} ${suffix}`),
    );

    const again = await runCli(['ingest', dir, ...flags, '--json'], env());
    expect(again.code, again.stderr).toBe(0);
    const resumed = JSON.parse(again.stdout) as IngestRun;
    expect(resumed.status).toBe('succeeded');
    expect(resumed.counts).toMatchObject({ added: 0, unchanged: 6, failed: 0 });
  });
});
