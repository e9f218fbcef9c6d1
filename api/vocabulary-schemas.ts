import { z } from 'zod';
import { entityLabels, termOrigins } from '../graph/index.ts';
// Importing api-schemas also runs extendZodWithOpenApi, which `.openapi(...)` below needs.
import { idParamsSchema, nonBlankText } from './api-schemas.ts';
import { termLabelNames } from './vocabulary-service.ts';

/** Wire schemas of the vocabulary routes (design.md section 7). */

/**
 * Letters and digits by explicit ranges (Latin, Greek, Cyrillic, kana, CJK, Hangul): a pattern with
 * Unicode property escapes means something else, or nothing, to the schema's other readers.
 */
export const nameCharacterPattern =
  '[0-9A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02AF\\u0370-\\u03FF\\u0400-\\u04FF\\u3040-\\u30FF\\u3400-\\u9FFF\\uAC00-\\uD7A3]';

// Length is checked on what was sent (as the schema states), then the name is trimmed.
const termName = z
  .string()
  .max(200, 'a name is at most 200 characters')
  .regex(new RegExp(nameCharacterPattern), 'a name needs a letter or digit')
  .trim();

/** Optional free text: not blank, trimmed after its length is checked. */
const attribute = (max: number) => nonBlankText(max, 'must not be blank').trim();

const nameList = (what: string) =>
  z
    .array(termName)
    .max(50, `at most 50 ${what}`)
    .openapi({ description: `${what} (each 1–200 characters)` });

/** A term's id in the path (`material%3Asilica-aerogel`). */
export const vocabularyIdParamsSchema = idParamsSchema;

export const vocabularyTermSchema = z
  .object({
    id: z.string(),
    label: z.enum([...entityLabels, 'Product']),
    name: z.string(),
    aliases: z.array(z.string()),
    acronyms: z.array(z.string()),
    origin: z.enum(termOrigins).optional().openapi({
      description:
        'lexicon (bundled), catalog (a product catalog), user (an engineer), mined (open mining, promoted), llm (an LLM extractor)',
    }),
    matched: z.boolean().openapi({ description: 'whether extraction looks for it' }),
    retired: z.boolean(),
    mergedInto: z.string().optional(),
    broader: z.array(z.string()),
    formula: z.string().optional(),
    class: z.string().optional(),
    unit: z.string().optional(),
    domain: z.string().optional(),
    support: z.number().int().optional().openapi({ description: 'mined terms: documents at promotion' }),
    materialId: z.string().optional().openapi({ description: 'products: the material its names count for' }),
  })
  .openapi('VocabularyTerm');

/** GET one term: a retired (or merged) term is read only when asked for, as a deleted resource is gone. */
export const vocabularyTermQuerySchema = z.object({
  includeRetired: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});

export const vocabularyListQuerySchema = z.object({
  label: z.enum([...termLabelNames, 'product']).optional(),
  origin: z.enum(termOrigins).optional(),
  q: attribute(200).optional(),
  includeRetired: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const vocabularyListSchema = z
  .object({ version: z.number().int(), total: z.number().int(), terms: z.array(vocabularyTermSchema) })
  .openapi('VocabularyList');

export const vocabularyAddBodySchema = z
  .strictObject({
    label: z.enum(termLabelNames, { error: `label must be one of ${termLabelNames.join(', ')}` }),
    name: termName,
    aliases: nameList('aliases').optional(),
    acronyms: nameList('ambiguous abbreviations').optional(),
    formula: attribute(100).optional(),
    class: attribute(100).optional(),
    domain: attribute(100).optional(),
    unit: attribute(50).optional(),
    broader: z
      .array(attribute(300))
      .max(20)
      .optional()
      .openapi({ description: 'broader terms of the same label, by id or name' }),
  })
  .openapi('VocabularyTermCreate');

const aliasesField = nameList('aliases');
const acronymsField = nameList('ambiguous abbreviations');

/**
 * New names, or a merge: one of three shapes, so the schema itself says that `mergeInto` goes alone and
 * that names need at least one of the two lists.
 */
export const vocabularyPatchBodySchema = z
  .union([
    z.strictObject({ aliases: aliasesField, acronyms: acronymsField.optional() }),
    z.strictObject({ acronyms: acronymsField }),
    z.strictObject({
      mergeInto: attribute(512).openapi({
        description: 'merge this term into that one (its names become aliases there)',
      }),
    }),
  ])
  .openapi('VocabularyTermChange');

export const vocabularyChangeSchema = z
  .object({
    term: vocabularyTermSchema,
    version: z.number().int().openapi({ description: 'the vocabulary version after the change' }),
    reextractRunId: z
      .string()
      .optional()
      .openapi({ description: 'the queued re-extraction run (absent when nothing changed)' }),
  })
  .openapi('VocabularyChange');
