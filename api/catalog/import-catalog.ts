import type { ProductStore, ProductWriteResult } from '../../graph/index.ts';
import type { CatalogParseResult, CatalogRowError } from './catalog-parser.ts';

export interface CatalogImportReport {
  results: ProductWriteResult[];
  errors: CatalogRowError[];
  warnings: string[];
  counts: { rows: number; added: number; updated: number; unchanged: number; failed: number };
}

/** Writes the valid rows of a parsed catalog; the invalid ones are reported, not thrown. */
export async function importCatalog(
  store: ProductStore,
  parsed: CatalogParseResult,
): Promise<CatalogImportReport> {
  const results = await store.upsertProducts(parsed.products, { entityNames: parsed.entityNames });
  const count = (status: ProductWriteResult['status']) => results.filter((r) => r.status === status).length;
  return {
    results,
    errors: parsed.errors,
    warnings: parsed.warnings,
    counts: {
      rows: parsed.rows,
      added: count('added'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      failed: parsed.errors.length,
    },
  };
}
