/**
 * Would a bulk path for an empty database pay off? Writes the same document bundles into a new local
 * Neo4j two ways and times both from an empty home to a graph that answers with its schema in place:
 *
 * - **cypher**: start Neo4j, create the schema, `store.writeDocuments` in batches of 25, recount the mined
 *   candidates (what `matscout ingest` does, without extraction);
 * - **bulk**: write CSV files, `neo4j-admin database import full` (the jars' AdminTool) into the home,
 *   start Neo4j, create the schema (constraints, range and full-text indexes populated afterwards).
 *
 * The bulk side is a lower bound of a real bulk path: it writes documents, chunks (`PART_OF`, `NEXT`),
 * entities, mentions, candidates with their occurrences (`SEEN_IN`) and facts (`SUBJECT`, `OBJECT`,
 * `EVIDENCE`), but no assignee links, `USED_IN` paths, candidate support or chunk digests, which a real
 * path would have to compute outside Neo4j.
 *
 * The bundles are the cache `bench/write-statements.ts` keeps (parse and offline extraction of its
 * inputs, run that first):
 *
 *   node --import tsx bench/bulk-import-probe.ts [--cache .data/write-bundles.json] [--replicas 1] [--port 17941]
 *     [--out bench/results/bulk-import-probe.json]
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  candidateId,
  createNeo4jDriver,
  type DocumentBundle,
  importIntoStoppedNeo4j,
  migrateGraphSchema,
  Neo4jGraphStore,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../graph/index.ts';
import { argument } from './support/argument.ts';
import { renamed } from './support/renamed-bundle.ts';

const cache = path.resolve(argument('cache') ?? '.data/write-bundles.json');
const port = Number(argument('port') ?? 17941);
const outFile = argument('out') ?? 'bench/results/bulk-import-probe.json';
const replicas = Number(argument('replicas') ?? 1);
const cached = JSON.parse(readFileSync(cache, 'utf8')) as DocumentBundle[];
// Replica k > 0 renames every document, chunk and fact: the graph grows by one corpus per replica.
const bundles = Array.from({ length: replicas }, (_, k) =>
  cached.map((bundle) => renamed(bundle, k === 0 ? '' : `-r${k}`)),
).flat();

type Scalar = string | number | boolean;
type Row = Record<string, Scalar | Scalar[] | undefined>;

/** CSV cell: quoted, quotes doubled; arrays joined by the importer's array delimiter (U+001F). */
function cell(value: Scalar | Scalar[] | undefined): string {
  if (value === undefined) return '';
  const text = Array.isArray(value) ? value.map(String).join('\u001f') : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

function typeOf(values: (Scalar | Scalar[] | undefined)[]): string {
  const value = values.find((entry) => entry !== undefined);
  if (Array.isArray(value)) return typeof value[0] === 'number' ? 'long[]' : 'string[]';
  if (typeof value === 'number')
    return values.every((v) => v === undefined || Number.isInteger(v)) ? 'long' : 'double';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** One CSV file: the id or start/end columns first, then every property seen, typed by its values. */
async function writeCsv(
  file: string,
  keys: string[],
  header: Record<string, string>,
  rows: Row[],
): Promise<void> {
  const properties = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter(
    (key) => !keys.includes(key),
  );
  const columns = [
    ...keys.map((key) => header[key] as string),
    ...properties.map((key) => `${key}:${typeOf(rows.map((row) => row[key]))}`),
  ];
  const stream = createWriteStream(file);
  stream.write(`${columns.join(',')}\n`);
  for (const row of rows)
    stream.write(`${[...keys, ...properties].map((key) => cell(row[key])).join(',')}\n`);
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

const flat = (value: unknown): Scalar | Scalar[] | undefined =>
  value === null || value === undefined
    ? undefined
    : Array.isArray(value)
      ? (value as Scalar[])
      : typeof value === 'object'
        ? JSON.stringify(value)
        : (value as Scalar);
const rowOf = (object: object): Row =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key, flat(value)]));

async function writeCsvFiles(dir: string): Promise<{ nodes: string[]; relationships: string[] }> {
  await mkdir(dir, { recursive: true });
  const documents: Row[] = [];
  const chunks: Row[] = [];
  const partOf: Row[] = [];
  const next: Row[] = [];
  const entities = new Map<string, Row & { label: string }>();
  const mentions: Row[] = [];
  const candidates = new Map<string, Row>();
  const seenIn: Row[] = [];
  const facts: Row[] = [];
  const subjects: Row[] = [];
  const objects: Row[] = [];
  const evidence: Row[] = [];
  for (const bundle of bundles) {
    documents.push(rowOf(bundle.document));
    const ordered = [...bundle.chunks].sort((a, b) => a.index - b.index);
    ordered.forEach((chunk, index) => {
      chunks.push(rowOf(chunk));
      partOf.push({ from: chunk.id, to: bundle.document.id });
      const after = ordered[index + 1];
      if (after) next.push({ from: chunk.id, to: after.id });
    });
    for (const entity of bundle.entities) {
      const { label, ...rest } = entity as typeof entity & { label: string };
      entities.set(entity.id, { ...rowOf(rest), label, aliasText: ` ${(entity.aliases ?? []).join(' ')}` });
    }
    for (const { chunkId, entityId, start, end, surface } of bundle.mentions)
      mentions.push({ from: chunkId, to: entityId, start, end, surface });
    for (const c of bundle.candidates ?? []) {
      const id = candidateId(c.label, c.key);
      candidates.set(id, {
        id,
        label: c.label,
        key: c.key,
        name: c.surface,
        head: c.head,
        support: 0,
        stale: true,
      });
      seenIn.push({
        from: id,
        to: c.chunkId,
        start: c.start,
        end: c.end,
        surface: c.surface,
        cue: c.cue,
        documentId: bundle.document.id,
        sentenceStart: c.sentence.start,
        sentenceEnd: c.sentence.end,
      });
    }
    for (const fact of bundle.facts) {
      const { evidence: spans, subjectId, objectId, ...props } = fact;
      facts.push({ ...rowOf(props), documentId: bundle.document.id });
      subjects.push({ from: fact.id, to: subjectId });
      objects.push({ from: fact.id, to: objectId });
      for (const span of spans)
        evidence.push({ from: fact.id, to: span.chunkId, start: span.start, end: span.end });
    }
  }
  const file = (name: string) => path.join(dir, `${name}.csv`);
  const node = (space: string) => ({ id: `id:ID(${space})` });
  const link = (from: string, to: string) => ({ from: `:START_ID(${from})`, to: `:END_ID(${to})` });
  await writeCsv(file('documents'), ['id'], node('Document'), documents);
  await writeCsv(file('chunks'), ['id'], node('Chunk'), chunks);
  const byLabel = new Map<string, Row[]>();
  for (const { label, ...entity } of entities.values())
    byLabel.set(label, [...(byLabel.get(label) ?? []), entity]);
  for (const [label, rows] of byLabel)
    await writeCsv(file(`entities-${label}`), ['id'], node('Entity'), rows);
  await writeCsv(file('candidates'), ['id'], node('Candidate'), [...candidates.values()]);
  await writeCsv(file('facts'), ['id'], node('Fact'), facts);
  await writeCsv(file('part-of'), ['from', 'to'], link('Chunk', 'Document'), partOf);
  await writeCsv(file('next'), ['from', 'to'], link('Chunk', 'Chunk'), next);
  await writeCsv(file('mentions'), ['from', 'to'], link('Chunk', 'Entity'), mentions);
  await writeCsv(file('seen-in'), ['from', 'to'], link('Candidate', 'Chunk'), seenIn);
  await writeCsv(file('subject'), ['from', 'to'], link('Fact', 'Entity'), subjects);
  await writeCsv(file('object'), ['from', 'to'], link('Fact', 'Entity'), objects);
  await writeCsv(file('evidence'), ['from', 'to'], link('Fact', 'Chunk'), evidence);
  return {
    nodes: [
      `Document=${file('documents')}`,
      `Chunk=${file('chunks')}`,
      ...[...byLabel.keys()].map((label) => `Entity:${label}=${file(`entities-${label}`)}`),
      `TermCandidate=${file('candidates')}`,
      `Fact=${file('facts')}`,
    ],
    relationships: [
      `PART_OF=${file('part-of')}`,
      `NEXT=${file('next')}`,
      `MENTIONS=${file('mentions')}`,
      `SEEN_IN=${file('seen-in')}`,
      `SUBJECT=${file('subject')}`,
      `OBJECT=${file('object')}`,
      `EVIDENCE=${file('evidence')}`,
    ],
  };
}

const ms = (since: number) => Math.round(performance.now() - since);

async function startAndMigrate(
  home: string,
): Promise<{ startMs: number; schemaMs: number; store: Neo4jGraphStore }> {
  let started = performance.now();
  await startLocalNeo4j({ home, port, pageCacheMiB: 512, heap: '2g', log: () => {} });
  const startMs = ms(started);
  const store = new Neo4jGraphStore(
    createNeo4jDriver({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'unused' }),
  );
  started = performance.now();
  await migrateGraphSchema(store.driver);
  // Indexes created over existing data populate in the background: the graph is ready once they are online.
  await store.driver.executeQuery('CALL db.awaitIndexes(600)');
  return { startMs, schemaMs: ms(started), store };
}

async function cypherPath(home: string) {
  await rm(home, { recursive: true, force: true });
  const begun = performance.now();
  const { startMs, schemaMs, store } = await startAndMigrate(home);
  const started = performance.now();
  try {
    for (let index = 0; index < bundles.length; index += 25)
      await store.writeDocuments(bundles.slice(index, index + 25));
    await store.refreshStaleCandidates();
    return { startMs, schemaMs, writeMs: ms(started), totalMs: ms(begun) };
  } finally {
    await store.close();
    await stopLocalNeo4j(home);
  }
}

async function bulkPath(home: string) {
  await rm(home, { recursive: true, force: true });
  const begun = performance.now();
  let started = performance.now();
  const files = await writeCsvFiles(path.join(home, 'import'));
  const csvMs = ms(started);
  started = performance.now();
  await importIntoStoppedNeo4j({ home, files, reportFile: path.join(home, 'import.report') });
  const importMs = ms(started);
  const { startMs, schemaMs, store } = await startAndMigrate(home);
  try {
    const counts = (
      await store.driver.executeQuery(
        'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
      )
    ).records[0]?.toObject();
    return { csvMs, importMs, startMs, schemaMs, totalMs: ms(begun), graph: counts };
  } finally {
    await store.close();
    await stopLocalNeo4j(home);
  }
}

const cypher = await cypherPath(path.resolve('.data', 'bench-bulk-cypher'));
console.log(JSON.stringify({ cypher }));
const bulk = await bulkPath(path.resolve('.data', 'bench-bulk-import'));
console.log(JSON.stringify({ bulk }));
const summary = {
  at: new Date().toISOString(),
  replicas,
  documents: bundles.length,
  chunks: bundles.reduce((sum, bundle) => sum + bundle.chunks.length, 0),
  cypher,
  bulk,
  ratio: Number((bulk.totalMs / cypher.totalMs).toFixed(2)),
};
await writeFile(outFile, `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify({ ratio: summary.ratio }));
