import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAllNodes, type Neo4jGraphStore } from '../../graph/index.ts';
import { runCli } from '../support/cli.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * Uses stated once: a catalog of three products whose materials the bundled lexicon lacks, and six
 * items (Markdown with datelines, plain text with an ISO date, HTML) that each state a use no lexicon
 * names, once, with the product's material or the product as the subject. Beside them, the same kind
 * of sentence about materials that are not the company's, and a hedged one, which must not become terms.
 */
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'stated-uses');

interface SuggestOutput {
  product: { id: string; materialId: string };
  suggestions: Array<{
    applicationId: string;
    applicationName: string;
    rank: number;
    citations: Array<{ quote: string; role?: string }>;
  }>;
}

interface VocabList {
  terms: Array<{ id: string; label: string; name: string; origin: string }>;
}

const products = [
  {
    name: 'MycoBlock M3',
    names: /mycelium composites?|mycoblock/i,
    stated: [/acoustic ceiling baffles?/i, /surfboard cores?/i],
  },
  {
    name: 'ShellaGuard SG-2',
    names: /shellac|shellaguard/i,
    stated: [/guitar fretboard finish(?:es)?/i, /dental impression trays?/i],
  },
  {
    name: 'Biocarb BC-7',
    names: /biochar|biocarb/i,
    stated: [/green roof substrates?/i, /cattle feed supplements?/i],
  },
];

describe('uses of catalog materials stated once become applications (CLI, real Neo4j)', () => {
  const env = () => ({
    ...testNeo4jEnv(),
    LLM_PROVIDER: 'none',
  });
  let store: Neo4jGraphStore;

  beforeAll(async () => {
    store = openTestStore();
    // Terms other test files promoted would read these texts differently, and these terms theirs.
    await deleteAllNodes(store.driver);
    await store.migrate();
  });
  afterAll(async () => {
    await deleteAllNodes(store.driver);
    await store.close();
  });

  it('ingests the items, imports the catalog and promotes only the plainly stated uses of its materials', async () => {
    const ingest = await runCli(['ingest', path.join(fixtures, 'news'), '--json'], env());
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({
      status: 'succeeded',
      counts: { documents: 6, failed: 0 },
    });
    const imported = await runCli(
      ['products', 'import', path.join(fixtures, 'catalog.json'), '--json'],
      env(),
    );
    expect(imported.code, imported.stderr).toBe(0);

    const listed = await runCli(
      ['vocab', 'list', '--origin', 'mined', '--label', 'application', '--json'],
      env(),
    );
    expect(listed.code, listed.stderr).toBe(0);
    const mined = (JSON.parse(listed.stdout) as VocabList).terms.map((term) => term.name);
    for (const use of products.flatMap((product) => product.stated)) {
      expect(
        mined.some((name) => use.test(name)),
        `${use} among ${mined.join(', ')}`,
      ).toBe(true);
    }
    // Stated once of plywood and linseed oil (not the company's), hedged ("could be used") or a role
    // ("used as a soil conditioner in vineyards"): no term.
    for (const notStated of [/trade show booth/i, /cricket bat/i, /beehive/i, /soil conditioner/i]) {
      expect(mined.filter((name) => notStated.test(name))).toEqual([]);
    }
  });

  it.each(products)(
    'suggest --json for $name lists each stated use in its top 10, cited with its material',
    async (product) => {
      const result = await runCli(['suggest', product.name, '--json', '--top', '10'], env());
      expect(result.code, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as SuggestOutput;
      const proposed = output.suggestions.map((s) => s.applicationName);
      for (const use of product.stated) {
        const suggestion = output.suggestions.find((s) => use.test(s.applicationName));
        expect(suggestion, `${use} for ${product.name}: ${proposed.join(', ')}`).toBeDefined();
        expect(suggestion?.rank).toBeLessThanOrEqual(10);
        expect(
          suggestion?.citations.some(
            (c) => c.role === 'direct' && product.names.test(c.quote) && use.test(c.quote),
          ),
          `${use}: a direct citation naming the material and the use`,
        ).toBe(true);
      }
    },
  );
});
