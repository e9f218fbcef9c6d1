import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { nameFromEntityId, toEntityId } from './entity-ids.ts';
import type { Product } from './model.ts';
import * as q from './neo4j-product-queries.ts';
import { Neo4jSessionStore, type Neo4jStoreOptions, withoutUndefined } from './neo4j-session.ts';
import type {
  ProductStore,
  ProductUpsertOptions,
  ProductWriteResult,
  ProductWriteStatus,
} from './product-store.ts';

export interface Neo4jProductStoreOptions extends Neo4jStoreOptions {
  now?: () => Date;
}

/** Node properties that are bookkeeping, not part of the Product record. */
const internalProperties = new Set(['aliasText', 'contentHash', 'updatedAt']);

function toProduct(properties: Record<string, unknown>): Product {
  const product = Object.fromEntries(
    Object.entries(properties).filter(([key]) => !internalProperties.has(key)),
  ) as Partial<Product>;
  return {
    aliases: [],
    materialIds: [],
    properties: [],
    knownApplications: [],
    ...product,
  } as Product;
}

/** A hash of what the product is, so re-importing an unchanged product is reported as such. */
function productHash(product: Product): string {
  const canonical = JSON.stringify(
    Object.keys(product)
      .sort()
      .map((key) => [key, product[key as keyof Product]]),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** ProductStore on Neo4j: `(:Product)-[:MADE_OF|KNOWN_FOR|HAS_PROPERTY]->(:Material|:Application|:Property)`. */
export class Neo4jProductStore extends Neo4jSessionStore implements ProductStore {
  private readonly now: () => Date;

  constructor(driver: Driver, options: Neo4jProductStoreOptions = {}) {
    super(driver, options);
    this.now = options.now ?? (() => new Date());
  }

  async upsertProducts(
    products: Product[],
    options: ProductUpsertOptions = {},
  ): Promise<ProductWriteResult[]> {
    if (products.length === 0) return [];
    // The last occurrence wins when a batch names the same product twice.
    const byId = new Map(products.map((product) => [product.id, product]));
    const names = options.entityNames ?? new Map<string, string>();
    const reference = (id: string, primary?: boolean) => ({
      id,
      name: names.get(id) ?? nameFromEntityId(id),
      ...(primary === undefined ? {} : { primary }),
    });
    return this.write(async (tx) => {
      const existing = new Map(
        (await tx.run(q.productHashes, { ids: [...byId.keys()] })).records.map((r) => [
          String(r.get('id')),
          r.get('contentHash') as string | null,
        ]),
      );
      const results: ProductWriteResult[] = [];
      const rows: unknown[] = [];
      for (const product of byId.values()) {
        const hash = productHash(product);
        const previous = existing.get(product.id);
        const status: ProductWriteStatus =
          previous === undefined ? 'added' : previous === hash ? 'unchanged' : 'updated';
        results.push({ id: product.id, status });
        if (status === 'unchanged') continue;
        const materialIds = [...new Set([product.materialId, ...product.materialIds])];
        rows.push({
          id: product.id,
          props: withoutUndefined({
            ...product,
            aliasText: product.aliases.join(' '),
            contentHash: hash,
            updatedAt: this.now().toISOString(),
          }),
          materials: materialIds.map((id) => reference(id, id === product.materialId)),
          applications: [...new Set(product.knownApplications)].map((id) => reference(id)),
          properties: [...new Set(product.properties)].map((id) => reference(id)),
        });
      }
      if (rows.length > 0) await tx.run(q.upsertProducts, { rows });
      return results;
    });
  }

  async listProducts(options: { limit?: number; offset?: number } = {}): Promise<Product[]> {
    const limit = neo4j.int(Math.max(1, Math.min(options.limit ?? 100, 1000)));
    const offset = neo4j.int(Math.max(0, options.offset ?? 0));
    return this.read(async (tx) =>
      (await tx.run(q.listProducts, { limit, offset })).records.map((r) => toProduct(r.get('product'))),
    );
  }

  async getProduct(id: string): Promise<Product | undefined> {
    return this.read(async (tx) => {
      const record = (await tx.run(q.getProduct, { id })).records[0];
      return record ? toProduct(record.get('product')) : undefined;
    });
  }

  async findProduct(idOrName: string): Promise<Product | undefined> {
    const key = idOrName.trim().toLowerCase();
    if (!key) return undefined;
    const slugId = toEntityId('product', idOrName);
    return this.read(async (tx) => {
      const record = (await tx.run(q.findProduct, { key, slugId })).records[0];
      return record ? toProduct(record.get('product')) : undefined;
    });
  }
}
