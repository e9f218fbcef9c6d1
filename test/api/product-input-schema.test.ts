import { describe, expect, it } from 'vitest';
import { parseCatalogValue } from '../../api/catalog/catalog-parser.ts';
import { productInputSchema } from '../../api/catalog/product-input-schema.ts';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  'material:',
  'application:',
  'property:',
  'product:',
  'Material:',
  'x:',
  'pe',
  'PET',
  '7',
  ' ',
  '\u00a0',
  '\t',
  'é',
  '-',
  ':',
  '!',
  'ｆ',
  '①',
  ';',
];

function drawText(next: () => number): string {
  const length = Math.floor(next() * 4);
  return Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join('');
}

describe('ProductInput states what the catalog parser accepts for one product', () => {
  it('everything the schema admits imports as one product without errors', () => {
    const next = random(7);
    let admitted = 0;
    let refused = 0;
    for (let index = 0; index < 5000; index++) {
      const product: Record<string, unknown> = {
        name: drawText(next),
        owner: drawText(next),
        materialId: drawText(next),
      };
      if (next() < 0.5) product.id = drawText(next);
      if (next() < 0.5) product.materialIds = [drawText(next), drawText(next)];
      if (next() < 0.5) product.properties = [drawText(next)];
      if (next() < 0.5) product.knownApplications = [drawText(next)];
      const schema = productInputSchema.safeParse(product);
      if (!schema.success) {
        refused += 1;
        continue;
      }
      admitted += 1;
      const parsed = parseCatalogValue(schema.data);
      expect(parsed.errors, JSON.stringify(product)).toEqual([]);
      expect(parsed.products).toHaveLength(1);
    }
    expect(admitted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  });

  it('refuses what the parser would refuse, with the parser’s words', () => {
    const base = { name: 'Clear resin', owner: 'Acme', materialId: 'material:pe' };
    const message = (value: Record<string, unknown>) =>
      productInputSchema.safeParse(value).error?.issues[0]?.message;
    expect(message({ name: 'x', owner: 'Acme' })).toBe('materialId is required');
    expect(message({ name: 'x', materialId: 'pe' })).toBe('owner is required');
    expect(message({ ...base, owner: ' \u00a0' })).toBe('owner is required');
    expect(message({ ...base, materialId: 'application:lens' })).toMatch(
      /^materialId is required: a material id/,
    );
    expect(message({ ...base, materialId: 'material:' })).toMatch(/^materialId is required/);
    expect(message({ ...base, knownApplications: ['material:pe'] })).toMatch(/knownApplications: each entry/);
    expect(message({ ...base, products: [] })).toMatch(/products/);
    expect(productInputSchema.safeParse({ ...base, knownApplications: [' ', 'Optical lens'] }).success).toBe(
      true,
    );
    for (const refused of [
      { name: 'x', owner: 'Acme', materialId: 'application:lens' },
      { name: 'x', owner: 'Acme', materialId: '!!!' },
    ]) {
      expect(parseCatalogValue(refused).errors).toHaveLength(1);
    }
  });
});
