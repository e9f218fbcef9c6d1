/**
 * Reads a run makes at each vocabulary change (its start and each promotion), timed as the graph grows
 * the way a backfill grows it: mined candidates below the threshold, entities that are names found in
 * texts and organisations left by assignees, none of them terms, and candidates already promoted (a
 * backfill promotes thousands, and they stay in the graph for their history). Each size starts from a wiped graph
 * with the same vocabulary (1,000 terms, 50 of them organisations, 20 retired) and the same 1,000
 * candidates at the threshold plus 100 stated uses, then adds `size` of each kind of filler. A read that
 * goes through its indexes keeps its time as the filler grows (ratio about 1); one that reads every node
 * of a label grows with it. The smallest size runs once untimed first (a warm JVM); then per size, each
 * read is called once untimed and `--repeats` times timed:
 *
 * - `promotableCandidates(3)`: which mined candidates a promotion considers;
 * - `snapshot()`: the vocabulary the extractors are built from;
 * - the first batch a new store writes (one patent with one assignee): it builds the assignee resolver
 *   from the organisations that are terms (or retired), then writes.
 *
 *   npm run bench:graph-growth -- [--sizes 0,250000,1000000] [--repeats 7] [--port 17951]
 *     [--out bench/results/graph-growth.json]
 */
import { writeFile } from 'node:fs/promises';
import type { Driver } from 'neo4j-driver';
import { Neo4jGraphStore, Neo4jVocabularyStore, stopLocalNeo4j } from '../graph/index.ts';
import { argument } from './support/argument.ts';
import { assignedPatent } from './support/assigned-patent.ts';
import { median, openBenchGraph, ratio, wipe } from './support/bench-neo4j.ts';

const sizes = (argument('sizes') ?? '0,250000,1000000').split(',').map(Number);
const repeats = Number(argument('repeats') ?? 7);
const port = Number(argument('port') ?? 17951);
const outFile = argument('out') ?? 'bench/results/graph-growth.json';
const page = 10_000;

/** Runs `cypher` over `range(0, count - 1)` in pages (`$from`, `$count`), one transaction each. */
async function createInPages(driver: Driver, count: number, cypher: string): Promise<void> {
  for (let from = 0; from < count; from += page) {
    await driver.executeQuery(`UNWIND range($from, $from + $count - 1) AS i ${cypher}`, {
      from,
      count: Math.min(page, count - from),
    });
  }
}

async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await call();
  return { ms: performance.now() - started, value };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

interface SizeResult {
  filler: number;
  promotableMs: number;
  promotable: number;
  snapshotMs: number;
  terms: number;
  firstBatchOfStoreMs: number;
  ratios: { promotable: number | null; snapshot: number | null; firstBatchOfStore: number | null } | null;
}

const graph = await openBenchGraph('graph-growth', port);
const vocabulary = new Neo4jVocabularyStore(graph.driver);
const results: SizeResult[] = [];
let documents = 0;
try {
  // The smallest size is built and read once more first, untimed: the JVM is still compiling the reads
  // then, which would make every later size look cheaper than the first.
  for (const [pass, size] of [sizes[0] ?? 0, ...sizes].entries()) {
    const warmUp = pass === 0;
    await wipe(graph.store);
    // The vocabulary: terms (some organisations, some retired), as the extractors read them.
    await createInPages(
      graph.driver,
      50,
      `CREATE (:Organization:Entity {id: 'org:term-' + i, name: 'Termco ' + i, aliases: ['Termco ' + i + ' Holdings'],
         termAliases: ['Termco ' + i + ' Holdings'], origin: 'user', term: true, termOrder: i, aliasText: ''})`,
    );
    await createInPages(
      graph.driver,
      950,
      `CREATE (:Material:Entity {id: 'material:term-' + i, name: 'term resin ' + i, aliases: [], termAliases: [],
         origin: 'lexicon', term: true, termOrder: 50 + i, aliasText: '',
         retired: CASE WHEN i < 20 THEN true ELSE null END})`,
    );
    // Candidates a promotion considers: at the threshold, and stated uses below it.
    await createInPages(
      graph.driver,
      1100,
      `CREATE (:TermCandidate {id: 'candidate:application:open-' + i, label: 'Application', key: 'open ' + i,
         name: 'open use ' + i, surfaces: ['open use ' + i], occurrences: 3,
         support: CASE WHEN i < 1000 THEN 3 ELSE 1 END, openSupport: CASE WHEN i < 1000 THEN 3 ELSE 1 END,
         cues: CASE WHEN i < 1000 THEN ['use-context'] ELSE ['stated-use'] END,
         statedUse: CASE WHEN i < 1000 THEN null ELSE true END})`,
    );
    // What a backfill adds: candidates below the threshold, names found in texts, assignees, and
    // candidates promoted earlier (at or above the threshold, some of them stated uses).
    await createInPages(
      graph.driver,
      size,
      `CREATE (:TermCandidate {id: 'candidate:application:filler-' + i, label: 'Application',
         key: 'filler ' + i, name: 'filler use ' + i, surfaces: ['filler use ' + i], occurrences: 1,
         support: 1, openSupport: 1, cues: ['use-context']})`,
    );
    await createInPages(
      graph.driver,
      size,
      `CREATE (:TermCandidate {id: 'candidate:application:promoted-' + i, label: 'Application',
         key: 'promoted ' + i, name: 'promoted use ' + i, surfaces: ['promoted use ' + i], occurrences: 3,
         support: 3 + i % 5, cues: CASE WHEN i % 10 = 0 THEN ['stated-use'] ELSE ['use-context'] END,
         promoted: true, promotedTo: 'application:promoted-' + i})`,
    );
    await createInPages(
      graph.driver,
      size,
      `CREATE (:Material:Entity {id: 'material:filler-' + i, name: 'filler resin ' + i, aliases: [],
         origin: 'mined', aliasText: ''})`,
    );
    await createInPages(
      graph.driver,
      size,
      `CREATE (:Organization:Entity {id: 'org:filler-' + i, name: 'Fillerco ' + i, aliases: [],
         origin: 'mined', aliasText: '', assigneeNames: ['Fillerco ' + i + ' Inc.']})`,
    );
    const promotable: number[] = [];
    const snapshot: number[] = [];
    const firstBatch: number[] = [];
    let promotableCount = 0;
    let termCount = 0;
    for (let run = 0; run <= repeats; run++) {
      const candidates = await timed(() => vocabulary.promotableCandidates(3));
      const terms = await timed(() => vocabulary.snapshot());
      // A new store has no assignee resolver yet: its first batch reads the organisation terms.
      const store = new Neo4jGraphStore(graph.driver);
      const batch = await timed(() =>
        store.writeDocuments([assignedPatent(`doc:growth-${documents++}`, ['TERMCO 7 HOLDINGS, INC.'])]),
      );
      promotableCount = candidates.value.length;
      termCount = terms.value.terms.length;
      if (run === 0) continue;
      promotable.push(candidates.ms);
      snapshot.push(terms.ms);
      firstBatch.push(batch.ms);
    }
    // The fixture is read as meant: every open candidate, every term but the retired ones.
    if (promotableCount !== 1100 || termCount !== 980)
      throw new Error(`read ${promotableCount} candidates and ${termCount} terms, not 1,100 and 980`);
    const linked = await graph.driver.executeQuery(
      'MATCH (:Document)-[:ASSIGNED_TO]->(o:Organization) RETURN collect(DISTINCT o.id) AS ids',
    );
    const linkedIds = linked.records[0]?.get('ids') as string[];
    if (linkedIds.length !== 1 || linkedIds[0] !== 'org:term-7')
      throw new Error(`the assignee went to ${linkedIds.join(', ')}, not to the term org:term-7`);
    if (warmUp) continue;
    const base = results[0];
    const result: SizeResult = {
      filler: size,
      promotableMs: round(median(promotable)),
      promotable: promotableCount,
      snapshotMs: round(median(snapshot)),
      terms: termCount,
      firstBatchOfStoreMs: round(median(firstBatch)),
      ratios: null,
    };
    if (base)
      result.ratios = {
        promotable: ratio(result.promotableMs, base.promotableMs),
        snapshot: ratio(result.snapshotMs, base.snapshotMs),
        firstBatchOfStore: ratio(result.firstBatchOfStoreMs, base.firstBatchOfStoreMs),
      };
    results.push(result);
    console.log(JSON.stringify(result));
  }
  await writeFile(
    outFile,
    `${JSON.stringify({ at: new Date().toISOString(), repeats, results }, null, 2)}\n`,
  );
} finally {
  await graph.close();
  await stopLocalNeo4j(graph.home);
}
