import type { Product, ProductStore } from '../../graph/index.ts';
import type { EntityRef, ProductSummary } from './chat-tool-results.ts';
import type { EntityResolver } from './entity-resolver.ts';

/** Lower-case words, ids kept whole (`product:apel`, `coc-film`). */
function wordKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}:-]+/gu, ' ');
}

/**
 * Catalog products as the chat shows them (material, properties and known applications named), looked
 * up once per turn: the planner and the model ask for the same product several times.
 */
export class ProductSummaries {
  private readonly products: ProductStore;
  private readonly entities: EntityResolver;
  private readonly cache = new Map<string, ProductSummary | undefined>();

  constructor(products: ProductStore, entities: EntityResolver) {
    this.products = products;
    this.entities = entities;
  }

  /** A catalog product by id, name or alias. */
  async find(reference: string): Promise<ProductSummary | undefined> {
    const key = reference.trim().toLowerCase();
    if (this.cache.has(key)) return this.cache.get(key);
    const product = await this.products.findProduct(reference);
    const summary = product ? await this.summarise(product) : undefined;
    this.cache.set(key, summary);
    return summary;
  }

  /** A product's materials when `reference` names a product; otherwise the material it names. */
  async materialsOf(
    reference: string,
  ): Promise<{ product?: ProductSummary; material?: EntityRef; materialIds: string[] }> {
    const product = await this.find(reference);
    if (product) {
      const full = await this.products.getProduct(product.id);
      const ids = [...new Set([product.material.id, ...(full?.materialIds ?? [])])];
      return { product, material: product.material, materialIds: ids };
    }
    const material = await this.entities.resolve(reference, 'Material');
    return material ? { material, materialIds: [material.id] } : { materialIds: [] };
  }

  /** Products whose id, name or alias the text names as a whole word, longest match first. */
  async namedIn(text: string): Promise<ProductSummary[]> {
    const products = await this.products.listProducts({ limit: 1000 });
    const lower = ` ${wordKey(text)} `;
    const found: Array<{ product: Product; at: number; length: number }> = [];
    for (const product of products) {
      const names = [product.name, product.id, product.id.replace(/^product:/, ''), ...product.aliases];
      let best: { at: number; length: number } | undefined;
      for (const name of names) {
        const key = wordKey(name).trim();
        if (key.length < 2) continue;
        const at = lower.indexOf(` ${key} `);
        if (at >= 0 && (!best || key.length > best.length)) best = { at, length: key.length };
      }
      if (best) found.push({ product, ...best });
    }
    found.sort((a, b) => a.at - b.at || b.length - a.length);
    const summaries: ProductSummary[] = [];
    for (const { product } of found) summaries.push(await this.summarise(product));
    return summaries;
  }

  private async summarise(product: Product): Promise<ProductSummary> {
    const [material, properties, knownApplications] = await Promise.all([
      this.entities.refOf(product.materialId, 'Material'),
      Promise.all(product.properties.map((id) => this.entities.refOf(id, 'Property'))),
      Promise.all(product.knownApplications.map((id) => this.entities.refOf(id, 'Application'))),
    ]);
    return {
      id: product.id,
      name: product.name,
      aliases: product.aliases,
      owner: product.owner,
      ...(product.description ? { description: product.description } : {}),
      material,
      properties,
      knownApplications,
    };
  }
}
