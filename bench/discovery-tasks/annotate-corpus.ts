/**
 * Reads every document of the task index from the shared corpus (through our parsers, restricted to
 * the task text: patent title + abstract + claims, news title + body) and annotates it with the task
 * matcher: the vocabulary ids it mentions and the (material, application) pairs of its sentences.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createIndexEntryLookup,
  indexEntrySchema,
  restrictToTaskSections,
  type TaskIndexEntry,
} from '../../api/eval/task-corpus.ts';
import { defaultParsers, detectParser, openFileSource } from '../../ingest/index.ts';
import { splitSentences } from './task-sentences.ts';
import {
  licenseAcronyms,
  type Mention,
  type TaskVocabulary,
  VocabularyMatcher,
} from './vocabulary-matcher.ts';

export interface AnnotatedDocument {
  id: string;
  date: string;
  materials: Set<string>;
  applications: Set<string>;
  /** `material|application` keys co-occurring in one sentence of at most `maxMaterials` materials. */
  pairs: Set<string>;
}

export const MAX_MATERIALS_PER_SENTENCE = 8;

/** Press-release boilerplate the README removes before annotation. */
function stripBoilerplate(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/\bwww\.\S+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ');
}

export function annotateSegments(
  matcher: VocabularyMatcher,
  segments: readonly string[],
  maxMaterials = MAX_MATERIALS_PER_SENTENCE,
): Pick<AnnotatedDocument, 'materials' | 'applications' | 'pairs'> {
  const sentences: Mention[][] = [];
  for (const segment of segments)
    for (const sentence of splitSentences(segment)) sentences.push(matcher.sentenceMentions(sentence));
  const materials = new Set<string>();
  const applications = new Set<string>();
  const pairs = new Set<string>();
  for (const mentions of licenseAcronyms(sentences)) {
    const inSentence = { material: new Set<string>(), application: new Set<string>() };
    for (const mention of mentions) inSentence[mention.kind].add(mention.id);
    for (const id of inSentence.material) materials.add(id);
    for (const id of inSentence.application) applications.add(id);
    if (inSentence.material.size > maxMaterials) continue;
    for (const material of inSentence.material)
      for (const application of inSentence.application) pairs.add(`${material}|${application}`);
  }
  return { materials, applications, pairs };
}

export async function readDocumentIndex(sharedRoot: string, indexPath: string): Promise<TaskIndexEntry[]> {
  return (await readFile(path.join(sharedRoot, indexPath), 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => indexEntrySchema.parse(JSON.parse(line)));
}

export async function annotateCorpus(
  sharedRoot: string,
  entries: TaskIndexEntry[],
  vocabulary: TaskVocabulary,
  log: (line: string) => void = () => {},
): Promise<AnnotatedDocument[]> {
  const matcher = new VocabularyMatcher(vocabulary);
  const lookup = await createIndexEntryLookup({ root: sharedRoot, entries });
  const files = [...new Set(entries.map((entry) => entry.source.path))].sort();
  const annotated = new Map<string, AnnotatedDocument>();
  for (const file of files) {
    const origin = path.join(sharedRoot, file);
    const source = await openFileSource(origin);
    const parser = detectParser(source, defaultParsers);
    if (!parser) {
      log(`no parser for ${file}`);
      continue;
    }
    for await (const outcome of parser.parse(source)) {
      if (!outcome.ok) continue;
      const entry = lookup(outcome.document, origin);
      if (!entry || annotated.has(entry.id)) continue;
      const document = restrictToTaskSections(outcome.document);
      const segments = document.sections.map((section) =>
        stripBoilerplate(document.text.slice(section.start, section.end)),
      );
      if (!document.sections.some((section) => section.name === 'title')) segments.unshift(document.title);
      annotated.set(entry.id, { id: entry.id, date: entry.date, ...annotateSegments(matcher, segments) });
    }
  }
  const missing = entries.filter((entry) => !annotated.has(entry.id));
  if (missing.length > 0)
    log(`${missing.length} indexed documents not found in the corpus (e.g. ${missing[0]?.id})`);
  return entries.flatMap((entry) => {
    const document = annotated.get(entry.id);
    return document ? [document] : [];
  });
}
