/**
 * Parses the given files (or folders) and analyses every document as ingestion does (chunking, then the
 * offline extractor: lexicon, patterns, open mining), on this thread, with no graph. Prints one JSON line
 * with documents, chunks, mentions and milliseconds. The gap between this and parse-only is extraction;
 * between this and end to end, the graph. Profile it with:
 * node --cpu-prof --import tsx bench/analyze-only.ts FILE...
 */
import { createOfflineExtractor, type Extractor, inlineAnalyzer, readDocuments } from '../ingest/index.ts';
import { expand } from './parse-only.ts';

/** Parses and analyses every file once; counts documents, failures, chunks and mentions. */
export async function analyzeFiles(
  files: string[],
  extractor: Extractor = createOfflineExtractor(),
): Promise<{ ms: number; documents: number; failures: number; chunks: number; mentions: number }> {
  const analyzer = inlineAnalyzer(extractor);
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
      const analysis = await analyzer.analyze(outcome.document);
      documents += 1;
      chunks += analysis.chunks.length;
      mentions += analysis.extraction.mentions.length;
    }
  }
  return { ms: performance.now() - started, documents, failures, chunks, mentions };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await expand(process.argv.slice(2).filter((argument) => !argument.startsWith('--')));
  const result = await analyzeFiles(files);
  console.log(JSON.stringify({ files: files.length, ...result, ms: Math.round(result.ms) }));
}
