import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatScore } from '../agent/index.ts';
import { runIngestion } from '../ingest/index.ts';
import { parseCatalog } from './catalog/catalog-parser.ts';
import { importCatalog } from './catalog/import-catalog.ts';
import { formatCitation } from './commands/suggest-command.ts';
import { openAppContext } from './composition-root.ts';
import type { Config } from './config.ts';
import { createExtractor } from './extractor-factory.ts';
import { minedTermPromotion, reextractNow } from './vocabulary-runs.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface DemoReport {
  uri: string;
  inputs: string[];
  ingest: { status: string; counts: Record<string, number>; errors: number };
  products: number;
  suggestions: Array<{
    product: string;
    top: Array<{ application: string; score: number; evidence?: string }>;
  }>;
  lines: string[];
}

/** Suggestions shown per product in the tour. */
const shownPerProduct = 2;

/**
 * The end-to-end tour: start (or reuse) Neo4j, ingest the bundled corpus of real patents and press
 * releases (samples/corpus, nothing else, so the tour is the same on every machine), import the sample
 * catalog, and print each product's top suggestions with a quote from the documents.
 */
export async function runDemo(config: Config, log: (line: string) => void): Promise<DemoReport> {
  const context = await openAppContext(config, { log });
  try {
    const inputs = [path.join(repoRoot, 'samples', 'corpus')];
    log('ingesting samples/corpus (a re-run only checks content hashes)…');
    const extractor = await createExtractor(config, context);
    const run = await runIngestion(
      {
        store: context.graph,
        extractor,
        promoteCandidates: minedTermPromotion(context, extractor),
      },
      { inputs, source: 'demo', batchSize: 50 },
    );
    const catalog = parseCatalog(
      await readFile(path.join(repoRoot, 'samples', 'catalog.json'), 'utf8'),
      'json',
    );
    await importCatalog(context.products, catalog, { vocabulary: context.vocabulary, actor: 'demo' });
    // The catalog's names and promoted mined terms reach the stored chunks (a re-run finds nothing to do).
    const reextraction = await reextractNow(context, { actor: 'demo' }, extractor);
    log(`re-extraction: ${reextraction.counts.documents} documents, ${reextraction.counts.updated} changed`);
    const engine = context.suggestionEngine;
    // The tour shows the sample catalog's products, whatever else the graph holds.
    const products = catalog.products;
    const lines = [
      `Neo4j: ${context.uri}`,
      `ingested samples/corpus (real USPTO patents, Pap2Pat applications and press releases): ${run.counts.documents} documents, ${run.counts.added} added, ${run.counts.unchanged} unchanged, ${run.counts.failed} failed items; ${run.counts.chunks} chunks, ${run.counts.mentions} mentions, ${run.counts.facts} facts written`,
      `catalog: ${products.length} products from samples/catalog.json`,
      '',
    ];
    const suggestions: DemoReport['suggestions'] = [];
    for (const product of products) {
      await engine.compute(product, { top: 10 });
      const top = await context.suggestions.listSuggestions(product.id, { limit: shownPerProduct });
      suggestions.push({
        product: product.name,
        top: top.map((s) => ({
          application: s.applicationName,
          score: s.score,
          evidence: s.citations[0] ? formatCitation(s.citations[0]) : undefined,
        })),
      });
      lines.push(
        `${product.name} (${product.materialId.replace('material:', '')}), known: ${product.knownApplications.map((a) => a.replace('application:', '')).join(', ')}`,
      );
      if (top.length === 0) lines.push('  no new applications with evidence yet');
      for (const suggestion of top) {
        lines.push(
          `  ${suggestion.rank}. ${suggestion.applicationName} (score ${formatScore(suggestion.score)})`,
        );
        if (suggestion.citations[0]) lines.push(`     ${formatCitation(suggestion.citations[0])}`);
      }
    }
    lines.push(
      '',
      'More: npx matscout suggest <product> · npx matscout ask "What new applications could APEL have?"',
      'Review page: npx matscout keys create --role reviewer, then npm start and open http://127.0.0.1:8080/review',
      'Stop Neo4j: npx matscout neo4j stop',
    );
    return {
      uri: context.uri,
      inputs,
      ingest: { status: run.status, counts: run.counts, errors: run.errors.length },
      products: products.length,
      suggestions,
      lines,
    };
  } finally {
    await context.close();
  }
}
