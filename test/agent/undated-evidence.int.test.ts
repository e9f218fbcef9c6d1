import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceIndex } from '../../agent/discovery/evidence-index.ts';
import { computeFeatures, FeatureContext } from '../../agent/discovery/features.ts';
import { SuggestionEngine } from '../../agent/suggest/suggestion-engine.ts';
import type { Neo4jGraphStore, Product } from '../../graph/index.ts';
import { Neo4jEvidenceReader, Neo4jSuggestionStore } from '../../graph/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';

describe('documents without a stated date', () => {
  let store: Neo4jGraphStore;
  const suffix = uniqueSuffix('u');
  const ours = `material:undatedpolymer${suffix}`;
  const analogue = `material:datedpolymer${suffix}`;
  const app = (name: string) => `application:${name}${suffix}`;
  const undatedId = `news:undated-${suffix}`;
  const product: Product = {
    id: `product:undated${suffix}`,
    name: 'UndatedPolymer',
    aliases: [],
    owner: 'Example Chemicals',
    materialId: ours,
    materialIds: [],
    properties: [],
    knownApplications: [app('lenses')],
  };

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    await store.writeDocuments([
      useDocument({
        id: `news:dated-${suffix}-1`,
        material: namedAfterId(ours),
        application: namedAfterId(app('lenses')),
        date: '2020-01-10',
      }),
      useDocument({
        id: `news:dated-${suffix}-2`,
        material: namedAfterId(analogue),
        application: namedAfterId(app('lenses')),
        date: '2019-05-01',
      }),
      useDocument({
        id: `news:dated-${suffix}-3`,
        material: namedAfterId(analogue),
        application: namedAfterId(app('gaskets')),
        date: '2021-05-01',
      }),
      useDocument({
        id: undatedId,
        material: namedAfterId(ours),
        application: namedAfterId(app('membranes')),
        date: undefined,
      }),
    ]);
    await store.driver.executeQuery(
      'MERGE (p:Product {id: $id}) SET p.name = $name WITH p MATCH (m:Material {id: $material}) MERGE (p)-[:MADE_OF]->(m)',
      { id: product.id, name: product.name, material: ours },
    );
  });
  afterAll(async () => {
    await store.close();
  });

  it('are stored without publishedAt (absent, not a guessed or empty date)', async () => {
    const { records } = await store.driver.executeQuery(
      'MATCH (d:Document {id: $id}) RETURN d.publishedAt IS NULL AS absent, keys(d) AS keys',
      { id: undatedId },
    );
    expect(records[0]?.get('absent')).toBe(true);
    expect(records[0]?.get('keys')).not.toContain('publishedAt');
    expect((await store.getDocument(undatedId))?.publishedAt).toBeUndefined();
  });

  it('are evidence, but left out where time matters', async () => {
    const rows = await new Neo4jEvidenceReader(store.driver).readEvidence();
    const undatedRow = rows.coMentions.find((row) => row.documentId === undatedId);
    expect(undatedRow?.publishedAt).toBeNull();
    const index = EvidenceIndex.fromRows(rows);
    const pair = index.pair(ours, app('membranes'));
    expect(pair?.documents.has(undatedId)).toBe(true);
    expect(pair?.firstDate).toBe('');
    // Time-split views (the back-test, weight fitting) never see an undated document.
    expect(index.restrictTo('2100-01-01').pair(ours, app('membranes'))).toBeUndefined();
    expect(index.restrictTo('2100-01-01').pair(ours, app('lenses'))).toBeDefined();
    const asOfRows = await new Neo4jEvidenceReader(store.driver).readEvidence({ asOf: '2100-01-01' });
    expect(asOfRows.coMentions.some((row) => row.documentId === undatedId)).toBe(false);
    // Time features stay finite when an entity is named only by undated documents.
    const vectors = computeFeatures(new FeatureContext(index), ours, [app('membranes'), app('gaskets')]);
    expect(vectors.size).toBe(2);
    for (const vector of vectors.values())
      for (const value of Object.values(vector)) expect(Number.isFinite(value)).toBe(true);
  });

  it('support suggestions with a citation that says the date is unknown', async () => {
    const engine = new SuggestionEngine({
      evidence: new Neo4jEvidenceReader(store.driver),
      suggestions: new Neo4jSuggestionStore(store.driver),
    });
    const computed = await engine.compute({ ...product, knownApplications: [app('lenses')] });
    expect(computed.suggestions.map((s) => s.applicationId)).toContain(app('membranes'));
    const stored = await new Neo4jSuggestionStore(store.driver).listSuggestions(product.id);
    const membranes = stored.find((s) => s.applicationId === app('membranes'));
    const cited = membranes?.citations.find((c) => c.document.id === undatedId);
    expect(cited).toBeDefined();
    expect(cited && 'publishedAt' in cited.document).toBe(false);
    expect(cited?.quote).toContain('membranes');
  });
});
