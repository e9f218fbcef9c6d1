import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuggestionEngine } from '../../agent/suggest/suggestion-engine.ts';
import {
  type DocumentBundle,
  Neo4jEvidenceReader,
  type Neo4jGraphStore,
  Neo4jSuggestionStore,
  type Product,
} from '../../graph/index.ts';
import { openTestStore, uniqueId, uniqueSuffix } from '../support/graph.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';

/** A document stating that `material` is used in `application`, with its USED_IN fact. */
function statingUse(id: string, material: string, application: string, date: string): DocumentBundle {
  return useDocument({
    id,
    // Both test materials share one made-up class: analogues by chemistry (same class), and no catalog
    // material of the suite's shared graph becomes their analogue.
    material: { ...namedAfterId(material), class: 'fixture resin' },
    application: namedAfterId(application),
    date,
    document: { ingestRunId: 'run-suggest-test' },
  });
}

/** The engine on the test graph, over the Neo4j evidence reader and suggestion store. */
function engineOn(store: Neo4jGraphStore): SuggestionEngine {
  return new SuggestionEngine({
    evidence: new Neo4jEvidenceReader(store.driver),
    suggestions: new Neo4jSuggestionStore(store.driver),
  });
}

describe('SuggestionEngine on a real graph', () => {
  let store: Neo4jGraphStore;
  const suffix = uniqueSuffix('s');
  const ours = `material:ourpolymer${suffix}`;
  const analogue = `material:otherpolymer${suffix}`;
  const app = (name: string) => `application:${name}${suffix}`;
  const product: Product = {
    id: `product:ours${suffix}`,
    name: 'OurPolymer',
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
    const docs: DocumentBundle[] = [];
    let n = 0;
    const add = (material: string, application: string, date: string) => {
      n += 1;
      docs.push(statingUse(`news:sg-${suffix}-${n}`, material, application, date));
    };
    add(ours, app('lenses'), '2020-01-10');
    add(ours, app('syringes'), '2021-03-01');
    add(ours, app('syringes'), '2022-03-01');
    add(analogue, app('lenses'), '2019-05-01');
    add(analogue, app('vials'), '2020-05-01');
    add(analogue, app('vials'), '2021-05-01');
    add(analogue, app('microfluidics'), '2022-05-01');
    await store.writeDocuments(docs);
    await store.driver.executeQuery(
      'MERGE (p:Product {id: $id}) SET p.name = $name WITH p MATCH (m:Material {id: $material}) MERGE (p)-[:MADE_OF]->(m)',
      { id: product.id, name: product.name, material: ours },
    );
  });
  afterAll(async () => {
    await store.close();
  });

  it('proposes only new applications, each with a citation that reproduces its quote', async () => {
    const engine = engineOn(store);
    const computed = await engine.compute(product);
    const proposed = computed.suggestions.map((s) => s.applicationId);
    expect(proposed).not.toContain(app('lenses'));
    expect(proposed).toEqual(expect.arrayContaining([app('syringes'), app('vials')]));
    const stored = await new Neo4jSuggestionStore(store.driver).listSuggestions(product.id);
    expect(stored.length).toBe(computed.suggestions.length);
    for (const suggestion of stored) {
      expect(suggestion.citations.length).toBeGreaterThan(0);
      expect(suggestion.rationale.length).toBeGreaterThan(10);
      for (const citation of suggestion.citations) {
        const document = await store.getDocument(citation.document.id);
        expect(document?.text.slice(citation.start, citation.end)).toBe(citation.quote);
      }
    }
    expect(stored.map((s) => s.rank)).toEqual(stored.map((_, index) => index + 1));
    // Each span keeps the role it was cited in: our material's own use, or an analogue material's.
    const roles = (applicationId: string) =>
      stored.find((s) => s.applicationId === applicationId)?.citations.map((citation) => citation.role);
    expect(roles(app('syringes'))).toContain('direct');
    expect(roles(app('vials'))).toContain('analogue');
    expect(roles(app('vials'))).not.toContain('direct');
  });

  it('keeps review status across recomputation: accepted become known, rejected stay out until new evidence', async () => {
    const engine = engineOn(store);
    const suggestions = new Neo4jSuggestionStore(store.driver);
    await engine.compute(product);
    const listed = await suggestions.listSuggestions(product.id);
    const syringes = listed.find((s) => s.applicationId === app('syringes'));
    const vials = listed.find((s) => s.applicationId === app('vials'));
    expect(syringes && vials).toBeTruthy();
    await suggestions.addReview({
      id: uniqueId('review'),
      suggestionId: syringes?.id ?? '',
      decision: 'accept',
      comment: 'pursue',
      reviewer: 'bu-lead',
      at: '2026-01-01T00:00:00.000Z',
    });
    await suggestions.addReview({
      id: uniqueId('review'),
      suggestionId: vials?.id ?? '',
      decision: 'reject',
      comment: 'not our market',
      reviewer: 'bu-lead',
      at: '2026-01-01T00:00:00.000Z',
    });
    engine.invalidate();
    const recomputed = await engine.compute(product);
    const ids = recomputed.suggestions.map((s) => s.applicationId);
    expect(ids).not.toContain(app('syringes'));
    expect(ids).not.toContain(app('vials'));
    expect((await suggestions.getSuggestion(syringes?.id ?? ''))?.status).toBe('accepted');
    expect((await suggestions.getSuggestion(vials?.id ?? ''))?.reviews.map((r) => r.decision)).toEqual([
      'reject',
    ]);
    expect((await suggestions.listSuggestions(product.id, { status: 'rejected' })).map((s) => s.id)).toEqual([
      vials?.id,
    ]);

    await store.writeDocuments([statingUse(`news:sg-${suffix}-new`, ours, app('vials'), '2023-01-01')]);
    engine.invalidate();
    const withNewEvidence = await engine.compute(product);
    expect(
      withNewEvidence.suggestions.map((s) => s.applicationId),
      JSON.stringify(withNewEvidence.excluded),
    ).toContain(app('vials'));
    expect((await suggestions.getSuggestion(vials?.id ?? ''))?.status).toBe('rejected');
  });
});
