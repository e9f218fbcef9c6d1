import { z } from 'zod';
import { entityLabels, termOrigins } from '../graph/index.ts';
// Importing api-schemas also runs extendZodWithOpenApi, which `.openapi(...)` below needs.
import { idParamsSchema } from './api-schemas.ts';
import { termLabelNames } from './vocabulary-service.ts';

/** Wire schemas of the vocabulary routes (design.md section 7). */

const termName = z
  .string()
  .trim()
  .min(1, 'a name must not be empty')
  .max(200, 'a name is at most 200 characters')
  .regex(/[\p{L}\p{N}]/u, 'a name needs a letter or digit');

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

export const vocabularyListQuerySchema = z.object({
  label: z.enum([...termLabelNames, 'product']).optional(),
  origin: z.enum(termOrigins).optional(),
  q: z.string().trim().min(1).max(200).optional(),
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
    formula: z.string().trim().min(1).max(100).optional(),
    class: z.string().trim().min(1).max(100).optional(),
    domain: z.string().trim().min(1).max(100).optional(),
    unit: z.string().trim().min(1).max(50).optional(),
    broader: z
      .array(z.string().trim().min(1).max(300))
      .max(20)
      .optional()
      .openapi({ description: 'broader terms of the same label, by id or name' }),
  })
  .openapi('VocabularyTermCreate');

export const vocabularyPatchBodySchema = z
  .strictObject({
    aliases: nameList('aliases').optional(),
    acronyms: nameList('ambiguous abbreviations').optional(),
    mergeInto: z
      .string()
      .trim()
      .min(1)
      .max(512)
      .optional()
      .openapi({ description: 'merge this term into that one (its names become aliases there)' }),
  })
  .refine(
    (body) => (body.mergeInto === undefined) !== (body.aliases === undefined && body.acronyms === undefined),
    { message: 'give either aliases/acronyms or mergeInto' },
  )
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
