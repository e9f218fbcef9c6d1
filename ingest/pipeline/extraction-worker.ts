/**
 * Worker-thread entry of the extraction pool: builds its extractor once per spec and analyses one
 * document per task. Imports only ingest/ code; results travel back as structured-clone data.
 */
import { threadId } from 'node:worker_threads';
import type { Extractor } from '../extract/extractor.ts';
import type { ParsedDocument } from '../parse/document-parser.ts';
import { analyzeDocument, type DocumentAnalysis } from './document-analysis.ts';
import { buildExtractor, type ExtractorSpec } from './extractor-spec.ts';

export interface AnalysisTask {
  spec: ExtractorSpec;
  parsed: ParsedDocument;
}

export interface AnalysisTaskResult extends DocumentAnalysis {
  extractorName: string;
  threadId: number;
}

const extractors = new Map<string, Extractor>();

export default async function analyse(task: AnalysisTask): Promise<AnalysisTaskResult> {
  const key = JSON.stringify(task.spec);
  let extractor = extractors.get(key);
  if (!extractor) {
    extractor = buildExtractor(task.spec);
    extractors.set(key, extractor);
  }
  const analysis = await analyzeDocument(extractor, task.parsed);
  return { ...analysis, extractorName: extractor.name, threadId };
}
