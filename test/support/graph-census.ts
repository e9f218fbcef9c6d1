import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { parseCatalog } from '../../api/catalog/catalog-parser.ts';
import { importCatalog } from '../../api/catalog/import-catalog.ts';
import { type Neo4jGraphStore, Neo4jProductStore, Neo4jVocabularyStore } from '../../graph/index.ts';
import { createOfflineExtractor, runIngestion, seedBundledLexicon } from '../../ingest/index.ts';
import { repoRoot } from './paths.ts';

/** Six short press releases the team wrote for tests (test/fixtures/sample-wire), and the sample catalog. */
export const sampleCorpus = path.join(repoRoot, 'test', 'fixtures', 'sample-wire');
export const sampleCatalog = path.join(repoRoot, 'samples', 'catalog.json');

/** The six team-written documents, by file name. */
export const sampleFiles = [
  '2024-03-coc-prefilled-syringes.md',
  '2025-06-coc-ar-lenses.md',
  '2025-09-tpx-release-films.md',
  '2025-11-epdm-battery-seals.md',
  '2026-02-polyolefin-separators.md',
  '2026-05-adhesive-polyolefin-hydrogen.md',
].map((name) => path.join(sampleCorpus, name));

/** Seeds the bundled lexicon into the graph vocabulary, as the application does at start (idempotent). */
export async function seedVocabulary(driver: Driver): Promise<void> {
  await seedBundledLexicon(new Neo4jVocabularyStore(driver));
}

/**
 * Ingests files through the real pipeline (parse, chunk, offline extraction, batched writes) into a graph
 * whose vocabulary is seeded, as every application start leaves it.
 */
export async function ingestFiles(store: Neo4jGraphStore, files: string[], source = 'test') {
  await seedVocabulary(store.driver);
  return runIngestion({ store, extractor: await createOfflineExtractor() }, { inputs: files, source });
}

export async function importSampleCatalog(driver: Driver): Promise<void> {
  const parsed = parseCatalog(await readFile(sampleCatalog, 'utf8'), 'json');
  await importCatalog(new Neo4jProductStore(driver), parsed);
}

async function rows(driver: Driver, query: string, parameters: Record<string, unknown> = {}) {
  return (await driver.executeQuery(query, parameters)).records;
}

/** Nodes per label and relationships per type over the whole graph, leaving out the given ones. */
export async function census(
  driver: Driver,
  options: { ignoreLabels?: string[]; ignoreTypes?: string[] } = {},
): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  const ignoreLabels = new Set(options.ignoreLabels ?? []);
  const ignoreTypes = new Set(options.ignoreTypes ?? []);
  const labels: Record<string, number> = {};
  for (const record of await rows(
    driver,
    'MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c ORDER BY l',
  )) {
    const label = String(record.get('l'));
    if (!ignoreLabels.has(label)) labels[label] = Number(record.get('c'));
  }
  const types: Record<string, number> = {};
  for (const record of await rows(driver, 'MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t')) {
    const type = String(record.get('t'));
    if (!ignoreTypes.has(type)) types[type] = Number(record.get('c'));
  }
  return { labels, types };
}

/** Every USED_IN fast path with its materialised numbers, sorted. */
export async function fastPaths(driver: Driver): Promise<string[]> {
  return (
    await rows(
      driver,
      `MATCH (m:Material)-[u:USED_IN]->(a:Application)
       RETURN m.id + ' -> ' + a.id + ' ' + u.docCount + ' ' + u.firstSeen + ' ' + u.lastSeen AS path ORDER BY path`,
    )
  ).map((record) => String(record.get('path')));
}

/** Ids of all nodes with the label, sorted. */
export async function idsOf(driver: Driver, label: string): Promise<string[]> {
  return (await rows(driver, `MATCH (n:${label}) RETURN n.id AS id ORDER BY id`)).map((r) =>
    String(r.get('id')),
  );
}

/**
 * Nodes (but audit events, whose job is to name what was retracted) and relationships with a string or
 * string-list property that contains `text`: what "nothing refers to it" means.
 */
export async function referencesTo(driver: Driver, text: string): Promise<string[]> {
  const mentions = `any(k IN keys(x) WHERE
      (valueType(x[k]) STARTS WITH 'STRING' AND x[k] CONTAINS $text)
   OR (valueType(x[k]) STARTS WITH 'LIST<STRING' AND any(v IN x[k] WHERE v CONTAINS $text)))`;
  const nodes = await rows(
    driver,
    `MATCH (x) WHERE NOT x:AuditEvent AND ${mentions} RETURN labels(x)[0] + ' ' + coalesce(x.id, '') AS what`,
    { text },
  );
  const relationships = await rows(driver, `MATCH ()-[x]->() WHERE ${mentions} RETURN type(x) AS what`, {
    text,
  });
  return [...nodes, ...relationships].map((record) => String(record.get('what')));
}

/** The id of the document read from `file`. */
export async function documentIdOf(driver: Driver, file: string): Promise<string> {
  const [record] = await rows(driver, 'MATCH (d:Document {origin: $file}) RETURN d.id AS id', { file });
  if (!record) throw new Error(`no document from ${file}`);
  return String(record.get('id'));
}
