import { z } from 'zod';

const isMissing = (input: unknown) => input === undefined || input === null;

const requiredText = (field: string) =>
  z
    .string({
      error: (issue) => (isMissing(issue.input) ? `${field} is required` : `${field} must be a string`),
    })
    .trim()
    .min(1, `${field} is required`);

const optionalText = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .optional();

const list = (field: string) =>
  z
    .union([z.array(z.string()), z.string()], {
      error: `${field} must be a list of strings (or one ';'-separated string)`,
    })
    .optional();

/**
 * One product as a catalog row (JSON object or CSV line): references may be ids (`material:pet`) or names
 * (`Polyethylene terephthalate`); lists may be arrays or `;`-separated strings; `id` defaults to the
 * slug of `name`.
 */
export const catalogRowSchema = z.strictObject({
  id: optionalText('id'),
  name: requiredText('name'),
  aliases: list('aliases'),
  owner: optionalText('owner'),
  materialId: requiredText('materialId'),
  /** Other names of the (primary) material, added to the vocabulary with it. */
  materialAliases: list('materialAliases'),
  /** Chemical formula of the (primary) material. */
  materialFormula: optionalText('materialFormula'),
  materialIds: list('materialIds'),
  properties: list('properties'),
  knownApplications: list('knownApplications'),
  businessUnit: optionalText('businessUnit'),
  description: optionalText('description'),
});
export type CatalogRow = z.infer<typeof catalogRowSchema>;

/** Field names of a row, for matching CSV headers. */
export const catalogFields = Object.keys(catalogRowSchema.shape) as Array<keyof CatalogRow>;

/** Fields whose CSV cells are `;`-separated lists. */
export const catalogListFields = new Set<string>([
  'aliases',
  'materialAliases',
  'materialIds',
  'properties',
  'knownApplications',
]);
