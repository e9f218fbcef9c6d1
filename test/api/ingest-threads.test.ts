import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputBytes, poolFromBytes, resolveIngestThreads } from '../../api/commands/ingest-threads.ts';

describe('how many threads `matscout ingest` uses', () => {
  let folder: string;
  const mebibyte = 1024 * 1024;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'matscout-threads-'));
    await mkdir(path.join(folder, 'small', 'nested'), { recursive: true });
    await writeFile(path.join(folder, 'small', 'a.xml'), Buffer.alloc(100_000));
    await writeFile(path.join(folder, 'small', 'nested', 'b.html'), Buffer.alloc(200_000));
    await mkdir(path.join(folder, 'big', 'nested'), { recursive: true });
    await writeFile(path.join(folder, 'big', 'nested', 'weekly.xml'), Buffer.alloc(3 * mebibyte));
    await writeFile(path.join(folder, 'big', 'more.xml'), Buffer.alloc(1.5 * mebibyte));
    // 700 kB of gzip parses as about 4.2 MB of XML: just over the 4 MiB rule.
    await writeFile(path.join(folder, 'weekly.xml.gz'), Buffer.alloc(700_000));
    await writeFile(path.join(folder, 'plain.xml'), Buffer.alloc(700_000));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('counts files and folders recursively, gzip six times, URLs and missing paths not at all', async () => {
    expect(await inputBytes([path.join(folder, 'small')], Number.POSITIVE_INFINITY)).toBe(300_000);
    expect(await inputBytes([path.join(folder, 'weekly.xml.gz')])).toBe(4_200_000);
    expect(
      await inputBytes([
        path.join(folder, 'plain.xml'),
        'https://example.com/a.xml',
        path.join(folder, 'gone'),
      ]),
    ).toBe(700_000);
  });

  it('stops counting once there is enough to pick the pool', async () => {
    const counted = await inputBytes([path.join(folder, 'big'), path.join(folder, 'small')], 2 * mebibyte);
    expect(counted).toBeGreaterThanOrEqual(2 * mebibyte);
    expect(counted).toBeLessThan(4.5 * mebibyte + 300_000);
  });

  it('auto: inline below 4 MiB, else one thread per core but one, between one and four', async () => {
    expect(poolFromBytes).toBe(4 * mebibyte);
    const small = [path.join(folder, 'small'), path.join(folder, 'plain.xml')];
    expect(await resolveIngestThreads('auto', small, 2)).toBe(0);
    expect(await resolveIngestThreads('auto', [path.join(folder, 'big')], 2)).toBe(1);
    expect(await resolveIngestThreads('auto', [path.join(folder, 'weekly.xml.gz')], 1)).toBe(1);
    expect(await resolveIngestThreads('auto', [path.join(folder, 'big')], 4)).toBe(3);
    expect(await resolveIngestThreads('auto', [path.join(folder, 'big')], 32)).toBe(4);
  });

  it('auto with --bulk: a thread for every core (nothing is written while it analyses), at most four', async () => {
    const big = [path.join(folder, 'big')];
    expect(await resolveIngestThreads('auto', big, 2, { bulk: true })).toBe(2);
    expect(await resolveIngestThreads('auto', big, 1, { bulk: true })).toBe(1);
    expect(await resolveIngestThreads('auto', big, 32, { bulk: true })).toBe(4);
    expect(await resolveIngestThreads('auto', [path.join(folder, 'small')], 2, { bulk: true })).toBe(0);
  });

  it('a number is taken as given, 0 included', async () => {
    expect(await resolveIngestThreads('0', [path.join(folder, 'big')], 8)).toBe(0);
    expect(await resolveIngestThreads('2', [path.join(folder, 'small')], 8)).toBe(2);
  });
});
