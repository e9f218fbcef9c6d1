import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WinkPosTagger } from '../../../ingest/extract/mining/wink-pos-tagger.ts';
import {
  analyzeDocument,
  createOfflineExtractor,
  type ParsedDocument,
  readDocuments,
} from '../../../ingest/index.ts';
import { repoRoot } from '../../support/paths.ts';

async function firstDocument(): Promise<ParsedDocument> {
  const file = path.join(repoRoot, 'samples', 'corpus', 'uspto-full-text', 'v4-0-B2.xml.gz');
  for await (const outcome of readDocuments({ kind: 'file', path: file })) {
    if (outcome.ok) return outcome.document;
  }
  throw new Error('the sample has no document');
}

describe('a document analysed again in the same run', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("is not tagged again, and its analysis is the first one's", async () => {
    const document = await firstDocument();
    const tagging = vi.spyOn(WinkPosTagger.prototype, 'tag');
    const first = await analyzeDocument(createOfflineExtractor(), document, { tags: 'remember' });
    const taggedFirst = tagging.mock.calls.length;
    expect(taggedFirst).toBeGreaterThan(0);
    expect(first.extraction.candidates?.length ?? 0).toBeGreaterThan(0);

    // A new extractor, as after a promotion (the vocabulary changed): the tags are the thread's.
    const again = await analyzeDocument(createOfflineExtractor(), document, { tags: 'reuse' });
    expect(tagging.mock.calls.length).toBe(taggedFirst);
    expect(again).toEqual(first);
  });

  it('a first analysis tags every sentence, whatever was remembered before', async () => {
    const document = await firstDocument();
    await analyzeDocument(createOfflineExtractor(), document, { tags: 'remember' });
    const tagging = vi.spyOn(WinkPosTagger.prototype, 'tag');
    const plain = await analyzeDocument(createOfflineExtractor(), document);
    const tagged = tagging.mock.calls.length;
    expect(tagged).toBeGreaterThan(0);
    expect(await analyzeDocument(createOfflineExtractor(), document, { tags: 'remember' })).toEqual(plain);
    expect(tagging.mock.calls.length).toBe(tagged * 2);
  });
});
