import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { runDemo } from '../../api/demo.ts';
import { Neo4jSuggestionStore } from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

describe('matscout demo on the bundled corpus', () => {
  it('ingests ≥ 100 real documents and cites them in suggestions for most catalog products', async () => {
    const config = loadConfig(
      {
        NEO4J_URI: inject('neo4jUri'),
        NEO4J_USER: inject('neo4jUser'),
        NEO4J_PASSWORD: inject('neo4jPassword'),
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
});
