import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { ParsedDocument } from '../parse/document-parser.ts';
import type { DocumentAnalysis, DocumentAnalyzer } from './document-analysis.ts';
import type { AnalysisTask, AnalysisTaskResult } from './extraction-worker.ts';
import { type ExtractorSpec, extractorSpecName } from './extractor-spec.ts';

export interface ExtractionPoolOptions {
  spec: ExtractorSpec;
  /** Worker threads (default 1: on a small machine the main thread keeps a core for requests). */
  threads?: number;
}

export interface ExtractionPoolStats {
  threads: number;
  completed: number;
  /** Thread ids that analysed documents (never the main thread's 0). */
  threadIds: number[];
}

/** A DocumentAnalyzer whose chunking and extraction run on worker threads, off the caller's event loop. */
export interface ExtractionPool extends DocumentAnalyzer {
  stats(): ExtractionPoolStats;
  close(): Promise<void>;
}

export class ExtractionWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractionWorkerError';
  }
}

const workerUrl = new URL('./extraction-worker.ts', import.meta.url);

/**
 * The worker entry is TypeScript: threads do not inherit loader hooks registered in the main thread
 * (bin/matscout.js, vitest), so each worker loads tsx itself unless the parent's flags already do.
 */
function workerExecArgv(): string[] {
  const inherited = process.execArgv;
  if (inherited.some((flag) => /[\\/]tsx[\\/]/.test(flag))) return inherited;
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [...inherited, '--import', loader];
}

export function createExtractionPool(options: ExtractionPoolOptions): ExtractionPool {
  const threads = Math.max(1, options.threads ?? 1);
  const name = extractorSpecName(options.spec);
  const pool = new Piscina<AnalysisTask, AnalysisTaskResult>({
    filename: workerUrl.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    execArgv: workerExecArgv(),
  });
  let completed = 0;
  const threadIds = new Set<number>();
  return {
    name,
    async analyze(parsed: ParsedDocument): Promise<DocumentAnalysis> {
      const result = await pool.run({ spec: options.spec, parsed });
      if (result.extractorName !== name) {
        throw new ExtractionWorkerError(`worker built extractor ${result.extractorName}, expected ${name}`);
      }
      completed += 1;
      threadIds.add(result.threadId);
      return { chunks: result.chunks, extraction: result.extraction };
    },
    stats: () => ({ threads, completed, threadIds: [...threadIds] }),
    close: () => pool.destroy(),
  };
}
