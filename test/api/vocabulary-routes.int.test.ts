import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { type RunningServer, startServer } from '../../api/server.ts';
import { createServices } from '../../api/services.ts';
import { Neo4jApiKeyStore, Neo4jAuditLog, type Neo4jGraphStore } from '../../graph/index.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

const tag = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** The vocabulary routes on the real server (`matscout serve`'s composition), queued re-extraction included. */
describe('/v1/vocabulary (engineer; changes audited, re-extraction queued as a run)', () => {
  let server: RunningServer;
  let graph: Neo4jGraphStore;
  const keys: Record<string, string> = {};
  const keyIds: Record<string, string> = {};
  const name = `Quartzweb${tag()}`;
  const id = `material:${name.toLowerCase()}`;

  const call = async (method: string, route: string, role: string, body?: unknown) => {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: {
        ...(keys[role] ? { authorization: `Bearer ${keys[role]}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  /** Waits (no time assertion) until the queued run has finished, and returns it. */
  const finished = async (runId: string) => {
    for (;;) {
      const run = (await call('GET', `/v1/ingest/runs/${runId}`, 'engineer')).body;
      if (['succeeded', 'failed', 'partial', 'cancelled'].includes(run.status)) return run;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    const config = loadConfig(
      {
        ...testNeo4jEnv(),
        LOG_LEVEL: 'silent',
      },
      repoRoot,
    );
    server = await startServer(config, { port: 0, handleSignals: false, services: createServices });
    graph = openTestStore();
    const apiKeys = new Neo4jApiKeyStore(graph.driver);
    for (const role of ['researcher', 'engineer'] as const) {
      const created = await apiKeys.createKey({ role, name: `vocabulary ${role}` });
      keys[role] = created.key;
      keyIds[role] = created.apiKey.id;
    }
  });
  afterAll(async () => {
    await server?.close();
    await graph?.close();
  });

  it('lists for engineers only: 401 without a key, 403 for a researcher', async () => {
    expect((await call('GET', '/v1/vocabulary', 'nobody')).status).toBe(401);
    expect((await call('GET', '/v1/vocabulary', 'researcher')).status).toBe(403);
    const listed = await call(
      'GET',
      '/v1/vocabulary?label=material&origin=lexicon&q=silica&limit=5',
      'engineer',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.version).toBeGreaterThan(0);
    expect(listed.body.terms.map((term: { id: string }) => term.id)).toContain('material:silica');
    expect(listed.body.terms.every((term: { origin: string }) => term.origin === 'lexicon')).toBe(true);
    expect((await call('GET', '/v1/vocabulary?origin=alien', 'engineer')).status).toBe(400);
  });

  it('POST adds a term (201), queues its re-extraction, and refuses a duplicate (409) or a bad body (400)', async () => {
    const created = await call('POST', '/v1/vocabulary', 'engineer', {
      label: 'material',
      name,
      aliases: [`${name} felt`],
      formula: 'SiO2',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/vocabulary/${encodeURIComponent(id)}`);
    expect(created.body.term).toMatchObject({ id, origin: 'user', matched: true, formula: 'SiO2' });
    const run = await finished(created.body.reextractRunId);
    expect(run).toMatchObject({ kind: 're-extract', status: 'succeeded' });
    expect(run.vocabularyVersion).toBeGreaterThanOrEqual(created.body.version);

    const duplicate = await call('POST', '/v1/vocabulary', 'engineer', { label: 'material', name });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'CONFLICT' });
    expect((await call('POST', '/v1/vocabulary', 'engineer', { label: 'metal', name: 'x' })).status).toBe(
      400,
    );
    expect(
      (await call('POST', '/v1/vocabulary', 'engineer', { label: 'material', name: '---' })).status,
    ).toBe(400);
    expect((await call('GET', `/v1/vocabulary/${encodeURIComponent(id)}`, 'engineer')).body.id).toBe(id);
    expect((await call('GET', '/v1/vocabulary/material%3Anope-nope', 'engineer')).status).toBe(404);
  });

  it('PATCH adds aliases or merges, DELETE retires; 404 and 409 where the change cannot be made; all audited', async () => {
    const path = `/v1/vocabulary/${encodeURIComponent(id)}`;
    const aliased = await call('PATCH', path, 'engineer', { aliases: [`${name} mat`] });
    expect(aliased.status).toBe(200);
    expect(aliased.body.term.aliases).toEqual([`${name} felt`, `${name} mat`]);
    expect((await call('PATCH', path, 'engineer', {})).status).toBe(400);
    expect((await call('PATCH', path, 'engineer', { aliases: ['a'], mergeInto: 'material:x' })).status).toBe(
      400,
    );
    expect(
      (await call('PATCH', '/v1/vocabulary/material%3Anope-nope', 'engineer', { aliases: ['a'] })).status,
    ).toBe(404);

    const otherName = `Quartzmat${tag()}`;
    const other = await call('POST', '/v1/vocabulary', 'engineer', { label: 'material', name: otherName });
    const merged = await call(
      'PATCH',
      `/v1/vocabulary/${encodeURIComponent(other.body.term.id)}`,
      'engineer',
      {
        mergeInto: id,
      },
    );
    expect(merged.status).toBe(200);
    expect(merged.body.term.aliases).toContain(otherName);
    expect(merged.body.version).toBeGreaterThan(other.body.version);
    const application = await call('POST', '/v1/vocabulary', 'engineer', {
      label: 'application',
      name: `Quartz use ${tag()}`,
    });
    const acrossLabels = await call('PATCH', path, 'engineer', { mergeInto: application.body.term.id });
    expect(acrossLabels.status).toBe(409);
    // A merge target that does not exist: the term itself is there, so not a 404.
    const intoNothing = await call('PATCH', path, 'engineer', { mergeInto: 'material:nope-nope' });
    expect(intoNothing.status).toBe(409);
    expect(intoNothing.body.error.message).toContain('material:nope-nope');

    const retired = await call('DELETE', path, 'engineer');
    expect(retired.status).toBe(200);
    expect(retired.body.term).toMatchObject({ retired: true, matched: false });
    expect((await call('DELETE', path, 'engineer')).status).toBe(409);
    // Retired is gone for a plain read, and still there for history when asked for.
    expect((await call('GET', path, 'engineer')).status).toBe(404);
    const history = await call('GET', `${path}?includeRetired=true`, 'engineer');
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ id, retired: true });
    expect((await call('DELETE', '/v1/vocabulary/material%3Anope-nope', 'engineer')).status).toBe(404);
    await finished(retired.body.reextractRunId);

    const events = await new Neo4jAuditLog(graph.driver).listForTarget(id);
    expect(events.map((event) => event.details.action)).toEqual(['add', 'alias', 'merge', 'retire']);
    expect(events.every((event) => event.actor === keyIds.engineer && event.type === 'vocabulary')).toBe(
      true,
    );
  });

  it('POST /v1/products adds the catalog names to the vocabulary and queues their re-extraction', async () => {
    const material = `Aerolite${tag()}`;
    const imported = await call('POST', '/v1/products', 'engineer', {
      owner: 'Test Co',
      products: [{ name: `${material} Pro`, materialId: material, materialAliases: [`${material} foam`] }],
    });
    expect(imported.status).toBe(200);
    expect(imported.body.vocabulary.changed).toEqual(
      expect.arrayContaining([`material:${material.toLowerCase()}`, `product:${material.toLowerCase()}-pro`]),
    );
    const run = await finished(imported.body.reextractRunId);
    expect(run).toMatchObject({ kind: 're-extract', status: 'succeeded' });
    const term = await call('GET', `/v1/vocabulary/material%3A${material.toLowerCase()}`, 'engineer');
    expect(term.body).toMatchObject({ origin: 'catalog', aliases: [`${material} foam`] });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const document = (await call('GET', '/openapi.json', 'nobody')).body;
    expect(Object.keys(document.paths['/v1/vocabulary']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/v1/vocabulary/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(document.components.schemas.VocabularyTerm.properties.origin.enum).toEqual([
      'lexicon',
      'catalog',
      'user',
      'mined',
      'llm',
    ]);
    expect(Object.keys(document.paths['/v1/vocabulary/{id}'].patch.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '409']),
    );
  });
});
