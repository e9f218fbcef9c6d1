import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Driver, Record as Neo4jRecord } from 'neo4j-driver';
import type { BulkImportGraph, ExistingGraph, ImportFiles, ImportNode } from './bulk-import-graph.ts';
import { BulkImportError } from './errors.ts';
import type { GraphStore } from './graph-store.ts';
import { emptyListsProperty, importArrayDelimiter } from './import-csv-writer.ts';
import { javaBinary } from './java-runtime.ts';
import { AssigneeResolverCache } from './neo4j-assignee-links.ts';
import { exportNodes, exportRelationships } from './neo4j-graph-backup.ts';
import { neo4jLibDir } from './neo4j-jars.ts';
import { readTransaction } from './neo4j-session.ts';
import type { OrganizationNameResolver } from './organization-names.ts';
import type { VocabularyStore } from './vocabulary-store.ts';

/**
 * The bulk path for a first backfill into the local Neo4j: documents analysed as `matscout ingest` does,
 * written to CSV instead of Cypher, loaded with `neo4j-admin database import full` while the server is
 * stopped. Only into a graph with no documents (the importer writes a new store; the graph before the
 * run, the lexicon and the rest, is exported and imported with it).
 */

/** What makes a graph not empty for the bulk path: anything a document run writes or counts. */
const documentData = `
CALL () { MATCH (n:Document) RETURN count(n) AS n UNION ALL MATCH (n:Chunk) RETURN count(n) AS n
  UNION ALL MATCH (n:Fact) RETURN count(n) AS n UNION ALL MATCH (n:TermCandidate) RETURN count(n) AS n }
RETURN sum(n) AS held`;

/** Refuses a graph that holds documents, chunks, facts or mined candidates. */
export async function checkBulkImportable(driver: Driver, database: string | undefined): Promise<void> {
  const held = await readTransaction(driver, database, async (tx) =>
    Number((await tx.run(documentData)).records[0]?.get('held') ?? 0),
  );
  if (held > 0)
    throw new BulkImportError(
      `the bulk path only loads a graph with no documents, chunks, facts or mined candidates; this one holds ${held}`,
      'use matscout ingest without --bulk (it adds to a graph), or load a new data folder',
    );
}

/**
 * The assignee resolver of the graph as it is now (a run's promotions add materials and applications,
 * never organisations, so it holds for the whole run).
 */
export function readAssigneeResolver(
  driver: Driver,
  database: string | undefined,
): Promise<OrganizationNameResolver> {
  return readTransaction(driver, database, (tx) => new AssigneeResolverCache().resolverFor(tx));
}

/** A node as read (`id`: its element id, `labels`, `properties`), keyed by its element id. */
const importNode = (record: Neo4jRecord): ImportNode => ({
  key: `L${record.get('id')}`,
  labels: record.get('labels') as string[],
  properties: record.get('properties') as Record<string, unknown>,
});

/**
 * Every node and relationship (a backup's, so not a restore's staged nodes), values as stored (the driver must keep integers lossless: an imported
 * 1 must stay an integer, 1.0 a float). Keys come from element ids.
 */
export async function exportGraph(driver: Driver, database: string | undefined): Promise<ExistingGraph> {
  return readTransaction(driver, database, async (tx) => {
    const nodes = (await tx.run(exportNodes)).records.map(importNode);
    const relationships = (await tx.run(exportRelationships)).records.map((record) => ({
      type: String(record.get('type')),
      start: `L${record.get('start')}`,
      end: `L${record.get('end')}`,
      properties: record.get('properties') as Record<string, unknown>,
    }));
    return { nodes, relationships };
  });
}

/** A graph store whose document writes go to the bulk graph; everything else (run records) to Neo4j. */
export function bulkSpoolingStore(store: GraphStore, graph: BulkImportGraph): GraphStore {
  return {
    migrate: () => store.migrate(),
    documentHashes: async (ids) =>
      new Map([...graph.documentVersions(ids)].map(([id, version]) => [id, version.contentHash])),
    documentVersions: async (ids) => graph.documentVersions(ids),
    writeDocuments: (bundles) => graph.addBatch(bundles),
    // Support is counted once, after the import.
    refreshStaleCandidates: async () => 0,
    getDocument: (id) => store.getDocument(id),
    listChunks: (id) => store.listChunks(id),
    getChunk: (id) => store.getChunk(id),
    getChunks: (ids) => store.getChunks(ids),
    listMentions: (id) => store.listMentions(id),
    getEntity: (id) => store.getEntity(id),
    upsertEntities: () =>
      Promise.reject(new BulkImportError('a bulk run writes no entity outside its documents')),
    searchChunks: (query, options) => store.searchChunks(query, options),
    searchEntities: (query, options) => store.searchEntities(query, options),
    saveIngestRun: (run, fence) => store.saveIngestRun(run, fence),
    getIngestRun: (id) => store.getIngestRun(id),
    listIngestRuns: (options) => store.listIngestRuns(options),
    counts: () => store.counts(),
    close: () => store.close(),
  };
}

const nodesByIds = `
MATCH (n) WHERE (n:TermCandidate AND n.id IN $candidateIds) OR (n:Entity AND n.id IN $entityIds)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties`;

type PromotionStore = Pick<
  VocabularyStore,
  'promotableCandidates' | 'promoteCandidates' | 'markCandidatesKnown'
>;

/**
 * Promotion during a bulk run: it counts the spooled documents' candidates as stored ones (the graph
 * holds none of them), marks known candidates in the bulk graph as well, and gives the bulk graph what
 * a promotion wrote (terms and promoted candidates), so later documents merge into those nodes. `driver`
 * keeps integers lossless (the nodes are imported as read).
 */
export function bulkPromotionStore(
  store: PromotionStore,
  graph: BulkImportGraph,
  driver: Driver,
  database: string | undefined,
): PromotionStore {
  return {
    promotableCandidates: async (threshold, pending) =>
      store.promotableCandidates(threshold, await graph.pendingWith(pending, threshold)),
    markCandidatesKnown: async (ids) => {
      graph.markKnown(ids);
      await store.markCandidatesKnown(ids);
    },
    promoteCandidates: async (promotions, context) => {
      const result = await store.promoteCandidates(promotions, context);
      if (result.promoted.length === 0) return result;
      const written = await readTransaction(driver, database, async (tx) =>
        (
          await tx.run(nodesByIds, {
            candidateIds: promotions.map((promotion) => promotion.candidateId),
            entityIds: result.promoted,
          })
        ).records.map(importNode),
      );
      graph.adopt(written);
      return result;
    },
  };
}

export interface ImportOptions {
  /** The local instance's home (its server stopped). */
  home: string;
  database?: string | undefined;
  files: Pick<ImportFiles, 'nodes' | 'relationships'>;
  javaHome?: string | undefined;
  /** Where the importer's report of bad entries goes. */
  reportFile: string;
}

/**
 * Loads the files into a new store of `database` with the jars' importer. The store before it is moved
 * aside first and put back if the import fails, so a failed import loses nothing.
 */
export async function importIntoStoppedNeo4j(options: ImportOptions): Promise<{ ms: number }> {
  const started = performance.now();
  const database = options.database ?? 'neo4j';
  const data = path.join(options.home, 'data');
  const aside = path.join(data, 'bulk-previous');
  const places = ['databases', 'transactions'].map((folder) => ({
    live: path.join(data, folder, database),
    kept: path.join(aside, folder),
  }));
  await rm(aside, { recursive: true, force: true });
  await mkdir(aside, { recursive: true });
  for (const place of places) if (existsSync(place.live)) await rename(place.live, place.kept);
  try {
    await runImporter(options, database);
  } catch (error) {
    for (const place of places) {
      await rm(place.live, { recursive: true, force: true });
      if (existsSync(place.kept)) await rename(place.kept, place.live);
    }
    await rm(aside, { recursive: true, force: true });
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
  return { ms: Math.round(performance.now() - started) };
}

function runImporter(options: ImportOptions, database: string): Promise<void> {
  const args = [
    '-Xmx1g',
    '-cp',
    `${neo4jLibDir()}/*`,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    ...options.files.nodes.map((spec) => `--nodes=${spec}`),
    ...options.files.relationships.map((spec) => `--relationships=${spec}`),
    '--multiline-fields=true',
    `--array-delimiter=U+${importArrayDelimiter.codePointAt(0)?.toString(16).padStart(4, '0').toUpperCase()}`,
    `--report-file=${options.reportFile}`,
    '--overwrite-destination=true',
    database,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(javaBinary(options.javaHome), args, {
      env: { ...process.env, NEO4J_HOME: options.home, NEO4J_CONF: path.join(options.home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(new BulkImportError(`the importer did not start: ${error.message}`)));
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new BulkImportError(`neo4j-admin import failed (exit ${code}): ${tail.trim().slice(-1200)}`),
          ),
    );
  });
}

/** Gives back the empty lists the importer cannot write (each element's list of names is a property). */
export async function restoreEmptyLists(
  driver: Driver,
  database: string | undefined,
  held: ImportFiles['emptyLists'],
): Promise<void> {
  const restore = (match: string, element: string) => `
MATCH ${match} WHERE ${element}.${emptyListsProperty} IS NOT NULL
CALL (${element}) {
  FOREACH (k IN ${element}.${emptyListsProperty} | SET ${element}[k] = [])
  REMOVE ${element}.${emptyListsProperty}
} IN TRANSACTIONS OF 5000 ROWS`;
  const session = driver.session({ database });
  try {
    if (held.nodes > 0) await session.run(restore('(n)', 'n'));
    if (held.relationships > 0) await session.run(restore('()-[r]->()', 'r'));
  } finally {
    await session.close();
  }
}
