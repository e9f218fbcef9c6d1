import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { runDemo } from '../../api/demo.ts';
import { Neo4jSuggestionStore } from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * Material classes a chemist would compare, written out here independently of the engine's table: two
 * materials are related when their classes share a group (or a BROADER link joins them).
 */
const relatedClasses: string[][] = [
  ['polyolefin', 'elastomer', 'adhesive resin'],
  [
    'engineering plastic',
    'super engineering plastic',
    'polyester',
    'styrenic',
    'acrylic',
    'vinyl',
    'fluoropolymer',
    'polyether',
    'optical resin',
    'conductive polymer',
    'barrier polymer',
    'precursor',
  ],
  ['thermoset', 'polyurethane'],
  ['biopolymer'],
];

function related(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  return a === b || relatedClasses.some((group) => group.includes(a) && group.includes(b));
}

describe('the demo suggestions a business unit can trust (bundled corpus)', () => {
  it('cites only passages naming the material, its stated analogue or the application; analogues share a class family', async () => {
    const config = loadConfig(
      {
        NEO4J_URI: inject('neo4jUri'),
        NEO4J_USER: inject('neo4jUser'),
        NEO4J_PASSWORD: inject('neo4jPassword'),
        LOG_LEVEL: 'silent',
      },
      repoRoot,
    );
    await runDemo(config, () => {});
    const { default: catalog } = (await import('../../samples/catalog.json', { with: { type: 'json' } })) as {
      default: { products: Array<{ id: string; materialId: string; materialIds?: string[] }> };
    };
    const store = openTestStore();
    const suggestions = new Neo4jSuggestionStore(store.driver);
    const classOf = async (id: string): Promise<string | null> => {
      // The lexicon files a polyolefin wax under additives; chemically it is a low-molecular polyolefin.
      if (id === 'material:polyolefin-wax') return 'polyolefin';
      const result = await store.driver.executeQuery('MATCH (m:Material {id: $id}) RETURN m.class AS class', {
        id,
      });
      return (result.records[0]?.get('class') as string | null | undefined) ?? null;
    };
    const broaderLinked = async (a: string, b: string): Promise<boolean> => {
      const result = await store.driver.executeQuery(
        `MATCH (x:Material {id: $a}), (y:Material {id: $b})
         RETURN EXISTS { (x)-[:BROADER*1..4]-(y) } OR EXISTS { (x)-[:BROADER*1..4]->(:Material)<-[:BROADER*1..4]-(y) } AS linked`,
        { a, b },
      );
      return result.records[0]?.get('linked') === true;
    };
    let checkedCitations = 0;
    let checkedAnalogues = 0;
    try {
      for (const product of catalog.products) {
        const materials = [product.materialId, ...(product.materialIds ?? [])];
        const listed = await suggestions.listSuggestions(product.id, { limit: 100 });
        for (const suggestion of listed) {
          const analogues = (suggestion.analogues ?? []).map((analogue) => analogue.materialId);
          for (const analogueId of analogues) {
            const ok =
              related(await classOf(product.materialId), await classOf(analogueId)) ||
              (await broaderLinked(product.materialId, analogueId));
            expect(ok, `${product.id}: analogue ${analogueId} for ${suggestion.applicationId}`).toBe(true);
            checkedAnalogues += 1;
          }
          const named = [...materials, ...analogues, suggestion.applicationId];
          for (const citation of suggestion.citations) {
            const mentions = await store.driver.executeQuery(
              `MATCH (c:Chunk {id: $chunkId})-[m:MENTIONS]->(e)
               WHERE e.id IN $named AND m.start >= $start AND m.end <= $end
               RETURN m.surface AS surface`,
              { chunkId: citation.chunkId, named, start: citation.start, end: citation.end },
            );
            const surfaces = mentions.records.map((record) => String(record.get('surface')).toLowerCase());
            const quote = citation.quote.toLowerCase();
            expect(
              surfaces.some((surface) => surface.length > 0 && quote.includes(surface)),
              `${suggestion.id} [${citation.role}] "${citation.quote}" names none of ${named.join(', ')}`,
            ).toBe(true);
            checkedCitations += 1;
          }
        }
      }
    } finally {
      await store.close();
    }
    expect(checkedCitations).toBeGreaterThan(20);
    expect(checkedAnalogues).toBeGreaterThan(0);
  }, 900_000);
});
