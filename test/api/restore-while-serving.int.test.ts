import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createGraphBackup,
  deleteAllNodes,
  type Neo4jConnection,
  type Neo4jGraphStore,
  restoreGraphBackup,
} from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';
import { type ServedApp, startServedApp } from '../support/served-app.ts';

const connection = (): Neo4jConnection => ({
  uri: inject('neo4jUri'),
  user: inject('neo4jUser'),
  password: inject('neo4jPassword'),
});

/**
 * A server keeps the vocabulary it compiled (on its own thread and on each ingestion thread) for as long
 * as the graph's vocabulary is unchanged. A restore can bring back a version number the server already
 * compiled, with other terms: here a backup taken after adding one term is restored over a graph that
 * went back and added another, so both graphs are at the same version number.
 */
describe.each([
  ['inline', '0'],
  ['on the worker pool', '1'],
])('a restore while the API serves, extraction %s (real Neo4j, real HTTP)', (_mode, threads) => {
  const store: Neo4jGraphStore = openTestStore();
  let app: ServedApp;
  let folder: string;
  let inbox: string;
  const call: ServedApp['call'] = (...args) => app.call(...args);

  beforeAll(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
    folder = await mkdtemp(path.join(os.tmpdir(), 'matscout-restore-serving-'));
    inbox = path.join(folder, 'inbox');
    app = await startServedApp(store, {
      ingestAllowDir: inbox,
      keyName: 'restore while serving',
      env: { INGEST_THREADS: threads },
    });
  });
  afterAll(async () => {
    await app?.server.close();
    await deleteAllNodes(store.driver);
    await store.migrate();
    await store.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const finished = async (runId: string) => {
    const url = `/v1/ingest/runs/${encodeURIComponent(runId)}`;
    await expect
      .poll(async () => (await call('GET', url, 'researcher')).body.status, {
        timeout: 60_000,
        interval: 200,
      })
      .toMatch(/^(succeeded|failed|partial|cancelled)$/);
    return (await call('GET', url, 'researcher')).body;
  };

  const addTerm = async (name: string): Promise<{ id: string; version: number }> => {
    const created = await call('POST', '/v1/vocabulary', 'engineer', { label: 'material', name });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    if (created.body.reextractRunId) await finished(created.body.reextractRunId);
    return { id: created.body.term.id, version: created.body.version };
  };

  /** Ingests one press release through the API; the ids of the terms its text is found to name. */
  const ingestNaming = async (name: string, text: string): Promise<string[]> => {
    const file = path.join(inbox, name, 'release.md');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    const started = await call('POST', '/v1/ingest/runs', 'engineer', { source: path.dirname(file) });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = await finished(started.body.runId);
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
    const { records } = await store.driver.executeQuery(
      `MATCH (d:Document)<-[:PART_OF]-(:Chunk)-[:MENTIONS]->(e:Material)
       WHERE d.title = $title RETURN DISTINCT e.id AS id`,
      { title: text.split('\n')[0]?.replace(/^# /, '') },
    );
    return records.map((record) => String(record.get('id')));
  };

  it('extracts with the restored terms, whether the restore goes back a version or to the same number', async () => {
    const before = path.join(folder, 'before.backup');
    const withFirst = path.join(folder, 'with-first.backup');
    await createGraphBackup(connection(), before);
    const first = await addTerm('zorbanite resin');
    await createGraphBackup(connection(), withFirst);
    const sentence = 'Both zorbanite resin and quextrane resin are used in battery separators.';
    const release = (n: number) => ingestNaming(`release-${n}`, `# Release ${n}\n\n${sentence}\n`);
    expect(await release(1)).toContain(first.id);

    // Back to an older version number than the one the server compiled.
    await restoreGraphBackup(connection(), before);
    const neither = await release(2);
    expect(neither).not.toContain(first.id);
    expect(neither.some((id) => id.includes('quextrane'))).toBe(false);

    const second = await addTerm('quextrane resin');
    // The case under test: both graphs are at one version number, with other terms.
    expect(second.version).toBe(first.version);
    const named = await release(3);
    expect(named).toContain(second.id);
    expect(named).not.toContain(first.id);

    await restoreGraphBackup(connection(), withFirst);
    const afterRestore = await release(4);
    expect(afterRestore).toContain(first.id);
    expect(afterRestore).not.toContain(second.id);
  });
});
