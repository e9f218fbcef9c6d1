/**
 * Proves that a change to chunking or offline extraction changes no output, and measures its CPU: parses
 * the given files or folders (recursively) with the default parsers, chunks and extracts each document
 * with the offline extractor (mining on), and prints one line per document, `id digest`, where the
 * digest covers the chunks (every field), the entities (every field), and `extractionDigest` (mentions with offsets, facts with evidence, mined candidates). The
 * last line is a JSON summary: documents, failures, and the CPU milliseconds (process user + system,
 * GC threads included) and wall milliseconds spent in chunking + extraction only (each file is parsed
 * completely before its documents are extracted, so parsing is excluded).
 *
 * `--root DIR` loads the modules from another checkout (the base), so the same script compares both:
 *   npx tsx bench/extraction-digests.ts [--root /work/main] FILE|DIR... > digests.txt
 *   diff <(npx tsx bench/extraction-digests.ts --root /work/main DIR) <(npx tsx bench/extraction-digests.ts DIR)
 * (the summary line differs in its CPU figure only).
 *
 * `--vocabulary FILE` extracts with a graph's vocabulary instead of the bundled lexicon: the snapshot a
 * data folder keeps (`vocabulary/snapshot-….json`, read as the store reads it). A change to how a
 * vocabulary is compiled is then proved on the matcher, resolver and key index of that vocabulary.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type VocabularySnapshot, VocabularySnapshotFile } from '../graph/index.ts';
import type * as IngestModule from '../ingest/index.ts';

type ParsedDocument = IngestModule.ParsedDocument;

const rootIndex = process.argv.indexOf('--root');
const root =
  rootIndex > 0
    ? path.resolve(process.argv[rootIndex + 1] as string)
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vocabularyIndex = process.argv.indexOf('--vocabulary');
const vocabularyFile = vocabularyIndex > 0 ? process.argv[vocabularyIndex + 1] : undefined;
const inputs = process.argv.slice(2).filter((argument, index, all) => {
  return !argument.startsWith('--') && all[index - 1] !== '--root' && all[index - 1] !== '--vocabulary';
});
const ingest = (await import(pathToFileURL(path.join(root, 'ingest/index.ts')).href)) as typeof IngestModule;

async function expand(input: string): Promise<string[]> {
  if (!(await stat(input)).isDirectory()) return [input];
  const files: string[] = [];
  for (const name of (await readdir(input)).sort()) files.push(...(await expand(path.join(input, name))));
  return files;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

function sortedKeys(record: object): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function keptSnapshot(file: string): Promise<VocabularySnapshot> {
  const snapshot = await new VocabularySnapshotFile(file).latest();
  if (!snapshot) throw new Error(`${file} holds no kept vocabulary snapshot this version can read`);
  return snapshot;
}

const extractor = ingest.createOfflineExtractor(
  vocabularyFile ? { vocabulary: ingest.vocabularyFromSnapshot(await keptSnapshot(vocabularyFile)) } : {},
);
let documents = 0;
let failures = 0;
let cpuMicros = 0;
let wallMs = 0;
for (const input of inputs) {
  for (const file of await expand(input)) {
    const source = await ingest.openFileSource(file);
    const parser = ingest.detectParser(source, ingest.defaultParsers);
    if (!parser) continue;
    // Parsed first, so that no parsing (or decompression) runs while extraction is measured.
    const parsedDocuments: ParsedDocument[] = [];
    for await (const outcome of parser.parse(source)) {
      if (outcome.ok) parsedDocuments.push(outcome.document);
      else failures += 1;
    }
    for (const parsed of parsedDocuments) {
      const before = process.cpuUsage();
      const started = performance.now();
      const chunks = ingest.chunkDocument(parsed);
      const result = await extractor.extract(
        ingest.extractionInputOf({ ...parsed, assignees: parsed.assignees ?? [] }, chunks),
      );
      wallMs += performance.now() - started;
      const used = process.cpuUsage(before);
      cpuMicros += used.user + used.system;
      documents += 1;
      // Whole records, keys sorted: any changed field (page, paragraph, class, formula…) shows.
      const chunkRows = chunks.map(sortedKeys);
      const entityRows = result.entities.map((e) => JSON.stringify(sortedKeys(e))).sort();
      const digest = hash([hash(chunkRows), hash(entityRows), ingest.extractionDigest(result)]);
      console.log(`${parsed.id} ${digest}`);
    }
  }
}
console.log(
  JSON.stringify({
    root,
    documents,
    failures,
    cpuMs: Math.round(cpuMicros / 1000),
    wallMs: Math.round(wallMs),
  }),
);
