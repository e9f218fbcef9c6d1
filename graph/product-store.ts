import type { Product } from './model.ts';

export type ProductWriteStatus = 'added' | 'updated' | 'unchanged';

export interface ProductWriteResult {
  id: string;
  status: ProductWriteStatus;
}

export interface ProductUpsertOptions {
  /** Names for referenced material/application/property ids, used when a node is created. */
  entityNames?: ReadonlyMap<string, string>;
}

/** The company's product catalog; Neo4jProductStore is the production implementation. */
export interface ProductStore {
  /**
   * Creates or replaces products with their MADE_OF, KNOWN_FOR and HAS_PROPERTY links; importing the
   * same catalog again changes nothing.
   */
  upsertProducts(products: Product[], options?: ProductUpsertOptions): Promise<ProductWriteResult[]>;
  listProducts(options?: { limit?: number; offset?: number }): Promise<Product[]>;
  getProduct(id: string): Promise<Product | undefined>;
  /** By id, name or alias, case-insensitively (also the slug of a name: `apel` → `product:apel`). */
  findProduct(idOrName: string): Promise<Product | undefined>;
}
