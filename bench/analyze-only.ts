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
  type Extractor,
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await expand(process.argv.slice(2).filter((argument) => !argument.startsWith('--')));
  const result = await analyzeFiles(files, undefined, { again: process.argv.includes('--again') });
  const againMs = result.againMs === undefined ? {} : { againMs: Math.round(result.againMs) };
  console.log(JSON.stringify({ files: files.length, ...result, ms: Math.round(result.ms), ...againMs }));
}
