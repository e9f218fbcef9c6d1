import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Citation, Neo4jGraphStore } from '../../graph/index.ts';
import { type AggregateWorld, makeAggregateWorld, seedAggregateWorld } from '../support/aggregate-world.ts';
import { openTestStore } from '../support/graph.ts';
import { type ServedApp, startServedApp } from '../support/served-app.ts';

describe('GET /v1/landscape, /v1/trends, /v1/applications/{id}/requirements over a real socket', () => {
  const store: Neo4jGraphStore = openTestStore();
  let app: ServedApp;
  let world: AggregateWorld;

  /** Every `cites` number names a citation whose quote is the stored text at its offsets. */
  const expectCitationsResolve = async (body: { citations: Citation[] }, cites: number[]) => {
    expect(cites.length).toBeGreaterThan(0);
    for (const n of cites) expect(body.citations.some((citation) => citation.n === n)).toBe(true);
    for (const citation of body.citations) {
      const document = await store.getDocument(citation.documentId);
      expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
  };

  beforeAll(async () => {
    world = makeAggregateWorld();
    await seedAggregateWorld(store, world);
    const inbox = await mkdtemp(path.join(os.tmpdir(), 'matscout-analytics-'));
    app = await startServedApp(store, { ingestAllowDir: inbox, keyName: 'analytics' });
  });
  afterAll(async () => {
    await app?.server.close();
    await store.close();
  });

  it('landscape: assignees with patent counts and years, researcher readable, product resolves to its material', async () => {
    const { status, body } = await app.call(
      'GET',
      `/v1/landscape?entity=${encodeURIComponent(world.name.coc as string)}`,
      'researcher',
    );
    expect(status).toBe(200);
    expect(body.entity).toEqual({ id: world.id.coc, name: world.name.coc, label: 'Material' });
    expect(body.documents).toEqual({ patent: 2 });
    expect(
      body.assignees.map((a: Record<string, unknown>) => [a.name, a.documents, a.firstYear, a.lastYear]),
    ).toEqual([
      [`Acme${world.suffix} Chemicals`, 2, '2091', '2093'],
      [`Beta${world.suffix} Polymers`, 1, '2093', '2093'],
    ]);
    await expectCitationsResolve(
      body,
      body.assignees.flatMap((a: { cites: number[] }) => a.cites),
    );
    // Counted independently: the patents that mention the material.
    const { records } = await store.driver.executeQuery(
      `MATCH (:Material {id: $id})<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document {kind: 'patent'})
       RETURN count(DISTINCT d) AS n`,
      { id: world.id.coc },
    );
    expect(body.documents.patent).toBe(Number(records[0]?.get('n')));

    const byProduct = await app.call(
      'GET',
      `/v1/landscape?entity=${encodeURIComponent(world.productName)}`,
      'researcher',
    );
    expect(byProduct.status).toBe(200);
    expect(byProduct.body.entity.id).toBe(world.id.coc);
    expect(byProduct.body.productId).toBe(`product:${world.productName.toLowerCase()}`);
  });

  it('trends: ranked by growth with per-year counts; undated documents counted apart', async () => {
    const { status, body } = await app.call(
      'GET',
      '/v1/trends?kind=application&window=3&until=2096&minimum=1&limit=50',
      'researcher',
    );
    expect(status).toBe(200);
    expect(body.recentWindow).toEqual({ from: 2094, to: 2096 });
    const syringe = body.ranked.find((entry: { id: string }) => entry.id === world.id.syringe);
    expect(syringe).toMatchObject({ recent: 3, previous: 1, undated: 1, growth: 2 });
    await expectCitationsResolve(body, syringe.cites);
    const { records } = await store.driver.executeQuery(
      `MATCH (:Application)<-[:MENTIONS]-(:Chunk)-[:PART_OF]->(d:Document) WHERE d.publishedAt IS NULL
       RETURN count(DISTINCT d) AS n`,
    );
    expect(body.undatedDocuments).toBe(Number(records[0]?.get('n')));

    const news = await app.call(
      'GET',
      '/v1/trends?window=3&until=2096&minimum=1&limit=50&source=news',
      'researcher',
    );
    const newsSyringe = news.body.ranked.find((entry: { id: string }) => entry.id === world.id.syringe);
    // News only: 2095 and 2096 (recent), nothing before.
    expect(newsSyringe).toMatchObject({ recent: 2, previous: 0 });
  });

  it('requirements: properties with values, products and passages; by id or name', async () => {
    const { status, body } = await app.call(
      'GET',
      `/v1/applications/${encodeURIComponent(world.id.tank as string)}/requirements`,
      'researcher',
    );
    expect(status).toBe(200);
    expect(
      body.properties.map((p: Record<string, unknown>) => [p.id, p.documents, p.values, p.products]),
    ).toEqual([
      [
        world.id.barrier,
        1,
        [],
        [{ id: `product:${world.productName.toLowerCase()}`, name: world.productName }],
      ],
      [world.id.heat, 1, [{ value: 200, unit: '°C' }], []],
    ]);
    await expectCitationsResolve(
      body,
      body.properties.flatMap((p: { cites: number[] }) => p.cites),
    );
    const byName = await app.call(
      'GET',
      `/v1/applications/${encodeURIComponent(world.name.tank as string)}/requirements`,
      'researcher',
    );
    expect(byName.body.application.id).toBe(world.id.tank);
  });

  it('rejects what the schema does not allow, and says when nothing is found', async () => {
    expect((await app.call('GET', '/v1/trends?window=0', 'researcher')).status).toBe(400);
    expect((await app.call('GET', '/v1/trends?kind=organisation', 'researcher')).status).toBe(400);
    expect((await app.call('GET', '/v1/landscape', 'researcher')).status).toBe(400);
    const missing = await app.call(
      'GET',
      `/v1/applications/${encodeURIComponent(`application:none-${world.suffix}`)}/requirements`,
      'researcher',
    );
    expect(missing.status).toBe(404);
    const unknown = await app.call('GET', `/v1/landscape?entity=zzqx${world.suffix}`, 'researcher');
    expect(unknown.status).toBe(404);
    const anonymous = await fetch(`${app.server.url}/v1/trends`);
    expect(anonymous.status).toBe(401);
  });

  it('the routes are in the OpenAPI document with their constraints', async () => {
    const response = await fetch(`${app.server.url}/openapi.json`);
    const document = (await response.json()) as {
      paths: Record<
        string,
        { get?: { parameters?: Array<{ name: string; schema: Record<string, unknown> }> } }
      >;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/landscape', '/v1/trends', '/v1/applications/{id}/requirements']),
    );
    const window = document.paths['/v1/trends']?.get?.parameters?.find(
      (parameter) => parameter.name === 'window',
    );
    expect(window?.schema).toMatchObject({ minimum: 1, maximum: 20 });
  });
});
