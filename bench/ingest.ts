/**
 * Ingest throughput on the real USPTO weekly excerpts: parse-only time vs end-to-end ingestion
 * (parse → chunk → extract → batched Neo4j writes) at 1×, 10× and 100× the corpus (replicated with new
 * publication numbers), each against the lxml reference parse of the same files in the same run.
 * Writes bench/results/ingest.json.
 * Reference and parse-only run 5 times (median) below 100×; end to end runs twice per repeat (--repeats): inline (parse and extraction on the main thread) and on the ingestion
 * pool (one worker thread, as `matscout ingest` and the API by default), which overlaps extraction with
 * the graph writes.
 * Usage: npm run bench:ingest [-- --scales 1,10,100] [--port 17887] [--repeats 3]
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createIngestionPool,
  createOfflineExtractor,
  type IngestionPool,
  runIngestion,
} from '../ingest/index.ts';
import { parseFiles } from './parse-only.ts';
import { median, openBenchGraph, wipe } from './support/bench-neo4j.ts';
import { type LxmlReference, prepareLxmlReference } from './support/lxml-reference.ts';
import { writeRenumberedCopy } from './support/replicate-uspto.ts';

const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const weeklyDir = path.join(sharedRoot, 'data', 'uspto-ipg-weekly-excerpts');
const scalesArgument = process.argv.indexOf('--scales');
const scales = (scalesArgument > 0 ? (process.argv[scalesArgument + 1] ?? '') : '1,10,100')
  .split(',')
  .map(Number);

const portArgument = process.argv.indexOf('--port');
const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 17887;
const repeatsArgument = process.argv.indexOf('--repeats');
const smallScaleRepeats = repeatsArgument > 0 ? Number(process.argv[repeatsArgument + 1]) : 3;
const ratio = (value: number, reference: number | undefined): number | null =>
  reference ? Number((value / reference).toFixed(2)) : null;
const megabytesOf = (bytes: number): number => Number((bytes / 1048576).toFixed(1));

/** Samples resident memory while a run is in flight: first, last and highest value. */
function sampleResidentMemory(): () => { startMiB: number; endMiB: number; peakMiB: number } {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 250);
  return () => {
    clearInterval(timer);
    const end = process.memoryUsage.rss();
    return {
      startMiB: megabytesOf(start),
      endMiB: megabytesOf(end),
      peakMiB: megabytesOf(Math.max(peak, end)),
    };
  };
}

async function main(): Promise<void> {
  const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
  const work = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-ingest-'));
  const reference: LxmlReference | { error: string } = await prepareLxmlReference(sharedRoot).catch(
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  if ('error' in reference) console.error(`lxml reference unavailable: ${reference.error}`);
  const graph = await openBenchGraph('ingest', port);
  const extractor = createOfflineExtractor();
  const pool: IngestionPool = createIngestionPool({ threads: 1 });
  const results: Array<Record<string, unknown>> = [];
  try {
    let baselinePerDocument = 0;
    for (const scale of scales) {
      const dir = path.join(work, `x${scale}`);
      await mkdir(dir, { recursive: true });
      let bytes = 0;
      for (let replica = 0; replica < scale; replica++) {
        for (const [fileIndex, name] of weekly.entries()) {
          const target = path.join(dir, `r${replica}-${name.replace(/\.gz$/, '')}`);
          await writeRenumberedCopy(
            path.join(weeklyDir, name),
            target,
            20_000_000 + (replica * weekly.length + fileIndex) * 1000,
          );
          bytes += (await stat(target)).size;
        }
      }
      const files = (await readdir(dir)).map((name) => path.join(dir, name)).sort();
      // Reference, parse-only and end-to-end alternate so the machine's load hits all three alike.
      const repeats = scale >= 100 ? 1 : 5;
      const referenceRuns: number[] = [];
      const parseRuns: number[] = [];
      let parsedDocuments = 0;
      let referenceDocuments = 0;
      for (let i = 0; i < repeats; i++) {
        if (!('error' in reference)) {
          const measured = reference.run(files);
          referenceRuns.push(measured.seconds * 1000);
          referenceDocuments = measured.documents;
        }
        const parsed = await parseFiles(files);
        parseRuns.push(parsed.ms);
        parsedDocuments = parsed.documents;
      }
      const endToEndRuns: number[] = [];
      const pooledRuns: number[] = [];
      let written = 0;
      let memory = { startMiB: 0, endMiB: 0, peakMiB: 0 };
      for (let i = 0; i < (scale >= 10 ? 1 : smallScaleRepeats); i++) {
        for (const onPool of [false, true]) {
          await wipe(graph.store);
          const stopSampling = sampleResidentMemory();
          const started = performance.now();
          const stages = onPool
            ? { analyzer: pool.analyzer({ spec: { kind: 'offline' } }), reader: pool.reader }
            : { extractor };
          const run = await runIngestion({ store: graph.store, ...stages }, { inputs: [dir], batchSize: 50 });
          (onPool ? pooledRuns : endToEndRuns).push(performance.now() - started);
          if (!onPool) memory = stopSampling();
          else stopSampling();
          written = run.counts.added;
          if (run.counts.added !== parsedDocuments)
            throw new Error(`expected ${parsedDocuments} added, got ${run.counts.added}`);
        }
      }
      const pooledMs = median(pooledRuns);
      const referenceMs = referenceRuns.length > 0 ? median(referenceRuns) : undefined;
      const parseMs = median(parseRuns);
      const endToEndMs = median(endToEndRuns);
      const perDocumentMs = endToEndMs / written;
      if (scale === scales[0]) baselinePerDocument = perDocumentMs;
      const row = {
        scale,
        documents: written,
        megabytes: Number((bytes / 1048576).toFixed(2)),
        parseOnlyMs: Math.round(parseMs),
        endToEndMs: Math.round(endToEndMs),
        documentsPerSecond: Number((written / (endToEndMs / 1000)).toFixed(1)),
        megabytesPerSecond: Number((bytes / 1048576 / (endToEndMs / 1000)).toFixed(2)),
        endToEndOverParseOnly: Number((endToEndMs / parseMs).toFixed(2)),
        perDocumentMs: Number(perDocumentMs.toFixed(2)),
        perDocumentCostVs1x: Number((perDocumentMs / baselinePerDocument).toFixed(3)),
        endToEndRuns: endToEndRuns.length,
        referenceMs: referenceMs === undefined ? null : Math.round(referenceMs),
        referenceDocuments,
        parseOnlyOverReference: ratio(parseMs, referenceMs),
        endToEndOverReference: ratio(endToEndMs, referenceMs),
        endToEndOnPoolMs: Math.round(pooledMs),
        endToEndOnPoolOverReference: ratio(pooledMs, referenceMs),
        endToEndOnPoolRunsMs: pooledRuns.map(Math.round),
        endToEndRunsMs: endToEndRuns.map(Math.round),
        parseRunsMs: parseRuns.map(Math.round),
        referenceRunsMs: referenceRuns.map(Math.round),
        residentMemoryMiB: memory,
        loadAverage1m: Number((os.loadavg()[0] ?? 0).toFixed(1)),
      };
      results.push(row);
      console.log(JSON.stringify(row));
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await pool.close();
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
          },
    peakResidentMemoryMiB: megabytesOf(process.resourceUsage().maxRSS * 1024),
    results,
  };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/ingest.json', `${JSON.stringify(output, null, 2)}\n`);
  console.log('wrote bench/results/ingest.json');
}

await main();
