import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Neo4jGraphStore, Neo4jSuggestionStore, type SuggestionWrite } from '../../graph/index.ts';
import { openTestStore, uniqueId, uniqueSuffix } from '../support/graph.ts';

describe('Neo4jSuggestionStore.saveSuggestions', () => {
  let store: Neo4jGraphStore;
  const suffix = uniqueSuffix('st');
  const productId = `product:store${suffix}`;
  const chunkId = `news:st-${suffix}#c0`;
  const write = (application: string, rank: number): SuggestionWrite => ({
    id: `suggestion:store${suffix}|${application}`,
    productId,
    applicationId: `application:${application}${suffix}`,
    score: 1 / rank,
    rank,
    components: { appPopularity: 0.1 },
    rationale: 'used in the application by an analogue',
    createdAt: '2026-01-01T00:00:00.000Z',
    engineVersion: 'test',
    model: 'none',
    promptId: 'none',
    evidenceDocuments: 1,
    evidenceDocumentIds: [`news:st-${suffix}`],
    citations: [{ chunkId, start: 0, end: 4 }],
  });

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    await store.driver.executeQuery(
      `MERGE (p:Product {id: $productId}) SET p.name = 'StoreTest'
       MERGE (d:Document {id: $documentId})
       SET d.title = 'Film', d.text = 'film', d.kind = 'news', d.publishedAt = '2025-01-01', d.source = 'test'
       MERGE (c:Chunk {id: $chunkId}) SET c.text = 'film', c.start = 0, c.end = 4, c.section = 'title'
       MERGE (c)-[:PART_OF]->(d)
       WITH p UNWIND $applications AS application MERGE (:Application {id: application})`,
      {
        productId,
        documentId: `news:st-${suffix}`,
        chunkId,
        applications: ['vials', 'lenses', 'films'].map((a) => `application:${a}${suffix}`),
      },
    );
  });
  afterAll(async () => {
    await store.close();
  });

  it('drops a stale unreviewed suggestion and keeps a reviewed one when a recomputation no longer proposes them', async () => {
    const suggestions = new Neo4jSuggestionStore(store.driver);
    await suggestions.saveSuggestions(productId, [write('vials', 1), write('lenses', 2), write('films', 3)]);
    const reviewed = `suggestion:store${suffix}|films`;
    await suggestions.addReview({
      id: uniqueId('review'),
      suggestionId: reviewed,
      decision: 'defer',
      comment: 'later',
      reviewer: 'bu-lead',
      at: '2026-01-02T00:00:00.000Z',
    });
    await suggestions.saveSuggestions(productId, [write('vials', 1)]);
    const left = await suggestions.listSuggestions(productId, { includeStale: true });
    expect(left.map((s) => [s.id.split('|')[1], s.current])).toEqual([
      ['vials', true],
      ['films', false],
    ]);
    expect(await suggestions.getSuggestion(`suggestion:store${suffix}|lenses`)).toBeUndefined();
  });
});
