import { afterAll, describe, expect, it } from 'vitest';
import { Neo4jProductStore, type Product } from '../../graph/index.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';

describe('Neo4jProductStore', () => {
  const graph = openTestStore();
  const store = new Neo4jProductStore(graph.driver);
  afterAll(() => graph.close());

  function product(overrides: Partial<Product> = {}): Product {
    const key = uniqueId('prod');
    return {
      id: `product:${key}`,
      name: `Resin ${key}`,
      aliases: [`alias-${key}`],
      owner: 'Acme',
      materialId: `material:${key}-coc`,
      materialIds: [],
      properties: [`property:${key}-transparency`],
      knownApplications: [`application:${key}-lens`, `application:${key}-packaging`],
      businessUnit: 'Performance',
      ...overrides,
    };
  }

  async function links(
    id: string,
  ): Promise<Array<{ type: string; target: string; labels: string[]; name: string }>> {
    const session = graph.driver.session();
    try {
      const result = await session.run(
        `MATCH (:Product {id: $id})-[r]->(e)
         RETURN type(r) AS type, e.id AS target, labels(e) AS labels, e.name AS name ORDER BY type, target`,
        { id },
      );
      return result.records.map((r) => ({
        type: r.get('type'),
        target: r.get('target'),
        labels: [...r.get('labels')].sort(),
        name: r.get('name'),
      }));
    } finally {
      await session.close();
    }
  }

  it('writes the product with MADE_OF, KNOWN_FOR and HAS_PROPERTY links to Entity nodes', async () => {
    const p = product();
    const names = new Map([[p.materialId, 'Cyclic olefin copolymer']]);
    expect(await store.upsertProducts([p], { entityNames: names })).toEqual([{ id: p.id, status: 'added' }]);
    expect(await store.getProduct(p.id)).toEqual(p);
    const found = await links(p.id);
    expect(found.map((l) => [l.type, l.target])).toEqual([
      ['HAS_PROPERTY', p.properties[0]],
      ['KNOWN_FOR', p.knownApplications[0]],
      ['KNOWN_FOR', p.knownApplications[1]],
      ['MADE_OF', p.materialId],
    ]);
    const material = found.find((l) => l.type === 'MADE_OF');
    expect(material).toMatchObject({ labels: ['Entity', 'Material'], name: 'Cyclic olefin copolymer' });
    expect(found.find((l) => l.type === 'HAS_PROPERTY')?.labels).toEqual(['Entity', 'Property']);
    expect(found.find((l) => l.type === 'KNOWN_FOR')?.labels).toEqual(['Application', 'Entity']);
  });

  it('is idempotent, and a changed product replaces its links', async () => {
    const p = product();
    await store.upsertProducts([p]);
    expect(await store.upsertProducts([p])).toEqual([{ id: p.id, status: 'unchanged' }]);
    const changed = { ...p, knownApplications: [p.knownApplications[0] as string], description: 'new text' };
    expect(await store.upsertProducts([changed])).toEqual([{ id: p.id, status: 'updated' }]);
    expect(await store.getProduct(p.id)).toEqual(changed);
    expect((await links(p.id)).filter((l) => l.type === 'KNOWN_FOR').map((l) => l.target)).toEqual(
      changed.knownApplications,
    );
  });

  it('links every material of materialIds, and keeps an existing entity name', async () => {
    const p = product();
    const extra = `material:${uniqueId('pp')}`;
    await store.upsertProducts([{ ...p, materialIds: [extra] }], {
      entityNames: new Map([[extra, 'Polypropylene']]),
    });
    await store.upsertProducts([{ ...p, materialIds: [extra], description: 'v2' }], {
      entityNames: new Map([[extra, 'something else']]),
    });
    const made = (await links(p.id)).filter((l) => l.type === 'MADE_OF');
    expect(made.map((l) => l.target).sort()).toEqual([p.materialId, extra].sort());
    expect(made.find((l) => l.target === extra)?.name).toBe('Polypropylene');
  });

  it('finds a product by id, name, alias or name slug, case-insensitively', async () => {
    const p = product();
    await store.upsertProducts([p]);
    for (const query of [p.id, p.id.toUpperCase(), p.name.toUpperCase(), p.aliases[0]?.toUpperCase() ?? '']) {
      expect((await store.findProduct(query))?.id).toBe(p.id);
    }
    expect((await store.findProduct(p.id.replace('product:', '')))?.id).toBe(p.id);
    expect(await store.findProduct('no such product anywhere')).toBeUndefined();
    expect(await store.getProduct('product:nope')).toBeUndefined();
  });

  it('lists products by name with paging', async () => {
    const a = product({ name: `aaa ${uniqueId('n')}` });
    await store.upsertProducts([a]);
    const all = await store.listProducts({ limit: 1000 });
    expect(all.some((p) => p.id === a.id)).toBe(true);
    const names = all.map((p) => p.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(await store.listProducts({ limit: 1, offset: 0 })).toHaveLength(1);
  });
});
