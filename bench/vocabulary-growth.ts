/**
 * What a run pays at each vocabulary change as a backfill's vocabulary grows. Open mining promotes
 * terms from three documents: 172 from the 421 weekly grants, and a backfill of years promotes
 * thousands more. At every version a run reads the vocabulary (`snapshot()`) and each ingestion thread
 * compiles it (`vocabularyFromSnapshot` and its matcher's trie, `compileMs`), while promotion on the
 * main thread only takes the terms by id (`termsMs`: the trie is compiled on first use); a run changes
 * the version up to three times per window of 500 documents and once at its end. Per size: a wiped graph, the bundled lexicon, then `size` mined
 * terms promoted through the store (pages of 2,000, as promotions write them); then each step is called
 * once untimed and `--repeats` times timed.
 *
 * Each size also times building the extractor from the compiled vocabulary (its entity resolver
 * indexes every term) and its index of term keys (`keyIndexMs`: mining and promotion look known
 * terms up by key), which a thread does once per version too. `extendMs` is what a thread pays
 * instead when the version only adds terms, as a promotion does: its extractor of the previous version
 * extended in place by one promotion of `--added` terms (172 by default, what the 10 weekly files
 * promote). `snapshotSinceMs` is the read a run makes at that version (`snapshot(previous)`: the
 * promotion's terms only); `sameSnapshot` checks it gives what the whole read gives. `cloneMs` is the
 * copy of a whole snapshot to a thread, `deltaCloneMs` that of the promotion's terms alone, which the
 * pool sends a thread holding the version before, and `extendByDeltaMs` that thread's extension by them.
 * `keptSnapshotMs` is a new process's first read when the data folder keeps the version before
 * (`VocabularySnapshotFile`: the file loaded and checked, then the promotion's terms read), which
 * every command paid as a whole read (`snapshotMs`, on a warm JVM here) before; `keptFileBytes` its size.
 * `organizationsMs` is the first batch a new graph store writes (one patent with one assignee), which
 * reads the organisations among the terms to build its assignee resolver; none of the mined terms is one.
 *
 *   npm run bench:vocabulary-growth -- [--sizes 0,10000,50000] [--repeats 5] [--port 17961]
 *     [--added 172] [--out bench/results/vocabulary-growth.json]
 *
 * `--seed N --port P` instead adds the lexicon and N such mined terms to a graph that holds no document
 * yet (a local Neo4j started with `matscout neo4j start --port P`), so that `matscout ingest` can be
 * timed as it runs late in a backfill; it refuses a graph with documents.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  connectGraph,
  Neo4jGraphStore,
  Neo4jVocabularyStore,
  type VocabularySnapshot,
  VocabularySnapshotFile,
} from '../graph/index.ts';
import {
  buildGraphExtractor,
  createOfflineExtractor,
  extendGraphExtractor,
  extendGraphExtractorBy,
  knownTermId,
  seedBundledLexicon,
  vocabularyDelta,
  vocabularyFromSnapshot,
} from '../ingest/index.ts';
import { argument } from './support/argument.ts';
import { assignedPatent } from './support/assigned-patent.ts';
import { median, openBenchGraph, wipe } from './support/bench-neo4j.ts';
import { minedTerm } from './support/mined-terms.ts';

const sizes = (argument('sizes') ?? '0,10000,50000').split(',').map(Number);
const repeats = Number(argument('repeats') ?? 5);
const port = Number(argument('port') ?? 17961);
const outFile = argument('out') ?? 'bench/results/vocabulary-growth.json';
const addedTerms = Number(argument('added') ?? 172);

async function timed(call: () => unknown | Promise<unknown>): Promise<number[]> {
  return timedAfter(() => undefined, call);
}

/** Like `timed`, with an untimed `prepare` before each call, whose result the call takes. */
async function timedAfter<T>(prepare: () => T, call: (prepared: T) => unknown): Promise<number[]> {
  await call(prepare());
  const times: number[] = [];
  for (let run = 0; run < repeats; run += 1) {
    const prepared = prepare();
    const started = performance.now();
    await call(prepared);
    times.push(performance.now() - started);
  }
  return times;
}

/** A thread's extractor of `snapshot` after it analysed: the matcher, the resolver and the key index built. */
function threadExtractor(snapshot: VocabularySnapshot) {
  const graph = buildGraphExtractor({ kind: 'graph', mining: true }, snapshot);
  void graph.vocabulary.trie;
  knownTermId(graph.vocabulary, 'film', 'Application');
  return graph;
}

/** The lexicon, then `count` mined terms promoted in pages of 2,000, as a run's promotions write them. */
async function seedTerms(vocabulary: Neo4jVocabularyStore, count: number): Promise<void> {
  await seedBundledLexicon(vocabulary);
  for (let from = 0; from < count; from += 2000) {
    const page = Array.from({ length: Math.min(2000, count - from) }, (_, k) => minedTerm(from + k));
    await vocabulary.promoteCandidates(page, { actor: 'bench:vocabulary-growth' });
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const seed = argument('seed');
if (seed !== undefined) {
  // Migrated first, as any matscout command would: promotions look terms up through the schema's indexes.
  const store = await connectGraph({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'neo4j' });
  try {
    const held = await store.driver.executeQuery('MATCH (d:Document) RETURN count(d) AS documents');
    if (Number(held.records[0]?.get('documents') ?? 0) > 0)
      throw new Error(`the graph on port ${port} holds documents; --seed only fills a new graph`);
    const vocabulary = new Neo4jVocabularyStore(store.driver);
    await seedTerms(vocabulary, Number(seed));
    console.log(`seeded ${seed} mined terms; vocabulary version ${await vocabulary.version()}`);
  } finally {
    await store.close();
  }
  process.exit(0);
}

/**
 * A new process's first read with `kept` in its data folder: a new file keeper and store, as a command
 * builds them. The file is written back (untimed) before each call, since a read keeps what it read.
 */
async function keptReadTimes(kept: VocabularySnapshot): Promise<{ times: number[]; bytes: number }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-kept-'));
  const file = path.join(folder, 'snapshot.json');
  try {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run <= repeats; run += 1) {
      const writer = new VocabularySnapshotFile(file);
      writer.keep(kept);
      await writer.settled();
      bytes = (await stat(file)).size;
      const reader = new VocabularySnapshotFile(file);
      const store = new Neo4jVocabularyStore(graph.driver, { keptSnapshot: reader });
      const started = performance.now();
      await store.snapshot();
      if (run > 0) times.push(performance.now() - started);
      // Its own write of what it read, before the file is written back.
      await reader.settled();
    }
    return { times, bytes };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const graph = await openBenchGraph('vocabulary-growth', port);
const vocabulary = new Neo4jVocabularyStore(graph.driver);
const results = [];
let documents = 0;
try {
  for (const size of sizes) {
    await wipe(graph.store);
    await seedTerms(vocabulary, size);
    // The version before: then one promotion of `--added` more mined terms.
    const previous = await vocabulary.snapshot();
    const promoted = Array.from({ length: addedTerms }, (_, k) => minedTerm(size + k));
    await vocabulary.promoteCandidates(promoted, { actor: 'bench:vocabulary-growth' });
    const snapshot = await vocabulary.snapshot();
    // Before any extractor is built: a new process's heap holds none of them when it reads.
    const kept = await keptReadTimes(previous);
    const snapshotMs = await timed(() => vocabulary.snapshot());
    // What a run reads at that version: only the promotion's terms, from the snapshot it holds.
    const snapshotSinceMs = await timed(() => vocabulary.snapshot(previous));
    // Promotion's view: the terms by id (the matcher is compiled on first use, on the threads).
    const termsMs = await timed(() => vocabularyFromSnapshot(snapshot));
    const compileMs = await timed(() => vocabularyFromSnapshot(snapshot).trie);
    const compiled = vocabularyFromSnapshot(snapshot);
    void compiled.trie;
    const extractorMs = await timed(() => createOfflineExtractor({ vocabulary: compiled, mining: true }));
    const keyIndexMs = await timedAfter(
      () => vocabularyFromSnapshot(snapshot),
      (vocabulary) => knownTermId(vocabulary, 'film', 'Application'),
    );
    const extendMs = await timedAfter(
      () => threadExtractor(previous),
      (graph) => {
        if (!extendGraphExtractor(graph, snapshot)) throw new Error('the version did not extend');
      },
    );
    const cloneMs = await timed(() => structuredClone(snapshot));
    // What the pool sends a thread that holds the version before instead: the promotion's terms.
    const caughtUp = await vocabulary.snapshot(previous);
    const delta = vocabularyDelta(previous, caughtUp);
    if (!delta) throw new Error('the caught-up snapshot gave no delta');
    const deltaCloneMs = await timed(() => structuredClone(delta));
    const extendByDeltaMs = await timedAfter(
      () => threadExtractor(previous),
      (graph) => {
        if (!extendGraphExtractorBy(graph, structuredClone(delta)))
          throw new Error('the delta did not extend');
      },
    );
    // A new store has no assignee resolver yet: its first batch reads the organisations among the terms.
    const organizationsMs = await timed(() =>
      new Neo4jGraphStore(graph.driver).writeDocuments([
        assignedPatent(`doc:vocabulary-growth-${documents++}`, ['MITSUI CHEMICALS, INC.']),
      ]),
    );
    const result = {
      minedTerms: size,
      terms: snapshot.terms.length,
      snapshotMs: round(median(snapshotMs)),
      snapshotSinceMs: round(median(snapshotSinceMs)),
      termsMs: round(median(termsMs)),
      compileMs: round(median(compileMs)),
      extractorMs: round(median(extractorMs)),
      keyIndexMs: round(median(keyIndexMs)),
      added: snapshot.terms.length - previous.terms.length,
      extendMs: round(median(extendMs)),
      sameSnapshot: JSON.stringify(await vocabulary.snapshot(previous)) === JSON.stringify(snapshot),
      cloneMs: round(median(cloneMs)),
      deltaCloneMs: round(median(deltaCloneMs)),
      extendByDeltaMs: round(median(extendByDeltaMs)),
      keptSnapshotMs: round(median(kept.times)),
      keptFileBytes: kept.bytes,
      organizationsMs: round(median(organizationsMs)),
    };
    console.log(JSON.stringify(result));
    results.push(result);
  }
} finally {
  await graph.stop();
}
await writeFile(outFile, `${JSON.stringify({ at: new Date().toISOString(), repeats, results }, null, 2)}\n`);
console.log(`wrote ${outFile}`);
