import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuggestionEngine } from '../../agent/suggest/suggestion-engine.ts';
import type { Neo4jGraphStore } from '../../graph/index.ts';
import { Neo4jEvidenceReader, Neo4jProductStore, Neo4jSuggestionStore } from '../../graph/index.ts';
import { emptyRun } from '../../ingest/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';
import { type ServedApp, startServedApp } from '../support/served-app.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';

/** What another process's `matscout ingest` leaves: a document naming the pair, and its finished run. */
async function ingestElsewhere(
  store: Neo4jGraphStore,
  document: { id: string; material: string; application: string; date: string },
): Promise<void> {
  await store.writeDocuments([
    useDocument({
      id: document.id,
      material: namedAfterId(document.material),
      application: namedAfterId(document.application),
      date: document.date,
    }),
  ]);
  const at = new Date().toISOString();
  await store.saveIngestRun({
    ...emptyRun(
      { runId: `run-${document.id.replace(/[^a-z0-9-]/gi, '-')}`, sourceLabel: 'cli', kind: 'ingest' },
      at,
    ),
    status: 'succeeded',
    finishedAt: at,
  });
}

/**
 * The API keeps the evidence it ranks with in memory, and drops it after its own runs. A run made by
 * another process (a CLI ingest, a worker) or a retraction must show in its next answer too.
 */
describe('an engine keeps its evidence until the graph changes, whoever changes it', () => {
  let store: Neo4jGraphStore;
  let engine: SuggestionEngine;
  let reader: Neo4jEvidenceReader;
  const suffix = uniqueSuffix('s');
  const ours = { id: `material:stamppolymer${suffix}`, name: `stamppolymer${suffix}` };
  const app = (name: string) => `application:${name}${suffix}`;
  const usedIn = async () =>
    (await engine.rankForMaterial(ours, { top: 10 })).usedIn.map((use) => use.applicationId).sort();

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    reader = new Neo4jEvidenceReader(store.driver);
    engine = new SuggestionEngine({ evidence: reader, suggestions: new Neo4jSuggestionStore(store.driver) });
    await store.writeDocuments([
      useDocument({
        id: `news:stamp-${suffix}-1`,
        material: namedAfterId(ours.id),
        application: namedAfterId(app('lenses')),
        date: '2021-03-01',
      }),
    ]);
  });

  afterAll(() => store?.close());

  it('answers from what it keeps while nothing changed, and from the new graph after a change', async () => {
    expect(await usedIn()).toEqual([app('lenses')]);
    const stamp = await reader.readEvidenceStamp();
    expect(await reader.readEvidenceStamp()).toBe(stamp);

    // Another process ingests a document and records its finished run.
    await ingestElsewhere(store, {
      id: `news:stamp-${suffix}-2`,
      material: ours.id,
      application: app('gaskets'),
      date: '2022-04-01',
    });
    expect(await reader.readEvidenceStamp()).not.toBe(stamp);
    expect(await usedIn()).toEqual([app('gaskets'), app('lenses')]);

    // A retraction elsewhere: the document and its facts are gone, and so is the use.
    const retracted = await store.driver.executeQuery(
      'MATCH (d:Document {id: $id}) OPTIONAL MATCH (f:Fact {documentId: $id}) DETACH DELETE f, d RETURN count(*) AS n',
      { id: `news:stamp-${suffix}-2` },
    );
    expect(Number(retracted.records[0]?.get('n'))).toBeGreaterThan(0);
    expect(await usedIn()).toEqual([app('lenses')]);
  });
});

describe("the API lists a product's suggestions from the graph another process changed", () => {
  let store: Neo4jGraphStore;
  let app: ServedApp;
  const suffix = uniqueSuffix('p');
  const ours = `material:stampresin${suffix}`;
  const application = (name: string) => `application:${name}${suffix}`;
  const productId = `product:stampresin${suffix}`;
  const listed = async () => {
    const response = await app.call(
      'GET',
      `/v1/products/${encodeURIComponent(productId)}/suggestions`,
      'researcher',
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body.suggestions as { applicationId: string }[]).map((s) => s.applicationId).sort();
  };

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    await store.writeDocuments([
      useDocument({
        id: `news:stampp-${suffix}-1`,
        material: namedAfterId(ours),
        application: namedAfterId(application('lenses')),
        date: '2020-02-01',
      }),
      useDocument({
        id: `news:stampp-${suffix}-2`,
        material: namedAfterId(ours),
        application: namedAfterId(application('films')),
        date: '2021-02-01',
      }),
    ]);
    await new Neo4jProductStore(store.driver).upsertProducts([
      {
        id: productId,
        name: `StampResin ${suffix}`,
        aliases: [],
        owner: 'Example Chemicals',
        materialId: ours,
        materialIds: [],
        properties: [],
        knownApplications: [application('lenses')],
      },
    ]);
    app = await startServedApp(store, {
      ingestAllowDir: await mkdtemp(path.join(tmpdir(), 'matscout-stamp-')),
      keyName: 'evidence stamp',
    });
  });

  afterAll(async () => {
    await app?.server.close();
    await store?.close();
  });

  it('recomputes on the next request after a run this server did not make', async () => {
    expect(await listed()).toEqual([application('films')]);
    // Another process (a CLI ingest) writes a document naming the material with a new application.
    await ingestElsewhere(store, {
      id: `news:stampp-${suffix}-3`,
      material: ours,
      application: application('gaskets'),
      date: '2022-02-01',
    });
    expect(await listed()).toEqual([application('films'), application('gaskets')]);
  });
});
