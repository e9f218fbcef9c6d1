import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.ts';

describe('INGEST_THREAD_HEAP_MB', () => {
  it('is the ingestion threads’ heap limit in MiB when set, and Node’s default (undefined) when not', () => {
    expect(loadConfig({ INGEST_THREAD_HEAP_MB: '512' }).ingestThreadHeapMb).toBe(512);
    expect(loadConfig({}).ingestThreadHeapMb).toBeUndefined();
    expect(loadConfig({ INGEST_THREAD_HEAP_MB: '' }).ingestThreadHeapMb).toBeUndefined();
  });

  it('refuses a limit a thread could not even start with, or one that is not a number, naming the variable', () => {
    for (const value of ['16', '63', 'lots', '1.5']) {
      expect(() => loadConfig({ INGEST_THREAD_HEAP_MB: value })).toThrow(ConfigError);
      expect(() => loadConfig({ INGEST_THREAD_HEAP_MB: value })).toThrow(/INGEST_THREAD_HEAP_MB/);
    }
  });
});
