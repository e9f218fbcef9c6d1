/**
 * Ingest throughput on the real USPTO weekly excerpts, everything issue 15 asks in one run, written to
 * bench/results/ingest.json. At each scale (1×, 10×, 100× the corpus, replicated with new publication
 * numbers, uncompressed), against the lxml reference parse of the same files in the same run:
 * - parse only (ours and the reference alternate 5 times below 100×, once at 100×; medians);
 * - analysis only: parse, chunk and offline extraction on this thread, no graph (`bench/analyze-only.ts`);
 * - the floor (`floor`): the same analysis on a pool with a thread per core, no graph, with open mining
 *   and without it: no graph path, bulk import included, can take less, since each parses and extracts
 *   every document;
 * - end to end inline (parse and extraction on the main thread) and on the ingestion pool (one
 *   extraction thread, as `matscout ingest` picks on two cores), each into the benchmark's wiped Neo4j,
 *   alternating `--repeats` times below 10× (once from 10×), each after a reference run;
 * - `/health` latency (p50/p95/p99/max) of the real API listening in this process on loopback, probed every
 *   50 ms during each end-to-end run;
 * - resident memory of this process and of Neo4j (start, end, peak, a series) during each end-to-end run,
 *   and the cost per document at each scale against the first.
 * Then, once, the CLI as a user runs it: `node bin/matscout.js ingest` of the 10 weekly `.xml.gz` files
 * into a new local Neo4j (a fresh home, started before the timing: the timed command includes node
 * start-up, connection, schema, seeding, ingestion and promotion), against the reference on the same files.
 * Usage: npm run bench:ingest [-- --scales 1,10,100] [--repeats 3] [--port 17887] [--cli-port 17888] [--no-cli] [--no-mining]
 *   [--modes parse,analyze,floor,inline,pool] [--out bench/results/ingest.json]
 * `--modes` keeps some measurements (a 100× run of every mode takes hours: `--scales 1,100 --modes pool`
 * gives the per-document cost and memory of the pool at 100× against 1× in under an hour); the others are
 * reported as null.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localNeo4jStatus } from '../graph/index.ts';
import {
  createIngestionPool,
  createOfflineExtractor,
  type IngestionPool,
  runIngestion,
} from '../ingest/index.ts';
import { analyzeFiles, analyzeFilesOnPool } from './analyze-only.ts';
import { parseFiles } from './parse-only.ts';
import { argument } from './support/argument.ts';
import { median, openBenchGraph, ratio, wipe } from './support/bench-neo4j.ts';
import { type CliIngestTiming, timeCliIngest } from './support/cli-ingest-timing.ts';
import { type HealthLatency, probeHealth, startBenchApi } from './support/health-probe.ts';
import { type LxmlReference, prepareLxmlReference } from './support/lxml-reference.ts';
import { replicateWeekly } from './support/replicate-uspto.ts';
import { type ResourceSample, sampleResources } from './support/resource-sampler.ts';

const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const weeklyDir = path.join(sharedRoot, 'data', 'uspto-ipg-weekly-excerpts');
const scales = (argument('scales') ?? '1,10').split(',').map(Number);
const port = Number(argument('port') ?? 17887);
const cliPort = Number(argument('cli-port') ?? port + 1);
const smallScaleRepeats = Number(argument('repeats') ?? 3);
const timeCli = !process.argv.includes('--no-cli');
// `--no-mining`: the analysis and end-to-end runs without open term mining (MINING=off); the floor
// reports both either way, and the CLI runs as configured.
const mining = !process.argv.includes('--no-mining');
const modes = new Set((argument('modes') ?? 'parse,analyze,floor,inline,pool').split(','));
const outFile = argument('out') ?? 'bench/results/ingest.json';

const seconds = (ms: number): number => Number((ms / 1000).toFixed(2));

interface EndToEndRun {
  ms: number;
  health: HealthLatency;
  resources: ResourceSample;
}

/** The run that sits in the middle of the sorted runs (by time): its health and memory are reported. */
function medianRun(runs: EndToEndRun[]): EndToEndRun | undefined {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
}

async function main(): Promise<void> {
  const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
  const work = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-ingest-'));
  const reference: LxmlReference | { error: string } = await prepareLxmlReference(sharedRoot).catch(
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  if ('error' in reference) console.error(`lxml reference unavailable: ${reference.error}`);
  const referenceMs = (files: string[]): number | undefined =>
    'error' in reference ? undefined : reference.run(files).seconds * 1000;
  const graph = await openBenchGraph('ingest', port);
  const neo4jPid = (await localNeo4jStatus(graph.home)).pid;
  const extractor = createOfflineExtractor({ mining });
  const pool: IngestionPool = createIngestionPool({ threads: 1 });
  const floorThreads = os.availableParallelism();
  const floorPool = modes.has('floor') ? createIngestionPool({ threads: floorThreads }) : undefined;
  const api = await startBenchApi(graph.uri);
  const results: Array<Record<string, unknown>> = [];
  let cli:
    | (CliIngestTiming & { referenceMs: number | null; target: string; overTarget: number | null })
    | null = null;
  try {
    let baseline: { inline: number; pool: number } | undefined;
    for (const scale of scales) {
      const dir = path.join(work, `x${scale}`);
      const { bytes } = await replicateWeekly(weeklyDir, weekly, dir, scale);
      const files = (await readdir(dir)).map((name) => path.join(dir, name)).sort();
      // The reference and our runs alternate so the machine's load hits them alike.
      const referenceRuns: number[] = [];
      const parseRuns: number[] = [];
      let parsed = { documents: 0, failures: 0 };
      for (let i = 0; i < (!modes.has('parse') ? 0 : scale >= 100 ? 1 : 5); i++) {
        const measured = referenceMs(files);
        if (measured !== undefined) referenceRuns.push(measured);
        const run = await parseFiles(files);
        parseRuns.push(run.ms);
        parsed = run;
      }
      const repeats = scale >= 10 ? 1 : smallScaleRepeats;
      const analyzeRuns: number[] = [];
      let analysed = { chunks: 0, mentions: 0 };
      for (let i = 0; i < (modes.has('analyze') ? repeats : 0); i++) {
        const measured = referenceMs(files);
        if (measured !== undefined) referenceRuns.push(measured);
        const run = await analyzeFiles(files, extractor);
        analyzeRuns.push(run.ms);
        analysed = run;
      }
      const floorRuns: number[] = [];
      const floorWithoutMiningRuns: number[] = [];
      let floorDocuments = 0;
      for (let i = 0; i < (floorPool ? repeats : 0); i++) {
        for (const mining of [true, false]) {
          const measured = referenceMs(files);
          if (measured !== undefined) referenceRuns.push(measured);
          const run = await analyzeFilesOnPool(files, floorPool as IngestionPool, { mining });
          floorDocuments = run.documents;
          if (parseRuns.length > 0 && run.documents !== parsed.documents)
            throw new Error(
              `the floor analysed ${run.documents} documents, the parse found ${parsed.documents}`,
            );
          (mining ? floorRuns : floorWithoutMiningRuns).push(run.ms);
        }
      }
      const inlineRuns: EndToEndRun[] = [];
      const pooledRuns: EndToEndRun[] = [];
      let counts = { added: 0, chunks: 0, mentions: 0, facts: 0 };
      for (let i = 0; i < repeats; i++) {
        for (const onPool of [false, true].filter((pooled) => modes.has(pooled ? 'pool' : 'inline'))) {
          const measured = referenceMs(files);
          if (measured !== undefined) referenceRuns.push(measured);
          await wipe(graph.store);
          const stopSampling = sampleResources(neo4jPid === undefined ? {} : { neo4jPid });
          const stopProbing = probeHealth(api.url);
          const started = performance.now();
          const stages = onPool
            ? { analyzer: pool.analyzer({ spec: { kind: 'offline', mining } }), reader: pool.reader }
            : { extractor };
          const run = await runIngestion({ store: graph.store, ...stages }, { inputs: [dir], batchSize: 50 });
          const ms = performance.now() - started;
          const health = await stopProbing();
          (onPool ? pooledRuns : inlineRuns).push({ ms, health, resources: stopSampling() });
          counts = run.counts;
          if (parseRuns.length > 0 && run.counts.added !== parsed.documents)
            throw new Error(`expected ${parsed.documents} added, got ${run.counts.added}`);
        }
      }
      const referenceMedian = referenceRuns.length > 0 ? median(referenceRuns) : undefined;
      const parseMs = median(parseRuns);
      const analyzeMs = median(analyzeRuns);
      const floorMs = median(floorRuns);
      const floorWithoutMiningMs = median(floorWithoutMiningRuns);
      const inlineMs = median(inlineRuns.map((run) => run.ms));
      const pooledMs = median(pooledRuns.map((run) => run.ms));
      // Without an end-to-end mode nothing is written: the documents are those parsed or analysed.
      const documents = counts.added || parsed.documents || floorDocuments;
      const perDocument = { inline: inlineMs / documents, pool: pooledMs / documents };
      baseline ??= perDocument;
      // A mode left out has no runs: its median is NaN, reported as null.
      const round = (value: number): number | null => (Number.isFinite(value) ? Math.round(value) : null);
      const fixed = (value: number, digits: number): number | null =>
        Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
      const row = {
        scale,
        documents,
        failedItems: parsed.failures,
        megabytes: Number((bytes / 1048576).toFixed(2)),
        chunks: counts.chunks,
        mentions: counts.mentions,
        facts: counts.facts,
        analysedMentions: analysed.mentions,
        referenceMs: referenceMedian === undefined ? null : Math.round(referenceMedian),
        parseOnlyMs: round(parseMs),
        parseOnlyOverReference: ratio(parseMs, referenceMedian),
        analyzeOnlyMs: round(analyzeMs),
        analyzeOnlyOverReference: ratio(analyzeMs, referenceMedian),
        floor: {
          threads: floorPool ? floorThreads : null,
          ms: round(floorMs),
          overReference: ratio(floorMs, referenceMedian),
          withoutMiningMs: round(floorWithoutMiningMs),
          withoutMiningOverReference: ratio(floorWithoutMiningMs, referenceMedian),
        },
        endToEndInlineMs: round(inlineMs),
        endToEndInlineOverReference: ratio(inlineMs, referenceMedian),
        endToEndPoolMs: round(pooledMs),
        endToEndPoolOverReference: ratio(pooledMs, referenceMedian),
        documentsPerSecondPool: fixed(documents / (pooledMs / 1000), 1),
        perDocumentMs: {
          inline: fixed(perDocument.inline, 2),
          pool: fixed(perDocument.pool, 2),
        },
        perDocumentCostVsFirstScale: {
          inline: fixed(perDocument.inline / baseline.inline, 3),
          pool: fixed(perDocument.pool / baseline.pool, 3),
        },
        healthDuringPoolRun: medianRun(pooledRuns)?.health ?? null,
        healthDuringInlineRun: medianRun(inlineRuns)?.health ?? null,
        residentMemoryDuringPoolRun: medianRun(pooledRuns)?.resources ?? null,
        residentMemoryDuringInlineRun: medianRun(inlineRuns)?.resources ?? null,
        runsMs: {
          reference: referenceRuns.map(Math.round),
          parseOnly: parseRuns.map(Math.round),
          analyzeOnly: analyzeRuns.map(Math.round),
          floor: floorRuns.map(Math.round),
          floorWithoutMining: floorWithoutMiningRuns.map(Math.round),
          endToEndInline: inlineRuns.map((run) => Math.round(run.ms)),
          endToEndPool: pooledRuns.map((run) => Math.round(run.ms)),
        },
        loadAverage: os.loadavg().map((value) => Number(value.toFixed(1))),
      };
      results.push(row);
      console.log(JSON.stringify(row));
      await rm(dir, { recursive: true, force: true });
    }
    if (timeCli) {
      const gzipped = weekly.map((name) => path.join(weeklyDir, name));
      const referenceRuns: number[] = [];
      for (let i = 0; i < 3; i++) {
        const measured = referenceMs(gzipped);
        if (measured !== undefined) referenceRuns.push(measured);
      }
      const timing = await timeCliIngest(gzipped, path.resolve('.data', 'bench-ingest-cli'), cliPort);
      const referenceMedian = referenceRuns.length > 0 ? median(referenceRuns) : undefined;
      const targetMs = referenceMedian === undefined ? undefined : 4 * referenceMedian + 5000;
      cli = {
        ...timing,
        referenceMs: referenceMedian === undefined ? null : Math.round(referenceMedian),
        target: targetMs === undefined ? 'unknown' : `4 × reference + 5 s = ${seconds(targetMs)} s`,
        overTarget: ratio(timing.wallMs, targetMs),
      };
      console.log(JSON.stringify(cli));
    }
  } finally {
    await api.close();
    await pool.close();
    await floorPool?.close();
    await graph.stop();
    await rm(work, { recursive: true, force: true });
  }
  const output = {
    benchmark: 'ingest',
    corpus: `shared/data/uspto-ipg-weekly-excerpts (${weekly.length} weekly files, replicated with new publication numbers)`,
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    at: new Date().toISOString(),
    reference:
      'error' in reference
        ? { unavailable: reference.error }
        : {
            script: 'shared/bench/ingest-reference/lxml_parse.py',
            python: path.relative(process.cwd(), reference.python),
            note: 'its timer starts after reading and decompressing the files; ours include reading them',
          },
    repeats: { belowTenfold: smallScaleRepeats, fromTenfold: 1 },
    modes: [...modes],
    mining,
    peakResidentMemoryMiB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    results,
    cli,
  };
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote ${outFile}`);
}

await main();
