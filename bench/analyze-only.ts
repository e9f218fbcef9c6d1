/**
 * Parses the given files (or folders) and analyses every document as ingestion does (chunking, then the
 * offline extractor: lexicon, patterns, open mining), on this thread, with no graph. Prints one JSON line
 * with documents, chunks, mentions and milliseconds. The gap between this and parse-only is extraction;
 * between this and end to end, the graph. Profile it with:
 * node --cpu-prof --import tsx bench/analyze-only.ts FILE...
 * `--again` then analyses every document a second time, as a run does with the documents that name a
 * term it promoted, and adds that pass's milliseconds (`againMs`).
 */
import {
  createOfflineExtractor,
  type DocumentAnalysis,
  type Extractor,
  type IngestionPool,
  inlineAnalyzer,
  type ParsedDocument,
  readDocuments,
} from '../ingest/index.ts';
import { expand } from './parse-only.ts';

/** Parses and analyses every file once; counts documents, failures, chunks and mentions. */
export async function analyzeFiles(
  files: string[],
  extractor: Extractor = createOfflineExtractor(),
  options: { again?: boolean } = {},
): Promise<{
  ms: number;
  documents: number;
  failures: number;
  chunks: number;
  mentions: number;
  againMs?: number;
}> {
  const analyzer = inlineAnalyzer(extractor);
  const analysed: ParsedDocument[] = [];
  const started = performance.now();
  let documents = 0;
  let failures = 0;
  let chunks = 0;
  let mentions = 0;
  for (const file of files) {
    for await (const outcome of readDocuments({ kind: 'file', path: file })) {
      if (!outcome.ok) {
        failures += 1;
        continue;
      }
      const analysis = await analyzer.analyze(outcome.document, options.again ? { tags: 'remember' } : {});
      if (options.again) analysed.push(outcome.document);
      documents += 1;
      chunks += analysis.chunks.length;
      mentions += analysis.extraction.mentions.length;
    }
  }
  const ms = performance.now() - started;
  if (!options.again) return { ms, documents, failures, chunks, mentions };
  const again = performance.now();
  for (const document of analysed) await analyzer.analyze(document, { tags: 'reuse' });
  return { ms, documents, failures, chunks, mentions, againMs: performance.now() - again };
}

/**
 * The same analysis on a pool's threads (parsing on its parse threads), no graph: with as many threads as
 * cores, the least time any graph path could take, since every path parses and extracts every document.
 * Keeps a few documents per thread in flight, so every thread stays busy and memory stays bounded.
 */
export async function analyzeFilesOnPool(
  files: string[],
  pool: IngestionPool,
  options: { mining: boolean },
): Promise<{ ms: number; documents: number; failures: number; chunks: number; mentions: number }> {
  const analyzer = pool.analyzer({ spec: { kind: 'offline', mining: options.mining } });
  const inFlight = new Set<Promise<void>>();
  const limit = 4 * pool.stats().threads;
  const started = performance.now();
  let documents = 0;
  let failures = 0;
  let chunks = 0;
  let mentions = 0;
  const counted = (analysis: DocumentAnalysis) => {
    documents += 1;
    chunks += analysis.chunks.length;
    mentions += analysis.extraction.mentions.length;
  };
  for (const file of files) {
    for await (const outcome of pool.reader.read({ kind: 'file', path: file })) {
      if (!outcome.ok) {
        failures += 1;
        continue;
      }
      const task: Promise<void> = analyzer
        .analyze(outcome.document, {})
        .then(counted, () => {
          failures += 1;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);
  return { ms: performance.now() - started, documents, failures, chunks, mentions };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await expand(process.argv.slice(2).filter((argument) => !argument.startsWith('--')));
  const result = await analyzeFiles(files, undefined, { again: process.argv.includes('--again') });
  const againMs = result.againMs === undefined ? {} : { againMs: Math.round(result.againMs) };
  console.log(JSON.stringify({ files: files.length, ...result, ms: Math.round(result.ms), ...againMs }));
}
