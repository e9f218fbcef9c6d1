import { describe, expect, it } from 'vitest';
import {
  CompileLosses,
  heapLimitText,
  isThreadOutOfMemory,
  stopsRun,
  ThreadOutOfMemoryError,
  VocabularyOutOfMemoryError,
} from '../../../ingest/pipeline/thread-memory.ts';
import { isRetryableFailure } from '../../../ingest/sources/failure-retryability.ts';

describe('an ingestion thread out of memory', () => {
  it('is told from other worker failures by Node’s code, or by its message when the code is lost', () => {
    const node = Object.assign(
      new Error('Worker terminated due to reaching memory limit: JS heap out of memory'),
      {
        code: 'ERR_WORKER_OUT_OF_MEMORY',
      },
    );
    expect(isThreadOutOfMemory(node)).toBe(true);
    expect(
      isThreadOutOfMemory(new Error('Worker terminated due to reaching memory limit: JS heap out of memory')),
    ).toBe(true);
    expect(isThreadOutOfMemory(new Error('worker exited with code: 1'))).toBe(false);
    expect(isThreadOutOfMemory('Worker terminated due to reaching memory limit')).toBe(false);
    expect(isThreadOutOfMemory(undefined)).toBe(false);
  });

  it('blames the vocabulary only for a second loss in a row while compiling', () => {
    const losses = new CompileLosses();
    expect(losses.lost(true)).toBe(false);
    expect(losses.lost(true)).toBe(true);
    // A task done in between shows the vocabulary fits.
    losses.succeeded();
    expect(losses.lost(true)).toBe(false);
    losses.succeeded();
    // So does a thread that held it and died on its document.
    expect(losses.lost(true)).toBe(false);
    expect(losses.lost(false)).toBe(false);
    expect(losses.lost(true)).toBe(false);
    expect(losses.lost(true)).toBe(true);
  });

  it('stops a run only for the vocabulary, and is never retried as it is', () => {
    const document = new ThreadOutOfMemoryError(
      'the ingestion thread ran out of memory analysing this document',
    );
    const vocabulary = new VocabularyOutOfMemoryError(
      'the ingestion threads ran out of memory twice in a row',
    );
    expect(stopsRun(document)).toBe(false);
    expect(stopsRun(vocabulary)).toBe(true);
    expect(stopsRun(new Error('graph write failed'))).toBe(false);
    expect(isRetryableFailure(document)).toBe(false);
    expect(isRetryableFailure(vocabulary)).toBe(false);
  });

  it('names the limit and the variable that raises it', () => {
    expect(heapLimitText(256)).toBe('a heap limit of 256 MiB (INGEST_THREAD_HEAP_MB)');
    expect(heapLimitText(undefined)).toBe("Node's default heap limit (INGEST_THREAD_HEAP_MB raises it)");
  });
});
