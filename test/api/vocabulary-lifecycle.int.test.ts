import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogValue } from '../../api/catalog/catalog-parser.ts';
import { importCatalog } from '../../api/catalog/import-catalog.ts';
import { reextractNow } from '../../api/vocabulary-runs.ts';
import { openVocabularyWorld, pressRelease, type VocabularyWorld, writeFiles } from './vocabulary-support.ts';

/**
 * The open vocabulary end to end on the real graph: documents ingested before the catalog knows a
 * material, a catalog import that names it, re-extraction of the stored chunks (no re-parse), and
 * suggestions for the new product without re-ingesting anything.
 */
describe('vocabulary lifecycle: catalog import re-extracts stored chunks', () => {
  let world: VocabularyWorld;
  const titles = {
    battery: 'Silica aerogel blankets go into EV battery packs',
    building: 'Silica aerogel granules for building materials',
    tyre: 'Precipitated silica reinforces tires',
    product: 'AeroShield for LNG pipes',
  };
  const ids: Record<keyof typeof titles, string> = { battery: '', building: '', tyre: '', product: '' };

  const query = async (cypher: string, parameters: Record<string, unknown>) =>
    (await world.graph.driver.executeQuery(cypher, parameters)).records.map((record) => record.toObject());
  const facts = async (documentId: string) =>
    (
      await query(
        `MATCH (f:Fact {documentId: $documentId})-[:SUBJECT]->(s), (f)-[:OBJECT]->(o)
         RETURN f.type + ' ' + s.id + ' ' + o.id AS fact ORDER BY fact`,
        { documentId },
      )
    ).map((row) => String(row.fact));
  const mentioned = async (documentId: string) =>
    [...new Set((await world.graph.listMentions(documentId)).map((mention) => mention.entityId))].sort();

  beforeAll(async () => {
    world = await openVocabularyWorld({}, { fresh: true });
    const files = writeFiles('lifecycle', {
      'battery.md': pressRelease(
        titles.battery,
        '2025-01-10',
        'Silica aerogel blankets are used in EV battery packs to stop thermal runaway.',
      ),
      'building.md': pressRelease(
        titles.building,
        '2025-02-11',
        'Silica aerogel granules are used in building materials such as insulating plaster.',
      ),
      'tyre.md': pressRelease(
        titles.tyre,
        '2025-03-12',
        'Precipitated silica is used as a reinforcing filler in tires.',
      ),
      'product.md': pressRelease(
        titles.product,
        '2025-04-13',
        'AeroShield is used in pipes for LNG terminals.',
      ),
    });
    const run = await world.ingest(files);
    expect(run.status).toBe('succeeded');
    expect(run.counts.added).toBe(4);
    for (const [key, title] of Object.entries(titles)) {
      const rows = await query('MATCH (d:Document {title: $title}) RETURN d.id AS id', { title });
      ids[key as keyof typeof titles] = String(rows[0]?.id);
    }
  });
  afterAll(() => world?.close());

  it('before the catalog, evidence lands on the lexicon terms and the aerogel is only a mined candidate', async () => {
    expect(await facts(ids.battery)).toEqual(['USED_IN material:aerogel application:battery-pack']);
    expect(await mentioned(ids.battery)).not.toContain('material:silica');
    expect(await facts(ids.tyre)).toEqual(['USED_IN material:silica application:tire']);
    expect(await mentioned(ids.product)).not.toContain('material:silica-aerogel');
    const candidate = await world.vocabulary.getCandidate('candidate:material:silica aerogel');
    expect(candidate?.support).toBe(2);
    expect(candidate?.promoted).toBe(false);
    expect(await world.graph.getEntity('material:silica-aerogel')).toBeUndefined();
  });

  it('importing a catalog whose material is new re-extracts the chunks that name it and the product', async () => {
    const before = await world.vocabulary.version();
    const parsed = parseCatalogValue({
      owner: 'Aerogel Co',
      products: [
        {
          name: 'AeroShield',
          aliases: ['AeroShield blanket'],
          materialId: 'silica aerogel',
          materialAliases: ['SiO2 aerogel'],
        },
      ],
    });
    const report = await importCatalog(world.products, parsed, {
      vocabulary: world.vocabulary,
      actor: 'test',
    });
    expect(report.counts.added).toBe(1);
    expect(report.vocabulary?.version).toBe(before + 1);
    expect(report.vocabulary?.changed).toEqual(
      expect.arrayContaining(['material:silica-aerogel', 'product:aeroshield']),
    );
    const entry = await world.vocabulary.get('material:silica-aerogel');
    expect(entry).toMatchObject({ origin: 'catalog', matched: true, aliases: ['SiO2 aerogel'] });

    const run = await reextractNow(world, { actor: 'test' }, world.extractor);
    expect(run).toMatchObject({ kind: 're-extract', status: 'succeeded', vocabularyVersion: before + 1 });
    expect(run.counts.documents).toBeGreaterThanOrEqual(3);
    expect(run.counts.updated).toBeGreaterThanOrEqual(3);
    expect(run.counts.mentions).toBeGreaterThan(0);
    expect(run.counts.facts).toBeGreaterThan(0);
    // Found through the full-text index on the new names: the tyre document names neither.
    const stored = await query(
      'MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.vocabularyVersion AS v',
      {
        ids: Object.values(ids),
      },
    );
    const versions = Object.fromEntries(stored.map((row) => [row.id, row.v]));
    expect(versions[ids.battery]).toBe(before + 1);
    expect(versions[ids.product]).toBe(before + 1);
    expect(versions[ids.tyre]).toBeLessThan(before + 1);
  });

  it('the longer catalog term wins, the product name counts for its material, and silica keeps its tyres', async () => {
    expect(await facts(ids.battery)).toEqual(['USED_IN material:silica-aerogel application:battery-pack']);
    expect(await facts(ids.building)).toEqual([
      'USED_IN material:silica-aerogel application:building-material',
    ]);
    expect(await mentioned(ids.battery)).not.toContain('material:aerogel');
    expect(await facts(ids.product)).toEqual(['USED_IN material:silica-aerogel application:pipe']);
    const productMentions = await query(
      'MATCH (c:Chunk {documentId: $documentId})-[m:MENTIONS]->(p:Product) RETURN p.id AS id, m.surface AS surface',
      { documentId: ids.product },
    );
    // The title and the body each name the product.
    expect(productMentions).toEqual([
      { id: 'product:aeroshield', surface: 'AeroShield' },
      { id: 'product:aeroshield', surface: 'AeroShield' },
    ]);
    expect(await mentioned(ids.product)).toContain('material:silica-aerogel');
    expect(await facts(ids.tyre)).toEqual(['USED_IN material:silica application:tire']);
    const aerogelTyres = await query(
      `MATCH (:Material {id: 'material:silica-aerogel'})<-[:SUBJECT]-(f:Fact)-[:OBJECT]->(:Application {id: 'application:tire'})
       RETURN count(f) AS n`,
      {},
    );
    expect(aerogelTyres[0]?.n).toBe(0);
    // The candidate is a known term now: its occurrences are gone with the re-extraction.
    expect(await world.vocabulary.getCandidate('candidate:material:silica aerogel')).toBeUndefined();
  });

  it('suggestions for the new product work without re-ingesting: stated uses, cited with the material', async () => {
    const product = await world.products.getProduct('product:aeroshield');
    expect(product?.materialId).toBe('material:silica-aerogel');
    world.suggestionEngine.invalidate();
    const computed = await world.suggestionEngine.compute(product as NonNullable<typeof product>, {
      top: 10,
    });
    const applications = computed.suggestions.map((suggestion) => suggestion.applicationId);
    expect(applications).toEqual(
      expect.arrayContaining([
        'application:battery-pack',
        'application:building-material',
        'application:pipe',
      ]),
    );
    expect(applications).not.toContain('application:tire');
    const stored = await world.suggestions.listSuggestions('product:aeroshield', { limit: 10 });
    const battery = stored.find((suggestion) => suggestion.applicationId === 'application:battery-pack');
    // Cited with a passage that names the product's material (the title or the body sentence).
    expect(battery?.citations.length).toBeGreaterThan(0);
    for (const citation of battery?.citations ?? []) {
      expect(citation.document.id).toBe(ids.battery);
      expect(citation.quote).toMatch(/silica aerogel/i);
      expect(citation.quote).toMatch(/battery packs/);
    }
  });

  it('a second re-extraction changes nothing, and --all twice changes nothing the second time', async () => {
    const before = await world.graph.counts();
    const again = await reextractNow(world, { actor: 'test' }, world.extractor);
    expect(again.status).toBe('succeeded');
    expect(again.counts.documents).toBe(0);
    expect(await world.graph.counts()).toEqual(before);

    await reextractNow(world, { all: true, actor: 'test' }, world.extractor);
    const settled = await world.graph.counts();
    const all = await reextractNow(world, { all: true, actor: 'test' }, world.extractor);
    expect(all.counts.documents).toBeGreaterThanOrEqual(4);
    expect(all.counts.updated).toBe(0);
    expect(all.counts.unchanged).toBe(all.counts.documents);
    expect(await world.graph.counts()).toEqual(settled);
    expect(await facts(ids.battery)).toEqual(['USED_IN material:silica-aerogel application:battery-pack']);
  });
});
