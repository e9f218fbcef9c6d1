import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuggestionEngine } from '../../agent/suggest/suggestion-engine.ts';
import {
  type DocumentBundle,
  Neo4jEvidenceReader,
  type Neo4jGraphStore,
  Neo4jSuggestionStore,
  type Product,
} from '../../graph/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';
import { namedAfterId, useDocument } from '../support/use-document.ts';

describe('the BROADER taxonomy in ranking (real Neo4j)', () => {
  let store: Neo4jGraphStore;
  let suggestions: Neo4jSuggestionStore;
  const suffix = uniqueSuffix('tx');
  const ours = `material:taxpolymer${suffix}`;
  const analogue = `material:taxanalogue${suffix}`;
  const app = (name: string) => `application:${name}${suffix}`;
  const product: Product = {
    id: `product:tax${suffix}`,
    name: 'TaxPolymer',
    aliases: [],
    owner: 'Example Chemicals',
    materialId: ours,
    materialIds: [],
    properties: [],
    knownApplications: [app('medicalpackaging')],
  };
  // medical packaging → packaging ← food packaging ← frozen food packaging; gaskets stand alone.
  const broader: Array<[string, string]> = [
    [app('medicalpackaging'), app('packaging')],
    [app('foodpackaging'), app('packaging')],
    [app('frozenfoodpackaging'), app('foodpackaging')],
  ];

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    suggestions = new Neo4jSuggestionStore(store.driver);
    const docs: DocumentBundle[] = [];
    const add = (material: string, application: string, date: string) =>
      docs.push(
        useDocument({
          id: `news:tx-${suffix}-${docs.length + 1}`,
          material: { ...namedAfterId(material), class: `fixture resin ${suffix}` },
          application: namedAfterId(application),
          date,
        }),
      );
    add(ours, app('medicalpackaging'), '2020-01-10');
    add(analogue, app('medicalpackaging'), '2019-05-01');
    add(analogue, app('packaging'), '2020-03-01');
    add(analogue, app('packaging'), '2021-03-01');
    add(analogue, app('foodpackaging'), '2020-06-01');
    add(analogue, app('foodpackaging'), '2021-06-01');
    add(analogue, app('gaskets'), '2021-05-01');
    // A second document: an analogue's use from a single document is below the minimum support.
    add(analogue, app('gaskets'), '2022-05-01');
    // The one direct statement: our material in the narrowest variant.
    add(ours, app('frozenfoodpackaging'), '2022-02-01');
    await store.writeDocuments(docs);
    await store.driver.executeQuery(
      `UNWIND $links AS link
       MATCH (n:Application {id: link[0]}), (b:Application {id: link[1]})
       MERGE (n)-[:BROADER]->(b)`,
      { links: broader },
    );
    await store.driver.executeQuery(
      'MERGE (p:Product {id: $id}) SET p.name = $name WITH p MATCH (m:Material {id: $material}) MERGE (p)-[:MADE_OF]->(m)',
      { id: product.id, name: product.name, material: ours },
    );
  });
  afterAll(async () => {
    await store.close();
  });

  it('reads the BROADER links with the evidence', async () => {
    const rows = await new Neo4jEvidenceReader(store.driver).readEvidence();
    const links = (rows.broader ?? []).filter((link) => link.narrowerId.endsWith(suffix));
    expect(links.map((link) => [link.narrowerId, link.broaderId]).sort()).toEqual([...broader].sort());
  });

  it('never proposes a term broader than a known application, and folds variants into one suggestion', async () => {
    const engine = new SuggestionEngine({ evidence: new Neo4jEvidenceReader(store.driver), suggestions });
    const computed = await engine.compute(product, { top: 10 });
    const proposed = computed.suggestions.map((s) => s.applicationId);
    expect(proposed).not.toContain(app('packaging'));
    expect(computed.excluded).toContainEqual({
      applicationId: app('packaging'),
      reason: 'broader than a known application',
    });
    // Food packaging and frozen food packaging are one suggestion, headed by the stated (narrowest) use.
    expect(proposed).toContain(app('frozenfoodpackaging'));
    expect(proposed).not.toContain(app('foodpackaging'));
    expect(proposed).toContain(app('gaskets'));
    const stored = await suggestions.listSuggestions(product.id);
    const frozen = stored.find((s) => s.applicationId === app('frozenfoodpackaging'));
    expect(frozen?.variants).toEqual([app('foodpackaging')]);
    expect(frozen?.rationale).toContain(`Variants: foodpackaging${suffix}.`);
    // The variant's evidence is cited after the head's, and every citation reproduces its quote.
    const quotes = frozen?.citations.map((citation) => citation.quote) ?? [];
    expect(quotes.some((quote) => quote.includes(`frozenfoodpackaging${suffix}`))).toBe(true);
    expect(quotes.some((quote) => quote.includes(` foodpackaging${suffix}`))).toBe(true);
    expect(stored.map((s) => s.rank)).toEqual(stored.map((_, index) => index + 1));
    expect(stored.find((s) => s.applicationId === app('gaskets'))?.variants).toBeUndefined();
  });
});
