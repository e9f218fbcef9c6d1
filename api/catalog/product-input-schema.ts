import { z } from 'zod';

/**
 * The whitespace String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), spelled out so
 * the patterns below mean the same to ECMAScript and Python validators (their `\s` differ).
 */
export const trimmedWhitespace = String.raw`\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;

const ws = `[${trimmedWhitespace}]`;
const notWs = `[^${trimmedWhitespace}]`;

/** Case-insensitive literal without regex flags (a JSON Schema pattern has none). */
function anyCase(text: string): string {
  return [...text]
    .map((char) => (/[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char))
    .join('');
}

/** Holds at least one character trim keeps. */
export const notBlankPattern = notWs;

/**
 * A catalog reference to an entity of `prefix` (`material:pet` or a name such as `Polyethylene
 * terephthalate`), as the catalog parser accepts it: not an id of another kind (`application:x` for a
 * material), not `material:` with nothing usable after it, and with an ASCII letter or digit in it.
 */
export function referencePattern(prefix: string): string {
  const own = `${anyCase(prefix)}:`;
  const foreignId = `(?!${ws}*(?!${own})[A-Za-z]+:${notWs}+${ws}*$)`;
  const emptyOwnId = `(?!${ws}*${own}[^A-Za-z0-9]*$)`;
  return `^${foreignId}${emptyOwnId}[\\s\\S]*[A-Za-z0-9]`;
}

/**
 * Text a `prefix` id is derived from (a product's id, or its name when it has none): `product:` needs
 * something usable after it, and an ASCII letter or digit must be there.
 */
export function idSourcePattern(prefix: string): string {
  return `^(?!${ws}*${anyCase(prefix)}:[^A-Za-z0-9]*$)[\\s\\S]*[A-Za-z0-9]`;
}

/** A list entry: blank (skipped) or a reference. */
function listEntryPattern(prefix: string): string {
  return `^${ws}*$|${referencePattern(prefix)}`;
}

/** A product id, or blank (then the id is derived from the name). */
const productIdPattern = `^${ws}*$|${idSourcePattern('product')}`;

/**
 * Sizes are capped so that any product the schema admits fits the default request body limit (100kb):
 * the schema then never promises what the body limit refuses.
 */
const text = (field: string, max = 200) =>
  z.string({ error: `${field} must be a string` }).max(max, `${field} must be at most ${max} characters`);
const required = (field: string, max = 200) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`),
    })
    .max(max, `${field} must be at most ${max} characters`);
const references = (field: string, prefix: string) =>
  z
    .array(
      text(field).regex(
        new RegExp(listEntryPattern(prefix)),
        `${field}: each entry must be a ${prefix} id (${prefix}:<slug>) or a name with a letter or digit`,
      ),
      { error: `${field} must be a list of strings` },
    )
    .max(50, `${field} may list at most 50 entries`)
    .optional();

/**
 * One product as POST /v1/products takes it on its own: exactly what the catalog parser accepts for a
 * single row with no catalog-wide owner, stated as a schema (so the OpenAPI document says it all).
 */
export const productInputSchema = z.strictObject({
  id: text('id')
    .regex(new RegExp(productIdPattern), 'id must have a letter or digit (or be left out)')
    .optional(),
  // Required to yield an id even when `id` is given: simpler to state, and a name without one is no name.
  name: required('name').regex(
    new RegExp(idSourcePattern('product')),
    'name is required (with a letter or digit)',
  ),
  aliases: z
    .union([z.array(text('aliases')).max(50), text('aliases', 2000)], {
      error: "aliases must be a list of strings (or one ';'-separated string)",
    })
    .optional(),
  owner: required('owner').regex(new RegExp(notBlankPattern), 'owner is required'),
  materialId: required('materialId').regex(
    new RegExp(referencePattern('material')),
    'materialId is required: a material id (material:<slug>) or a name with a letter or digit',
  ),
  materialAliases: z
    .union([z.array(text('materialAliases')).max(50), text('materialAliases', 2000)], {
      error: "materialAliases must be a list of strings (or one ';'-separated string)",
    })
    .optional(),
  materialFormula: text('materialFormula').optional(),
  materialIds: references('materialIds', 'material'),
  properties: references('properties', 'property'),
  knownApplications: references('knownApplications', 'application'),
  businessUnit: text('businessUnit').optional(),
  description: text('description', 4000).optional(),
});

/**
 * One row of a batch as the request is checked before its rows are: an object of the catalog's fields, each
 * a string or a list of strings, small enough that a full batch fits the default body limit. What a row
 * says (required fields, references, duplicates) is checked row by row and reported, not refused.
 */
const batchRowValue = z.union([z.string().max(1000), z.array(z.string().max(200)).max(20)]);
export const productBatchRowSchema = z.strictObject({
  id: batchRowValue.optional(),
  name: batchRowValue.optional(),
  aliases: batchRowValue.optional(),
  owner: batchRowValue.optional(),
  materialId: batchRowValue.optional(),
  materialAliases: batchRowValue.optional(),
  materialFormula: batchRowValue.optional(),
  materialIds: batchRowValue.optional(),
  properties: batchRowValue.optional(),
  knownApplications: batchRowValue.optional(),
  businessUnit: batchRowValue.optional(),
  description: batchRowValue.optional(),
});

/** `{owner?, products: [...]}`: rows are checked one by one, so valid rows import and bad ones are reported. */
export const productBatchSchema = z.object({
  owner: text('owner').optional(),
  products: z
    .array(productBatchRowSchema, { error: '`products` must be an array of products' })
    .max(50, 'at most 50 products per request'),
});
