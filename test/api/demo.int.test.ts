import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { runDemo } from '../../api/demo.ts';
import { Neo4jSuggestionStore } from '../../graph/index.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * Material classes a chemist would compare, written out here independently of the engine's table: two
 * materials are related when their classes share a group (or a BROADER link joins them).
 */
const relatedClasses: string[][] = [
  ['polyolefin', 'olefinic elastomer', 'adhesive resin'],
  ['elastomer'],
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

describe('matscout demo on the bundled corpus', () => {
  it('ingests ≥ 100 real documents and cites them in suggestions for most catalog products', async () => {
    const config = loadConfig(
      {
        ...testNeo4jEnv(),
        LOG_LEVEL: 'silent',
      },
      repoRoot,
    );
    const catalog = JSON.parse(await readFile(path.join(repoRoot, 'samples', 'catalog.json'), 'utf8')) as {
      products: Array<{ id: string; name: string }>;
    };
    const report = await runDemo(config, () => {});
    expect(report.inputs).toEqual([path.join(repoRoot, 'samples', 'corpus')]);
    expect(report.ingest.counts.documents).toBeGreaterThanOrEqual(100);
    expect(report.ingest.counts.failed).toBe(0);
    // Only the sample catalog's products, although the suite's graph holds other tests' products too.
    expect(report.products).toBe(catalog.products.length);
    const shown = report.suggestions;
    expect(shown.map((entry) => entry.product)).toEqual(catalog.products.map((p) => p.name));
    const withSuggestions = shown.filter((product) => product.top.length > 0);
    expect(withSuggestions.length).toBeGreaterThanOrEqual(9);
    for (const product of withSuggestions) {
      expect(report.lines.join('\n')).toContain(`"${product.top[0]?.evidence?.slice(1, 40)}`);
    }

    // Every quote shown is the stored text at its offsets; most products' best quote is a bundled document.
    const store = openTestStore();
    const suggestions = new Neo4jSuggestionStore(store.driver);
    const corpus = path.join(repoRoot, 'samples', 'corpus');
    let fromCorpus = 0;
    try {
      for (const product of catalog.products) {
        const top = await suggestions.listSuggestions(product.id, { limit: 2 });
        for (const [rank, suggestion] of top.entries()) {
          for (const citation of suggestion.citations) {
            const stored = await store.driver.executeQuery(
              'MATCH (d:Document {id: $id}) RETURN d.text AS text, d.origin AS origin',
              { id: citation.document.id },
            );
            const record = stored.records[0];
            expect(String(record?.get('text')).slice(citation.start, citation.end)).toBe(citation.quote);
            if (
              rank === 0 &&
              citation === suggestion.citations[0] &&
              String(record?.get('origin')).startsWith(corpus)
            )
              fromCorpus += 1;
          }
        }
      }
    } finally {
      await store.close();
    }
    expect(fromCorpus).toBeGreaterThanOrEqual(8);
  }, 600_000);

  it('mines no patent self-words, reference-label pairs, bracket fragments or boilerplate headings from it', async () => {
    // Runs after the tour above (same file, in order): the graph holds what mining made of the corpus.
    // Only the terms its documents name: other test files put their own (fixture) terms in the graph.
    const store = openTestStore();
    try {
      const found = await store.driver.executeQuery(
        `MATCH (d:Document) WHERE d.origin STARTS WITH $corpus
         MATCH (:Chunk {documentId: d.id})-[:MENTIONS]->(e:Entity)
         WHERE e.origin = 'mined' AND NOT coalesce(e.retired, false)
         WITH DISTINCT e
         RETURN e.name AS name, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.support IS NOT NULL AS promoted`,
        { corpus: `${path.join(repoRoot, 'samples', 'corpus')}${path.sep}` },
      );
      const terms = found.records.map((r) => ({
        name: String(r.get('name')),
        label: String(r.get('label')),
        promoted: Boolean(r.get('promoted')),
      }));
      // The corpus yields mined terms at all (else the rules below would hold vacuously).
      expect(terms.filter((term) => term.promoted).length).toBeGreaterThan(5);
      expect(terms.filter((term) => term.label === 'Material').length).toBeGreaterThan(50);
      const selfWords =
        /\b(?:inventions?|embodiments?|examples?|combinations?|claims?|patents?)\b|^(?:products?|methods?|apparatus|devices?|compositions?|systems?|articles?)$|^(?:(?:prior|related|background) )?arts?$/i;
      const ordinal =
        /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|alternate|exemplary)\b/i;
      for (const term of terms.filter((t) => t.label === 'Application')) {
        expect(term.name, 'an application named by the patent about itself').not.toMatch(selfWords);
        expect(term.name, 'an enumerated part').not.toMatch(ordinal);
      }
      for (const term of terms) {
        // Sectional-view labels ("10B-10B", "3B–C").
        expect(term.name).not.toMatch(/^\d+[A-Z][a-z]?\s*[-–—]\s*\d*[A-Z][a-z]?'?$/);
        // Every bracket closed, in order, and no bracketed group alone ("(NH2)2") or dangling bond.
        let depth = 0;
        for (const char of term.name) {
          depth += char === '(' || char === '[' ? 1 : char === ')' || char === ']' ? -1 : 0;
          expect(depth, `${term.name}: brackets`).toBeGreaterThanOrEqual(0);
        }
        expect(depth, `${term.name}: brackets`).toBe(0);
        expect(term.name).not.toMatch(/^\([^()]+\)\d*$|^[-–—]|[-–—]$/);
        // A press release's "About <Company>" heading names no entity.
        expect(term.name).not.toMatch(/^About\s/);
      }
    } finally {
      await store.close();
    }
  });

  // Runs the demo again (a re-run only checks content hashes), so it does not depend on the test above.
  it('cites only passages naming the material, its stated analogue or the application; analogues share a class family', async () => {
    const config = loadConfig(
      {
        ...testNeo4jEnv(),
        LOG_LEVEL: 'silent',
      },
      repoRoot,
    );
    await runDemo(config, () => {});
    const { default: catalog } = (await import('../../samples/catalog.json', { with: { type: 'json' } })) as {
      default: {
        products: Array<{ id: string; materialId: string; materialIds?: string[]; properties?: string[] }>;
      };
    };
    const store = openTestStore();
    const suggestions = new Neo4jSuggestionStore(store.driver);
    const classOf = async (id: string): Promise<string | null> => {
      // The lexicon files a polyolefin wax under additives; chemically it is a low-molecular polyolefin.
      if (id === 'material:polyolefin-wax') return 'polyolefin';
      // So does it file every rubber under elastomers; these have an olefin backbone.
      if (
        /^material:(?:epdm|epr|polyolefin-elastomer|thermoplastic-olefin|thermoplastic-vulcanizate|polyisobutylene)$/.test(
          id,
        )
      )
        return 'olefinic elastomer';
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
    // Polymers of two families are comparable when they share two properties (the product's catalog
    // properties and the extracted HAS_PROPERTY facts of both materials).
    const polymerClasses = new Set(relatedClasses.flat());
    const sharedProperties = async (
      own: string,
      catalogProperties: string[],
      other: string,
    ): Promise<number> => {
      const result = await store.driver.executeQuery(
        `OPTIONAL MATCH (f:Fact {type: 'HAS_PROPERTY'})-[:SUBJECT]->(:Material {id: $other})
         OPTIONAL MATCH (f)-[:OBJECT]->(p:Property)
         WITH collect(DISTINCT p.id) AS theirs
         OPTIONAL MATCH (g:Fact {type: 'HAS_PROPERTY'})-[:SUBJECT]->(:Material {id: $own})
         OPTIONAL MATCH (g)-[:OBJECT]->(q:Property)
         WITH theirs, collect(DISTINCT q.id) + $catalogProperties AS ours
         RETURN size([id IN theirs WHERE id IN ours]) AS shared`,
        { own, other, catalogProperties },
      );
      return Number(result.records[0]?.get('shared') ?? 0);
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
            const ownClass = await classOf(product.materialId);
            const otherClass = await classOf(analogueId);
            const ok =
              related(ownClass, otherClass) ||
              (await broaderLinked(product.materialId, analogueId)) ||
              (polymerClasses.has(ownClass ?? '') &&
                polymerClasses.has(otherClass ?? '') &&
                (await sharedProperties(product.materialId, product.properties ?? [], analogueId)) >= 2);
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
