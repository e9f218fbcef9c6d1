/**
 * How much heap an ingestion thread's compiled vocabulary holds, and how long it takes to build, as a
 * backfill's mined terms accumulate, up to sizes a graph would take long to seed (no graph needed). For
 * each size, a fresh process builds the bundled lexicon's terms and `size` synthetic mined terms (the
 * shape promotion writes, `support/mined-terms.ts`) into what a thread builds for its first version: the
 * matcher's trie (`compileMs`), the extractor with its resolver (`extractorMs`) and the index of term
 * keys (`keyIndexMs`), then reports the heap they hold after a full collection (`compiledMiB`). The
 * process has Node's default heap limit, as the pool's threads do (`heapLimitMiB`); a size that does
 * not fit is reported with how the process ended (`outOfMemory`) instead of stopping the benchmark.
 *
 *   npm run bench:vocabulary-heap -- [--sizes 0,50000,250000,1000000] [--root CHECKOUT]
 *     [--out bench/results/vocabulary-heap.json]
 *
 * `--root` builds with another checkout's modules (main before a change, say), to compare.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import type { VocabularySnapshot, VocabularyTermRecord } from '../graph/index.ts';
import type * as IngestModule from '../ingest/index.ts';
import { argument } from './support/argument.ts';
import { outputOf } from './support/child-output.ts';
import { minedTerm } from './support/mined-terms.ts';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(argument('root') ?? path.join(path.dirname(here), '..'));

async function measure(size: number): Promise<Record<string, unknown>> {
  const ingest = (await import(
    pathToFileURL(path.join(root, 'ingest/index.ts')).href
  )) as typeof IngestModule;
  const lexicon = ingest.bundledLexiconSeed().terms as unknown as VocabularyTermRecord[];
  const mined = Array.from({ length: size }, (_, i) => minedTerm(i).term as VocabularyTermRecord);
  const snapshot: VocabularySnapshot = {
    version: 1,
    stamp: '1|bench',
    terms: [...lexicon, ...mined],
    retiredIds: [],
  };
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  const before = process.memoryUsage().heapUsed;
  let started = performance.now();
  const vocabulary = ingest.vocabularyFromSnapshot(snapshot);
  void vocabulary.trie;
  const compileMs = performance.now() - started;
  started = performance.now();
  const extractor = ingest.createOfflineExtractor({ vocabulary, mining: true });
  const extractorMs = performance.now() - started;
  started = performance.now();
  ingest.knownTermId(vocabulary, 'film', 'Application');
  const keyIndexMs = performance.now() - started;
  collect();
  const held = process.memoryUsage().heapUsed - before;
  void extractor;
  const round = (ms: number) => Math.round(ms);
  return {
    minedTerms: size,
    terms: snapshot.terms.length,
    compileMs: round(compileMs),
    extractorMs: round(extractorMs),
    keyIndexMs: round(keyIndexMs),
    buildMs: round(compileMs + extractorMs + keyIndexMs),
    compiledMiB: Math.round(held / 1048576),
    heapLimitMiB: Math.round(v8.getHeapStatistics().heap_size_limit / 1048576),
  };
}

/** One size in a fresh process: its result line, or how it ended. */
async function inChild(size: number): Promise<Record<string, unknown>> {
  const { code, signal, stdout, stderr } = await outputOf(
    spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', here, '--child', String(size), '--root', root],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code === 0 && line.startsWith('{')) return JSON.parse(line);
  return {
    minedTerms: size,
    outOfMemory: /heap out of memory|Allocation failed/i.test(stderr),
    exit: signal ?? code,
    stderr: stderr.trim().split('\n').slice(0, 3).join(' | '),
  };
}

const child = argument('child');
if (child !== undefined) {
  console.log(JSON.stringify(await measure(Number(child))));
} else {
  const sizes = (argument('sizes') ?? '0,50000,250000,1000000').split(',').map(Number);
  const outFile = argument('out') ?? 'bench/results/vocabulary-heap.json';
  const results = [];
  for (const size of sizes) {
    const result = await inChild(size);
    console.log(JSON.stringify(result));
    results.push(result);
  }
  await writeFile(
    outFile,
    `${JSON.stringify({ at: new Date().toISOString(), root, node: process.version, results }, null, 2)}\n`,
  );
  console.log(`wrote ${outFile}`);
}
