import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogFormatError } from '../../api/catalog/catalog-format-error.ts';
import { catalogFormatFromPath, parseCatalog, parseCatalogValue } from '../../api/catalog/catalog-parser.ts';
import { parseCsv } from '../../api/catalog/csv-table.ts';
import { repoRoot } from '../support/paths.ts';

describe('parseCatalog (JSON)', () => {
  it('accepts an array, slugifies missing ids and resolves references given as ids or names', () => {
    const result = parseCatalog(
      JSON.stringify([
        {
          name: 'Clear Resin X',
          owner: 'Acme',
          materialId: 'Cyclic Olefin Copolymer',
          properties: ['property:transparency', 'Low moisture absorption'],
          knownApplications: 'Optical lens; application:medical-packaging',
          aliases: ['CRX', ' CRX '],
        },
      ]),
      'json',
    );
    expect(result.errors).toEqual([]);
    expect(result.products).toEqual([
      {
        id: 'product:clear-resin-x',
        name: 'Clear Resin X',
        aliases: ['CRX'],
        owner: 'Acme',
        materialId: 'material:cyclic-olefin-copolymer',
        materialIds: [],
        properties: ['property:transparency', 'property:low-moisture-absorption'],
        knownApplications: ['application:optical-lens', 'application:medical-packaging'],
      },
    ]);
    // Names are kept for entities referenced by name, not for those referenced by id.
    expect(result.entityNames.get('material:cyclic-olefin-copolymer')).toBe('Cyclic Olefin Copolymer');
    expect(result.entityNames.get('application:optical-lens')).toBe('Optical lens');
    expect(result.entityNames.has('property:transparency')).toBe(false);
  });

  it('accepts {owner, products} and reports each bad row while keeping the good ones', () => {
    const result = parseCatalogValue({
      owner: 'Acme',
      products: [
        { name: 'Good', materialId: 'material:pet' },
        { name: 'No material' },
        { materialId: 'material:pet' },
        { name: 'Typo', materialId: 'material:pe', knownApplication: ['x'] },
        { name: 'Wrong kind', materialId: 'application:lens' },
        { name: 'Good', materialId: 'material:pp' },
        'not an object',
        { name: 'Bad list', materialId: 'material:pe', properties: [1, 2] },
      ],
    });
    expect(result.products.map((p) => p.id)).toEqual(['product:good']);
    expect(result.products[0]?.owner).toBe('Acme');
    expect(result.errors.map((e) => e.message)).toEqual([
      'row 2: materialId is required',
      'row 3: name is required',
      expect.stringMatching(/^row 4: unknown field 'knownApplication'/),
      expect.stringMatching(/^row 5: materialId 'application:lens' is not a material id/),
      "row 6: duplicate product id 'product:good' (first at row 1)",
      'row 7: a product must be an object',
      expect.stringMatching(/^row 8: properties must be a list of strings/),
    ]);
    expect(result.errors[0]).toMatchObject({ row: 2, field: 'materialId' });
    expect(result.rows).toBe(8);
  });

  it('needs an owner from the row, the catalog or the options', () => {
    const row = { name: 'A', materialId: 'material:pe' };
    expect(parseCatalogValue([row]).errors[0]?.message).toBe('row 1: owner is required');
    expect(parseCatalogValue([row], { defaultOwner: 'Acme' }).products[0]?.owner).toBe('Acme');
  });

  it('treats one object as a one-product catalog and null fields as absent', () => {
    const result = parseCatalogValue({
      name: 'Solo',
      owner: 'Acme',
      materialId: 'material:pe',
      aliases: null,
    });
    expect(result.errors).toEqual([]);
    expect(result.products[0]).toMatchObject({ id: 'product:solo', aliases: [] });
  });

  it('throws CatalogFormatError for text that is not a catalog', () => {
    expect(() => parseCatalog('{"products": ', 'json')).toThrow(CatalogFormatError);
    expect(() => parseCatalog('{"products": {}}', 'json')).toThrow(/products.*array/);
    expect(() => parseCatalog('42', 'json')).toThrow(CatalogFormatError);
    expect(() => parseCatalogValue(new Array(11).fill({}), { maxRows: 10 })).toThrow(/at most 10/);
  });

  it('parses the bundled sample catalog without errors', async () => {
    const text = await readFile(path.join(repoRoot, 'samples', 'catalog.json'), 'utf8');
    const result = parseCatalog(text, 'json');
    expect(result.errors).toEqual([]);
    expect(result.products.length).toBeGreaterThanOrEqual(8);
    const apel = result.products.find((p) => p.name === 'APEL');
    expect(apel).toMatchObject({
      id: 'product:apel',
      owner: 'Mitsui Chemicals',
      materialId: 'material:cyclic-olefin-copolymer',
    });
    expect(apel?.knownApplications).toEqual(['application:optical-lens', 'application:medical-packaging']);
  });
});

describe('parseCatalog (CSV)', () => {
  it('reads a header row, ;-separated lists, quoted cells and flexible header spelling', () => {
    const csv = [
      'Name,material_id,Owner,knownApplications,properties,description',
      'APEL,material:cyclic-olefin-copolymer,Acme,"Optical lens;application:medical-packaging",property:transparency,"Clear, ""glass-like"" resin"',
      '',
      'TPX,Polymethylpentene,Acme,,,',
    ].join('\r\n');
    const result = parseCatalog(csv, 'csv');
    expect(result.errors).toEqual([]);
    expect(result.products).toHaveLength(2);
    expect(result.products[0]).toMatchObject({
      id: 'product:apel',
      knownApplications: ['application:optical-lens', 'application:medical-packaging'],
      description: 'Clear, "glass-like" resin',
    });
    expect(result.products[1]).toMatchObject({
      id: 'product:tpx',
      materialId: 'material:polymethylpentene',
      knownApplications: [],
    });
  });

  it('reports per-row errors with data row numbers and warns about unknown columns', () => {
    const csv = [
      'name,materialId,owner,notes',
      'Good,material:pe,Acme,x',
      'Missing material,,Acme,y',
      'Short row,material:pe',
      'Also good,material:pp,Acme,z',
    ].join('\n');
    const result = parseCatalog(csv, 'csv');
    expect(result.products.map((p) => p.id)).toEqual(['product:good', 'product:also-good']);
    expect(result.errors.map((e) => e.message)).toEqual([
      'row 2: materialId is required',
      'row 3: expected 4 columns, found 2',
    ]);
    expect(result.warnings).toEqual([expect.stringMatching(/unknown column 'notes' ignored/)]);
  });

  it('refuses a CSV without the required columns or with an unclosed quote', () => {
    expect(() => parseCatalog('title,material\nA,B', 'csv')).toThrow(/'name' and 'materialId'/);
    expect(() => parseCatalog('name,materialId\n"A,B', 'csv')).toThrow(/not closed/);
    expect(() => parseCatalog('', 'csv')).toThrow(/empty/);
  });

  it('parseCsv keeps line breaks inside quotes and strips a BOM', () => {
    expect(parseCsv('\uFEFFa,b\n"x\ny",z\n')).toEqual([
      ['a', 'b'],
      ['x\ny', 'z'],
    ]);
  });

  it('knows formats by extension', () => {
    expect(catalogFormatFromPath('a/B.JSON')).toBe('json');
    expect(catalogFormatFromPath('b.csv')).toBe('csv');
    expect(catalogFormatFromPath('c.txt')).toBeUndefined();
  });
});
