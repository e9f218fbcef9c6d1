import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import {
  analyzeDocument,
  createExtractionPool,
  createOfflineExtractor,
  defaultParsers,
  detectParser,
  type ExtractionPool,
  openFileSource,
  type ParsedDocument,
} from '../../../ingest/index.ts';
import { repoRoot } from '../../support/paths.ts';

const corpus = path.join(repoRoot, 'samples', 'corpus');

async function parseCorpus(): Promise<ParsedDocument[]> {
  const documents: ParsedDocument[] = [];
  const names = (await readdir(corpus)).filter((name) => name !== 'README.md').sort();
  for (const name of names) {
    const source = await openFileSource(path.join(corpus, name));
    const parser = detectParser(source, defaultParsers);
    if (!parser) throw new Error(`no parser for ${name}`);
    for await (const outcome of parser.parse(source)) if (outcome.ok) documents.push(outcome.document);
  }
  return documents;
}

describe('the extraction pool', () => {
  let pool: ExtractionPool | undefined;
  afterAll(async () => {
    await pool?.close();
  });

  it('returns what inline chunking and extraction return, computed on another thread', async () => {
    const documents = await parseCorpus();
    expect(documents.length).toBe(6);
    const extractor = createOfflineExtractor();
    pool = createExtractionPool({ spec: { kind: 'offline' }, threads: 1 });
    expect(pool.name).toBe(extractor.name);
    const pooled = await Promise.all(documents.map((document) => (pool as ExtractionPool).analyze(document)));
    for (const [index, document] of documents.entries()) {
      const inline = await analyzeDocument(extractor, document);
      expect(inline.extraction.entities.length).toBeGreaterThan(0);
      expect(pooled[index]).toEqual(inline);
    }
    const stats = pool.stats();
    expect(stats.completed).toBe(documents.length);
    expect(stats.threadIds).toHaveLength(1);
    expect(stats.threadIds[0]).not.toBe(threadId);
  });
});
