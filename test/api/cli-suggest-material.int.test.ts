import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaterialSuggestions, SuggestionEngine } from '../../agent/index.ts';
import { materialRoutes } from '../../api/routes/material-routes.ts';
import { Neo4jEvidenceReader, type Neo4jGraphStore, Neo4jSuggestionStore } from '../../graph/index.ts';
import { errorLines, runCli } from '../support/cli.ts';
import { openTestStore, testNeo4jEnv, uniqueSuffix } from '../support/graph.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';
import { startTestApp, type TestApp } from './api-test-app.ts';

describe('suggestions for a bare material (CLI and GET /v1/materials/:id/suggestions)', () => {
  const env = testNeo4jEnv;
  let store: Neo4jGraphStore;
  let server: TestApp;
  const suffix = uniqueSuffix('m');
  const ours = `material:zylonite${suffix}`;
  const oursName = `zylonite${suffix}`;
  const analogue = `material:karbonite${suffix}`;
  const app = (name: string) => `application:${name}${suffix}`;

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    let n = 0;
    const doc = (material: string, application: string, date: string | undefined) => {
      n += 1;
      return useDocument({
        id: `news:mat-${suffix}-${n}`,
        // One made-up class for both: an analogue needs a chemical basis, not only shared uses.
        material: { ...namedAfterId(material), class: 'fixture resin' },
        application: namedAfterId(application),
        date: date,
      });
    };
    await store.writeDocuments([
      doc(ours, app('lenses'), '2020-01-10'),
      doc(analogue, app('lenses'), '2019-05-01'),
      doc(analogue, app('vials'), '2020-05-01'),
      doc(analogue, app('vials'), undefined),
      doc(analogue, app('gaskets'), '2021-05-01'),
    ]);
    server = await startTestApp({
      deps: {
        routes: materialRoutes({
          graph: store,
          materialSuggestions: new MaterialSuggestions({
            engine: new SuggestionEngine({
              evidence: new Neo4jEvidenceReader(store.driver),
              suggestions: new Neo4jSuggestionStore(store.driver),
            }),
            graph: store,
          }),
        }),
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await store.close();
  });

  it('GET /v1/materials/:id/suggestions answers by id or name (researcher), 404 with a hint when unknown', async () => {
    const key = await server.keyFor('researcher');
    const get = (ref: string) =>
      fetch(`${server.url}/v1/materials/${encodeURIComponent(ref)}/suggestions?limit=5`, {
        headers: { authorization: `Bearer ${key}` },
      });
    const byId = await get(ours);
    expect(byId.status).toBe(200);
    const body = (await byId.json()) as {
      materialId: string;
      usedIn: Array<{ id: string; name: string }>;
      suggestions: Array<{ applicationId: string; citations: Array<{ quote: string }> }>;
    };
    expect(body.materialId).toBe(ours);
    expect(body.usedIn).toEqual([{ id: app('lenses'), name: `lenses${suffix}`, documents: 1 }]);
    expect(body.suggestions.map((s) => s.applicationId)).toContain(app('vials'));
    expect(body.suggestions.map((s) => s.applicationId)).not.toContain(app('lenses'));
    for (const suggestion of body.suggestions) expect(suggestion.citations.length).toBeGreaterThan(0);
    const byName = await get(oursName.toUpperCase());
    expect(byName.status).toBe(200);
    expect(((await byName.json()) as { materialId: string }).materialId).toBe(ours);
    const unknown = await get(`unobtainium ${suffix}`);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await unknown.json())).toMatch(
      /not found; (materials with similar names|use a material id)/,
    );
    const anonymous = await fetch(`${server.url}/v1/materials/${encodeURIComponent(ours)}/suggestions`);
    expect(anonymous.status).toBe(401);
  });

  it('shows where the material is used and proposes only applications it is not yet evidenced in', async () => {
    const result = await runCli(['suggest', '--material', oursName, '--json', '--top', '5'], env());
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      material: { id: string };
      usedIn: Array<{ id: string; name: string }>;
      suggestions: Array<{ applicationId: string; productId: string; citations: Array<{ quote: string }> }>;
    };
    expect(output.material.id).toBe(ours);
    expect(output.usedIn.map((application) => application.id)).toEqual([app('lenses')]);
    const proposed = output.suggestions.map((s) => s.applicationId);
    expect(proposed).not.toContain(app('lenses'));
    expect(proposed).toContain(app('vials'));
    for (const suggestion of output.suggestions) {
      expect(suggestion.productId).toBe(ours);
      expect(suggestion.citations.length).toBeGreaterThan(0);
    }
    // By id too; and nothing is saved for a bare material (the command only reads the graph).
    const again = await runCli(['suggest', '--material', ours, '--json', '--top', '5'], env());
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { material: { id: string } }).material.id).toBe(ours);
    const saved = await store.driver.executeQuery(
      'MATCH (s:Suggestion) WHERE s.productId = $id RETURN count(s) AS n',
      { id: ours },
    );
    expect(Number(saved.records[0]?.get('n'))).toBe(0);
  });

  it('names an unknown material with a hint, without a stack', async () => {
    const result = await runCli(['suggest', '--material', `unobtainium ${suffix}`], env());
    expect(result.code).not.toBe(0);
    const lines = errorLines(result.stderr);
    expect(lines[0]).toMatch(/^error: unknown material 'unobtainium/);
    expect(lines.some((line) => line.startsWith('hint:'))).toBe(true);
    expect(lines.some((line) => /^\s+at /.test(line))).toBe(false);
  });
});
