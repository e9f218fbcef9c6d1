/**
 * Ingest throughput on the real USPTO weekly excerpts: parse-only time vs end-to-end ingestion
 * (parse → chunk → extract → batched Neo4j writes) at 1×, 10× and 100× the corpus (replicated with new
 * publication numbers). Writes bench/results/ingest.json. Usage: npm run bench:ingest [-- --scales 1,10,100]
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createOfflineExtractor,
  defaultParsers,
  detectParser,
  openFileSource,
  runIngestion,
} from '../ingest/index.ts';
import { median, openBenchGraph, wipe } from './support/bench-neo4j.ts';
import { writeRenumberedCopy } from './support/replicate-uspto.ts';

const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const weeklyDir = path.join(sharedRoot, 'data', 'uspto-ipg-weekly-excerpts');
const scalesArgument = process.argv.indexOf('--scales');
const scales = (scalesArgument > 0 ? (process.argv[scalesArgument + 1] ?? '') : '1,10,100')
  .split(',')
  .map(Number);

async function parseOnly(files: string[]): Promise<{ ms: number; documents: number }> {
  const started = performance.now();
  let documents = 0;
  for (const file of files) {
    const source = await openFileSource(file);
    const parser = detectParser(source, defaultParsers);
    if (!parser) continue;
    for await (const outcome of parser.parse(source)) if (outcome.ok) documents += 1;
  }
  return { ms: performance.now() - started, documents };
}

async function main(): Promise<void> {
  const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
  const work = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-ingest-'));
  const graph = await openBenchGraph('ingest', 17887);
  const extractor = createOfflineExtractor();
  const results: Array<Record<string, number>> = [];
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
      const parseRuns: number[] = [];
      let parsedDocuments = 0;
      for (let i = 0; i < (scale >= 100 ? 1 : 3); i++) {
        const parsed = await parseOnly(files);
        parseRuns.push(parsed.ms);
        parsedDocuments = parsed.documents;
      }
      const endToEndRuns: number[] = [];
      let written = 0;
      for (let i = 0; i < (scale >= 10 ? 1 : 3); i++) {
        await wipe(graph.store);
        const started = performance.now();
        const run = await runIngestion({ store: graph.store, extractor }, { inputs: [dir], batchSize: 50 });
        endToEndRuns.push(performance.now() - started);
        written = run.counts.added;
        if (run.counts.added !== parsedDocuments)
          throw new Error(`expected ${parsedDocuments} added, got ${run.counts.added}`);
      }
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
      };
      results.push(row);
      console.log(JSON.stringify(row));
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await graph.stop();
    await rm(work, { recursive: true, force: true });
  }
  const output = {
    benchmark: 'ingest',
    corpus: 'shared/data/uspto-ipg-weekly-excerpts (6 weekly files, replicated with new publication numbers)',
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    at: new Date().toISOString(),
    results,
  };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/ingest.json', `${JSON.stringify(output, null, 2)}\n`);
  console.log('wrote bench/results/ingest.json');
}

await main();
