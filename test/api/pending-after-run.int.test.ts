import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reextractionDue } from '../../api/vocabulary-runs.ts';
import { type IngestRun, type Neo4jGraphStore, Neo4jVocabularyStore } from '../../graph/index.ts';
import { emptyCounts } from '../../ingest/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';
import { type ServedApp, startServedApp } from '../support/served-app.ts';
import { pressRelease } from './vocabulary-support.ts';

interface ListedRun {
  id: string;
  kind?: string;
  startedAt: string;
  status: string;
}

/**
 * Changes can be left pending: a re-extraction stopped, or an ingestion beside it that wrote documents
 * analysed with an older vocabulary. The API re-extracts after an ingestion run whenever that is so.
 */
describe('the API re-extracts after a run that leaves changes pending (HTTP, real Neo4j)', () => {
  const store: Neo4jGraphStore = openTestStore();
  let app: ServedApp;
  let inbox: string;
  beforeAll(async () => {
    await store.migrate();
    inbox = await mkdtemp(path.join(os.tmpdir(), 'matscout-pending-after-run-'));
    app = await startServedApp(store, { ingestAllowDir: inbox, keyName: 'pending after run' });
  });
  afterAll(async () => {
    await app?.server.close();
    await store.close();
    if (inbox) await rm(inbox, { recursive: true, force: true });
  });

  const status = async (runId: string) =>
    (await app.call('GET', `/v1/ingest/runs/${encodeURIComponent(runId)}`, 'researcher')).body;

  async function ingest(name: string, text: string): Promise<{ runId: string; finishedAt: string }> {
    const folder = path.join(inbox, name);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'release.md'), text);
    const started = await app.call('POST', '/v1/ingest/runs', 'engineer', { source: folder });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = String(started.body.runId);
    await expect.poll(async () => (await status(runId)).status).toMatch(/^(succeeded|failed|partial)$/);
    const run = await status(runId);
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
    return { runId, finishedAt: String(run.finishedAt) };
  }

  it('starts a re-extraction that applies them, with no term promoted by the run', async () => {
    const name = `Ropex${uniqueSuffix('').replace(/[^a-z]/g, '')}`;
    const termId = `material:${name.toLowerCase()}`;
    await ingest('stored', pressRelease(`${name} liners`, '2025-08-03', `${name} is used in pipe liners.`));
    // A term added without its re-extraction: a change left pending.
    const vocabulary = new Neo4jVocabularyStore(store.driver);
    await vocabulary.add({ id: termId, label: 'Material', name, origin: 'user' }, { actor: 'test' });
    expect((await vocabulary.pendingChanges()).changes.length).toBeGreaterThan(0);

    const other = await ingest(
      'other',
      pressRelease(`Tank news ${uniqueSuffix('t')}`, '2025-08-04', 'Polyethylene is used in fuel tanks.'),
    );
    expect((await status(other.runId)).counts.promoted ?? 0).toBe(0);
    const reextraction = async () =>
      ((await app.call('GET', '/v1/ingest/runs?limit=50', 'researcher')).body.runs as ListedRun[]).find(
        (run) => run.kind === 're-extract' && run.startedAt >= other.finishedAt,
      )?.status;
    await expect.poll(reextraction, { timeout: 60_000 }).toBe('succeeded');
    expect((await vocabulary.pendingChanges()).changes).toEqual([]);
    const { records } = await store.driver.executeQuery(
      'MATCH (:Chunk)-[m:MENTIONS]->(:Material {id: $id}) RETURN count(m) AS mentions',
      { id: termId },
    );
    expect(Number(records[0]?.get('mentions'))).toBeGreaterThan(0);
  });

  it('the rule the CLI, the API and `matscout worker` share: promoted terms or changes pending', async () => {
    const vocabulary = new Neo4jVocabularyStore(store.driver);
    const run = (changes: Partial<IngestRun>): IngestRun => ({
      id: uniqueSuffix('run'),
      kind: 'ingest',
      source: 'test',
      status: 'succeeded',
      startedAt: new Date().toISOString(),
      counts: emptyCounts(),
      errors: [],
      ...changes,
    });
    // Nothing pending after the test above.
    expect((await vocabulary.pendingChanges()).changes).toEqual([]);
    expect(await reextractionDue(run({}), vocabulary)).toBe(false);
    expect(await reextractionDue(run({ counts: { ...emptyCounts(), promoted: 2 } }), vocabulary)).toBe(true);
    const name = `Quilex${uniqueSuffix('').replace(/[^a-z]/g, '')}`;
    await vocabulary.add(
      { id: `material:${name.toLowerCase()}`, label: 'Material', name, origin: 'user' },
      { actor: 'test' },
    );
    expect(await reextractionDue(run({ status: 'partial' }), vocabulary)).toBe(true);
    expect(await reextractionDue(run({ status: 'cancelled' }), vocabulary)).toBe(false);
    expect(await reextractionDue(run({ kind: 're-extract' }), vocabulary)).toBe(false);
    // No document names the new term: its change is applied as it is, for the test files after this one.
    expect(await vocabulary.markReextracted((await vocabulary.pendingChanges()).version)).toBe(true);
  });
});
