import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EntityLabel } from '../../graph/index.ts';
import { entityId } from '../resolve/canonical-keys.ts';
import {
  defaultLexiconPaths,
  type LexiconData,
  type LexiconDataInput,
  lexiconDataSchema,
  readLexiconFile,
} from './lexicon-data.ts';
import { buildVocabulary, type TermOrigin, type Vocabulary, type VocabularyTerm } from './vocabulary.ts';

const sections = [
  ['materials', 'Material'],
  ['applications', 'Application'],
  ['properties', 'Property'],
  ['organizations', 'Organization'],
] as const;

/** The terms of lexicon files (ours or a task's vocab.json), ids built from the entry ids. */
export function lexiconTerms(data: readonly LexiconData[], origin: TermOrigin = 'lexicon'): VocabularyTerm[] {
  const terms: VocabularyTerm[] = [];
  for (const file of data) {
    for (const [key, label] of sections) {
      for (const entry of file[key]) terms.push(termOfEntry(entry, label, origin, file.inflect === true));
    }
  }
  return terms;
}

function termOfEntry(
  entry: LexiconData['materials'][number],
  label: EntityLabel,
  origin: TermOrigin,
  inflect: boolean,
): VocabularyTerm {
  return {
    id: entityId(label, entry.id),
    label,
    name: entry.name,
    aliases: entry.aliases,
    ...(entry.acronyms ? { acronyms: entry.acronyms } : {}),
    ...(entry.caseSensitive !== undefined ? { caseSensitive: entry.caseSensitive } : {}),
    origin,
    ...(entry.broader ? { broader: entry.broader.map((id) => entityId(label, id)) } : {}),
    inflect,
    ...(entry.formula ? { formula: entry.formula } : {}),
    ...(entry.class ? { class: entry.class } : {}),
    ...(entry.unit ? { unit: entry.unit } : {}),
    ...(entry.domain ? { domain: entry.domain } : {}),
  };
}

/** `lexicon-<12 hex>`: a digest of the files' contents, so a changed lexicon is a new version. */
function versionOf(contents: readonly string[]): string {
  const hash = createHash('sha256');
  for (const content of contents) hash.update(content).update('\u0000');
  return `lexicon-${hash.digest('hex').slice(0, 12)}`;
}

/** A vocabulary from lexicon data already in memory (later files add to earlier ones). */
export function vocabularyFromLexiconData(data: readonly LexiconDataInput[], version?: string): Vocabulary {
  const parsed = data.map((item) => lexiconDataSchema.parse(item));
  return buildVocabulary(
    lexiconTerms(parsed),
    version ?? versionOf(data.map((item) => JSON.stringify(item))),
    {
      stopPhrases: parsed.flatMap((file) => file.stopPhrases),
      inflect: false,
    },
  );
}

/** A vocabulary from lexicon files in the shared format (ours, or a task's vocab.json). */
export function vocabularyFromLexiconFiles(paths: readonly string[]): Vocabulary {
  const parsed = paths.map((path) => readLexiconFile(path));
  return buildVocabulary(lexiconTerms(parsed), versionOf(paths.map((path) => readFileSync(path, 'utf8'))), {
    stopPhrases: parsed.flatMap((file) => file.stopPhrases),
    inflect: false,
  });
}

let defaultVocabulary: Vocabulary | undefined;

/** The bundled lexicon as a vocabulary (origin `lexicon`), loaded once. */
export function loadDefaultVocabulary(): Vocabulary {
  defaultVocabulary ??= vocabularyFromLexiconFiles(defaultLexiconPaths);
  return defaultVocabulary;
}

let stopPhrases: string[] | undefined;

/** The bundled lexicon's stop phrases (matched like names, then discarded), read once. */
export function bundledStopPhrases(): string[] {
  stopPhrases ??= loadDefaultVocabulary().stopPhrases.slice();
  return stopPhrases;
}

/** The version (digest) of the bundled lexicon files, without compiling them. */
export function bundledLexiconDigest(): string {
  return versionOf(defaultLexiconPaths.map((path) => readFileSync(path, 'utf8')));
}

/** The bundled lexicon's terms for seeding the graph, and a digest of its files (a new digest re-seeds). */
export function bundledLexiconSeed(): { terms: VocabularyTerm[]; digest: string } {
  const vocabulary = loadDefaultVocabulary();
  return { terms: vocabulary.terms, digest: vocabulary.version };
}
