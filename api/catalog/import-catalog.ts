import {
  type CatalogTermsResult,
  type EntityLabel,
  nameFromEntityId,
  type Product,
  type ProductStore,
  type ProductWriteResult,
  type TermDefinition,
  type VocabularyStore,
} from '../../graph/index.ts';
import type { CatalogParseResult, CatalogRowError } from './catalog-parser.ts';

export interface CatalogImportReport {
  results: ProductWriteResult[];
  errors: CatalogRowError[];
  warnings: string[];
  counts: { rows: number; added: number; updated: number; unchanged: number; failed: number };
  /** The vocabulary after the import: the version it made (absent when nothing new) and the terms it touched. */
  vocabulary?: CatalogTermsResult;
}

export interface CatalogImportOptions {
  /** When given, the catalog's names join the graph vocabulary (origin `catalog`). */
  vocabulary?: Pick<VocabularyStore, 'addCatalogTerms' | 'findByName'>;
  actor?: string;
}

const labelsByPrefix: Record<string, EntityLabel> = {
  material: 'Material',
  application: 'Application',
  property: 'Property',
};

const labelOf = (id: string) => labelsByPrefix[id.slice(0, id.indexOf(':'))];

/**
 * A name the catalog gives for a material, application or property that the vocabulary already
 * knows under another id (`PA66` for `material:polyamide-66`) refers to that term, so the catalog
 * never duplicates a known term.
 */
async function resolveKnownNames(
  parsed: CatalogParseResult,
  vocabulary: NonNullable<CatalogImportOptions['vocabulary']>,
): Promise<{ renamed: Map<string, string>; narrower: Map<string, string> }> {
  const renamed = new Map<string, string>();
  const narrower = new Map<string, string>();
  for (const [id, name] of parsed.entityNames) {
    const label = labelOf(id);
    if (!label) continue;
    const known = (await vocabulary.findByName(label, name)).filter((entry) => entry.id !== id);
    const only = known.length === 1 ? known[0] : undefined;
    if (!only) continue;
    // "cellulose nanofibre", listed as an alias of cellulose, names a narrower material than cellulose:
    // the catalog keeps it as its own term below cellulose rather than lumping its product in.
    if ([only.name, ...only.aliases].some((other) => isNarrowerPhrase(name, other)))
      narrower.set(id, only.id);
    else renamed.set(id, only.id);
  }
  return { renamed, narrower };
}

/** Words that name a form or grade of the same material rather than a narrower one. */
const formWords = new Set(
  'resin resins polymer polymers plastic plastics compound compounds material materials grade grades'.split(
    ' ',
  ),
);

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** True when `name` contains `other` as whole words plus a qualifier that is not a form word. */
export function isNarrowerPhrase(name: string, other: string): boolean {
  const words = wordsOf(name);
  const inner = wordsOf(other);
  if (inner.length === 0 || inner.length >= words.length) return false;
  for (let at = 0; at + inner.length <= words.length; at++) {
    if (!inner.every((word, offset) => words[at + offset] === word)) continue;
    const extra = [...words.slice(0, at), ...words.slice(at + inner.length)];
    if (extra.some((word) => !formWords.has(word))) return true;
  }
  return false;
}

function renameProduct(product: Product, renamed: ReadonlyMap<string, string>): Product {
  const rename = (id: string) => renamed.get(id) ?? id;
  const unique = (ids: string[]) => [...new Set(ids.map(rename))];
  return {
    ...product,
    materialId: rename(product.materialId),
    materialIds: unique(product.materialIds),
    properties: unique(product.properties),
    knownApplications: unique(product.knownApplications),
  };
}

/** The vocabulary terms a catalog names: every referenced entity, with the names and formulas given. */
function catalogTerms(
  products: readonly Product[],
  parsed: CatalogParseResult,
  renamed: ReadonlyMap<string, string>,
  narrower: ReadonlyMap<string, string> = new Map(),
): TermDefinition[] {
  const terms = new Map<string, TermDefinition>();
  const original = new Map([...renamed].map(([from, to]) => [to, from]));
  for (const product of products) {
    const ids = [
      product.materialId,
      ...product.materialIds,
      ...product.properties,
      ...product.knownApplications,
    ];
    for (const id of ids) {
      const label = labelOf(id);
      if (!label || terms.has(id)) continue;
      const source = original.get(id) ?? id;
      const given = parsed.entityNames.get(source);
      const details = parsed.materialDetails.get(source);
      terms.set(id, {
        id,
        label,
        // A name that resolved to a known term becomes one of its aliases.
        name: renamed.has(source) ? nameFromEntityId(id) : (given ?? nameFromEntityId(id)),
        aliases: [...(renamed.has(source) && given ? [given] : []), ...(details?.aliases ?? [])],
        origin: 'catalog',
        ...(narrower.has(id) ? { broader: [narrower.get(id) as string] } : {}),
        ...(details?.formula ? { formula: details.formula } : {}),
      });
    }
  }
  return [...terms.values()];
}

/**
 * Writes the valid rows of a parsed catalog; the invalid ones are reported, not thrown. With a
 * vocabulary, the catalog's product names and aliases (mentions of their material) and the materials,
 * properties and applications it names (with aliases and formula where given) join the vocabulary;
 * the caller re-extracts the stored chunks that name them.
 */
export async function importCatalog(
  store: ProductStore,
  parsed: CatalogParseResult,
  options: CatalogImportOptions = {},
): Promise<CatalogImportReport> {
  const vocabulary = options.vocabulary;
  const { renamed, narrower } = vocabulary
    ? await resolveKnownNames(parsed, vocabulary)
    : { renamed: new Map<string, string>(), narrower: new Map<string, string>() };
  const products = parsed.products.map((product) => renameProduct(product, renamed));
  const results = await store.upsertProducts(products, { entityNames: parsed.entityNames });
  const count = (status: ProductWriteResult['status']) => results.filter((r) => r.status === status).length;
  let terms: CatalogTermsResult | undefined;
  if (vocabulary) {
    const changedIds = new Set(results.filter((r) => r.status !== 'unchanged').map((r) => r.id));
    terms = await vocabulary.addCatalogTerms(
      catalogTerms(products, parsed, renamed, narrower),
      products
        .filter((product) => changedIds.has(product.id))
        .map((product) => ({
          id: product.id,
          name: product.name,
          aliases: product.aliases,
          materialId: product.materialId,
        })),
      { actor: options.actor ?? 'system:catalog' },
    );
  }
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
    ...(terms ? { vocabulary: terms } : {}),
  };
}
