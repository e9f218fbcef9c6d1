import { type Product, productSchema, toEntityId } from '../../graph/index.ts';
import { CatalogFormatError } from './catalog-format-error.ts';
import { catalogFields, catalogListFields, catalogRowSchema } from './catalog-row.ts';
import { parseCsv } from './csv-table.ts';

export type CatalogFormat = 'json' | 'csv';

export interface CatalogRowError {
  /** 1-based data row (the CSV header is not counted). */
  row: number;
  field?: string;
  /** Readable on its own: `row 3: materialId is required`. */
  message: string;
}

export interface CatalogParseResult {
  products: Product[];
  /** Names given for referenced entities (id → name), used when an entity node is created. */
  entityNames: Map<string, string>;
  /** Aliases and formulas the catalog gives for materials (id → details), added to the vocabulary. */
  materialDetails: Map<string, { aliases: string[]; formula?: string }>;
  errors: CatalogRowError[];
  /** Problems that do not reject a row (unknown CSV columns). */
  warnings: string[];
  /** Data rows seen. */
  rows: number;
}

export interface CatalogParseOptions {
  /** Owner for rows that name none (a JSON catalog may also give `owner` at the top). */
  defaultOwner?: string;
  maxRows?: number;
}

const entityPrefixes = {
  materialId: 'material',
  materialIds: 'material',
  properties: 'property',
  knownApplications: 'application',
} as const;

/** `.json` or `.csv` from a file name. */
export function catalogFormatFromPath(file: string): CatalogFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

const normaliseHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

function splitList(value: string | string[] | undefined): string[] {
  const items = value === undefined ? [] : Array.isArray(value) ? value : value.split(';');
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))];
}

class RowProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A reference (id or name) as an entity id of the given kind; remembers the name when one was given. */
function resolveReference(
  field: keyof typeof entityPrefixes,
  reference: string,
  names: Map<string, string>,
): string {
  const prefix = entityPrefixes[field];
  const foreign = /^([a-z]+):/i.exec(reference);
  if (foreign && foreign[1]?.toLowerCase() !== prefix && /^[a-z]+:\S+$/i.test(reference)) {
    throw new RowProblem(
      field,
      `${field} '${reference}' is not a ${prefix} id (expected ${prefix}:<slug> or a name)`,
    );
  }
  const id = toEntityId(prefix, reference);
  if (!id) throw new RowProblem(field, `${field} '${reference}' has no letters or digits`);
  if (!foreign) names.set(id, reference.trim());
  return id;
}

function toProduct(
  raw: Record<string, unknown>,
  catalogOwner: string | undefined,
  names: Map<string, string>,
  details: CatalogParseResult['materialDetails'],
): Product {
  const parsed = catalogRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    const message =
      issue?.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((key) => `'${key}'`).join(', ')} (known: ${catalogFields.join(', ')})`
        : (issue?.message ?? 'invalid row');
    throw new RowProblem(field ?? '', message);
  }
  const row = parsed.data;
  const owner = row.owner || catalogOwner;
  if (!owner) throw new RowProblem('owner', 'owner is required');
  const id = toEntityId('product', row.id || row.name);
  if (!id) throw new RowProblem(row.id ? 'id' : 'name', `cannot derive an id from '${row.id || row.name}'`);
  const localNames = new Map<string, string>();
  const product = {
    id,
    name: row.name,
    aliases: splitList(row.aliases),
    owner,
    materialId: resolveReference('materialId', row.materialId, localNames),
    materialIds: splitList(row.materialIds).map((ref) => resolveReference('materialIds', ref, localNames)),
    properties: splitList(row.properties).map((ref) => resolveReference('properties', ref, localNames)),
    knownApplications: splitList(row.knownApplications).map((ref) =>
      resolveReference('knownApplications', ref, localNames),
    ),
    businessUnit: row.businessUnit || undefined,
    description: row.description || undefined,
  };
  // Only rows that pass keep their names, so a rejected row leaves no trace.
  const checked = productSchema.parse(product);
  for (const [entityId, name] of localNames) if (!names.has(entityId)) names.set(entityId, name);
  const aliases = splitList(row.materialAliases);
  if (aliases.length > 0 || row.materialFormula) {
    const previous = details.get(checked.materialId);
    details.set(checked.materialId, {
      aliases: [...new Set([...(previous?.aliases ?? []), ...aliases])],
      ...((row.materialFormula ?? previous?.formula)
        ? { formula: row.materialFormula ?? previous?.formula }
        : {}),
    });
  }
  return checked;
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined),
  );
}

/**
 * Validates already-decoded catalog data: an array of rows, `{owner?, products: [...]}`, or one product
 * object. Invalid rows become errors; valid rows are returned.
 */
export function parseCatalogValue(value: unknown, options: CatalogParseOptions = {}): CatalogParseResult {
  let rows: unknown[];
  let owner = options.defaultOwner;
  if (Array.isArray(value)) {
    rows = value;
  } else if (value !== null && typeof value === 'object' && 'products' in value) {
    const catalog = value as { products: unknown; owner?: unknown };
    if (!Array.isArray(catalog.products))
      throw new CatalogFormatError('`products` must be an array of products');
    if (typeof catalog.owner === 'string' && catalog.owner.trim()) owner = catalog.owner.trim();
    rows = catalog.products;
  } else if (value !== null && typeof value === 'object') {
    rows = [value];
  } else {
    throw new CatalogFormatError('a catalog must be an array of products, {products: [...]} or one product');
  }
  return parseRows(
    rows.map((row) =>
      row !== null && typeof row === 'object' && !Array.isArray(row)
        ? withoutNulls(row as Record<string, unknown>)
        : row,
    ),
    owner,
    options,
    [],
  );
}

function parseRows(
  rows: unknown[],
  owner: string | undefined,
  options: CatalogParseOptions,
  warnings: string[],
): CatalogParseResult {
  const maxRows = options.maxRows ?? 10_000;
  if (rows.length > maxRows) {
    throw new CatalogFormatError(
      `the catalog has ${rows.length} rows; at most ${maxRows} are accepted per import`,
    );
  }
  const products: Product[] = [];
  const errors: CatalogRowError[] = [];
  const entityNames = new Map<string, string>();
  const materialDetails: CatalogParseResult['materialDetails'] = new Map();
  const firstRowOf = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    try {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new RowProblem('', 'a product must be an object');
      }
      const product = toProduct(raw as Record<string, unknown>, owner, entityNames, materialDetails);
      const first = firstRowOf.get(product.id);
      if (first !== undefined)
        throw new RowProblem('id', `duplicate product id '${product.id}' (first at row ${first})`);
      firstRowOf.set(product.id, row);
      products.push(product);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      errors.push({
        row,
        ...(error.field ? { field: error.field } : {}),
        message: `row ${row}: ${error.message}`,
      });
    }
  });
  return { products, entityNames, materialDetails, errors, warnings, rows: rows.length };
}

function parseCsvCatalog(text: string, options: CatalogParseOptions): CatalogParseResult {
  const table = parseCsv(text);
  const header = table[0];
  if (!header) throw new CatalogFormatError('CSV: the file is empty (expected a header row)');
  const byNormalised = new Map(catalogFields.map((field) => [normaliseHeader(field), field]));
  const columns = header.map((name) => byNormalised.get(normaliseHeader(name)));
  const warnings = header
    .filter((_, i) => columns[i] === undefined)
    .map((name) => `header: unknown column '${name.trim()}' ignored (known: ${catalogFields.join(', ')})`);
  if (!columns.includes('name') || !columns.includes('materialId')) {
    throw new CatalogFormatError(
      `CSV: the header must have at least 'name' and 'materialId' columns, found: ${header.join(', ')}`,
    );
  }
  const rows = table.slice(1).map((cells) => {
    if (cells.length !== header.length) {
      return `expected ${header.length} columns, found ${cells.length}`;
    }
    const row: Record<string, unknown> = {};
    cells.forEach((cell, i) => {
      const field = columns[i];
      const value = cell.trim();
      if (!field || value === '') return;
      row[field] = catalogListFields.has(field) ? value.split(';') : value;
    });
    return row;
  });
  const result = parseRows(
    rows.map((row) => (typeof row === 'string' ? {} : row)),
    options.defaultOwner,
    options,
    warnings,
  );
  // Rows with the wrong number of cells are reported as such rather than by their missing fields.
  const shapeErrors = new Map<number, string>();
  rows.forEach((row, index) => {
    if (typeof row === 'string') shapeErrors.set(index + 1, row);
  });
  if (shapeErrors.size === 0) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const shape = shapeErrors.get(error.row);
      return shape ? { row: error.row, message: `row ${error.row}: ${shape}` } : error;
    }),
  };
}

/** Parses catalog text as JSON or CSV (header row; list cells separated by `;`). */
export function parseCatalog(
  text: string,
  format: CatalogFormat,
  options: CatalogParseOptions = {},
): CatalogParseResult {
  if (format === 'csv') return parseCsvCatalog(text, options);
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new CatalogFormatError(`JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseCatalogValue(value, options);
}
