import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The lexicon file format, shared with the discovery task's `vocab.json`: every list is optional, so a
 * vocab file (materials, applications, stop phrases) and our own files (which add properties and
 * organisations) load through the same reader.
 */
const entrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /** Ambiguous acronyms: case-sensitive, and they count only in a document that names the entry otherwise. */
  acronyms: z.array(z.string()).optional(),
  /** Aliases that match only with exactly this capitalisation (`true`: all of them). */
  caseSensitive: z.union([z.array(z.string()), z.boolean()]).optional(),
  class: z.string().optional(),
  formula: z.string().optional(),
  unit: z.string().optional(),
  domain: z.string().optional(),
  /** Ids (in the same file section) of broader entries: `medical-packaging` → `packaging`. */
  broader: z.array(z.string()).optional(),
});
export type LexiconEntry = z.infer<typeof entrySchema>;

export const lexiconDataSchema = z.object({
  version: z.number().optional(),
  /** Our extension: also match the regular English plural of each alias's last word. */
  inflect: z.boolean().optional(),
  materials: z.array(entrySchema).default([]),
  applications: z.array(entrySchema).default([]),
  properties: z.array(entrySchema).default([]),
  organizations: z.array(entrySchema).default([]),
  stopPhrases: z.array(z.string()).default([]),
});
export type LexiconData = z.infer<typeof lexiconDataSchema>;
/** What callers may pass: lists may be left out. */
export type LexiconDataInput = z.input<typeof lexiconDataSchema>;

const cpcMapSchema = z.object({
  version: z.number().optional(),
  description: z.string().optional(),
  map: z.array(z.object({ prefix: z.string().min(1), applications: z.array(z.string()) })),
});
export type CpcMapData = z.infer<typeof cpcMapSchema>;

/** Error for a lexicon or CPC map file that cannot be read or does not match the format. */
export class LexiconFileError extends Error {
  override readonly name = 'LexiconFileError';
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`lexicon file ${path}: ${reason}`, options);
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LexiconFileError(path, (error as Error).message, { cause: error });
  }
}

/** Reads and validates one lexicon file (ours or a task's vocab.json). */
export function readLexiconFile(path: string): LexiconData {
  const parsed = lexiconDataSchema.safeParse(readJson(path));
  if (!parsed.success) throw new LexiconFileError(path, z.prettifyError(parsed.error));
  return parsed.data;
}

/** Reads and validates a CPC → application map file. */
export function readCpcMapFile(path: string): CpcMapData {
  const parsed = cpcMapSchema.safeParse(readJson(path));
  if (!parsed.success) throw new LexiconFileError(path, z.prettifyError(parsed.error));
  return parsed.data;
}

const lexiconDirectory = fileURLToPath(new URL('../lexicon/', import.meta.url));

/** Paths of the bundled product lexicon files. */
export const defaultLexiconPaths: readonly string[] = [
  'materials.json',
  'elements.json',
  'applications.json',
  'properties.json',
  'organizations.json',
].map((file) => `${lexiconDirectory}${file}`);

/** Path of the bundled CPC → application map. */
export const defaultCpcMapPath = `${lexiconDirectory}cpc-applications.json`;
