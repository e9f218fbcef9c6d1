import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputOf } from '../../bench/support/child-output.ts';
import { writeRenumberedCopy } from '../../bench/support/replicate-uspto.ts';
import type { Neo4jGraphStore } from '../../graph/index.ts';
import { createOfflineExtractor, runIngestion } from '../../ingest/index.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { fixture, repoRoot } from '../support/paths.ts';

/** Two real weekly excerpts: 25 grants + 2 sequence listings, and 196 design grants. */
const weeklyDir = fixture('uspto-ipg-weekly-excerpts');

async function documentsFrom(store: Neo4jGraphStore, originPrefix: string) {
  const result = await store.driver.executeQuery(
    `MATCH (d:Document) WHERE d.origin STARTS WITH $prefix
     OPTIONAL MATCH (c:Chunk {documentId: d.id})
     RETURN count(DISTINCT d) AS documents, count(DISTINCT d.id) AS ids, count(c) AS chunks`,
    { prefix: originPrefix },
  );
  const record = result.records[0];
  return {
    documents: Number(record?.get('documents')),
    ids: Number(record?.get('ids')),
    chunks: Number(record?.get('chunks')),
  };
}

describe('ingestion survives bad input and interruption', () => {
  let store: Neo4jGraphStore;
  const extractor = createOfflineExtractor();
  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
  });

  it('reports each bad item with a reason, ingests the rest and loses nothing earlier', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-bad-'));
    const good = path.join(dir, 'good');
    await mkdir(good);
    const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
    const goodFile = path.join(good, 'week.xml');
    const goodCount = await writeRenumberedCopy(
      path.join(weeklyDir, weekly[0] ?? ''),
      goodFile,
      70_000_000 + (process.pid % 1000) * 1000,
    );
    const first = await runIngestion({ store, extractor }, { inputs: [good] });
    expect(first.counts.added).toBeGreaterThan(0);
    const before = await documentsFrom(store, good);

    const bad = path.join(dir, 'bad');
    await mkdir(bad);
    const grant = (await readFile(goodFile, 'utf8')).split('<?xml').filter(Boolean)[0] ?? '';
    await writeFile(path.join(bad, 'truncated.xml'), `<?xml${grant.slice(0, Math.floor(grant.length / 2))}`);
    await writeFile(
      path.join(bad, 'garbage.pdf'),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x9c)]),
    );
    await writeFile(path.join(bad, 'empty.txt'), '');
    await writeFile(
      path.join(bad, 'huge-line.txt'),
      'polypropylene '.repeat(Math.ceil((50 * 1024 * 1024) / 14)),
    );
    await copyFile(fixture('billion-laughs-grant.xml'), path.join(bad, 'billion-laughs.xml'));
    await writeFile(
      path.join(bad, 'latin1-release.txt'),
      Buffer.from(
        'Caf\xe9 r\xe9sine: polypropyl\xe8ne film for food packaging.\n\nZ\xfcrich, March 3, 2025 -- A polypropylene film for food packaging was launched.\n',
        'latin1',
      ),
    );
    const second = await runIngestion({ store, extractor }, { inputs: [bad, good] });
    const reasons = new Map(
      second.errors.map((error) => [path.basename(error.item.split('#')[0] ?? ''), error.reason]),
    );
    expect(reasons.get('truncated.xml')).toMatch(/truncated|malformed/i);
    expect(reasons.get('garbage.pdf')).toMatch(/pdf/i);
    expect(reasons.get('empty.txt')).toMatch(/empty/i);
    expect(reasons.get('huge-line.txt')).toMatch(/too large|limit|MiB/i);
    expect(goodCount).toBeGreaterThan(0);
    // Every good document is met again unchanged (the bad folder may add a document of its own).
    expect(second.counts.unchanged).toBeGreaterThanOrEqual(first.counts.added);
    expect(second.counts.added + second.counts.unchanged).toBeGreaterThanOrEqual(first.counts.added);
    expect(second.status).toBe('partial');
    // The billion-laughs file is never expanded: it fails or parses without entity expansion.
    const laughs = await store.driver.executeQuery(
      `MATCH (d:Document) WHERE d.origin ENDS WITH 'billion-laughs.xml' RETURN max(size(d.text)) AS size`,
    );
    expect(Number(laughs.records[0]?.get('size') ?? 0)).toBeLessThan(100_000);
    expect(await documentsFrom(store, good)).toEqual(before);
  });

  it('reports a directory it may not read and goes on', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-perm-'));
    const locked = path.join(dir, 'locked');
    await mkdir(locked);
    await writeFile(path.join(locked, 'a.txt'), 'x');
    await chmod(locked, 0o000);
    await chmod(dir, 0o755);
    // Root reads anything, so as root the walk runs without the capabilities that bypass file
    // permissions (it stays uid 0, so it can still read the checkout wherever CI cloned it).
    const script = `import { expandInputs } from ${JSON.stringify(path.join(repoRoot, 'ingest/sources/input-items.ts'))};
      const items = []; for await (const item of expandInputs([${JSON.stringify(dir)}])) items.push(item);
      console.log(JSON.stringify(items));`;
    const nodeArgs = ['--import', 'tsx', '--input-type=module', '-e', script];
    const asRoot = process.getuid?.() === 0;
    const command = asRoot ? 'setpriv' : process.execPath;
    const args = asRoot
      ? ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, ...nodeArgs]
      : nodeArgs;
    const { code, stdout, stderr } = await outputOf(
      spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    if (code !== 0) throw new Error(stderr);
    const items = JSON.parse(stdout);
    expect(items).toEqual([
      { kind: 'error', item: locked, reason: expect.stringMatching(/EACCES|permission/), retryable: false },
    ]);
  });

  it('a run killed midway completes on re-run without duplicates', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-kill-'));
    const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
    let expected = 0;
    for (const [index, name] of weekly.entries()) {
      expected += await writeRenumberedCopy(
        path.join(weeklyDir, name),
        path.join(dir, `week-${index}.xml`),
        60_000_000 + (process.pid % 1000) * 10_000 + index * 1000,
      );
    }
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin/matscout.js'), 'ingest', dir, '--json', '--batch-size', '10'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          ...testNeo4jEnv(),
        },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const { documents } = await documentsFrom(store, dir);
      if (documents >= 30) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    await exited;
    const partial = await documentsFrom(store, dir);
    expect(partial.documents).toBeGreaterThan(0);
    expect(partial.documents).toBeLessThan(expected);

    const resumed = await runIngestion({ store, extractor }, { inputs: [dir] });
    // The weekly files hold 2 sequence listings: renumbered too, reported as failures, never documents.
    expect(resumed.errors.every((error) => /sequence-cwu/.test(error.reason))).toBe(true);
    const grants = expected - resumed.counts.failed;
    expect(resumed.counts.unchanged).toBe(partial.documents);
    expect(resumed.counts.added).toBe(grants - partial.documents);
    const complete = await documentsFrom(store, dir);
    expect(complete.documents).toBe(grants);
    expect(complete.ids).toBe(grants);
    const duplicateChunks = await store.driver.executeQuery(
      `MATCH (c:Chunk) WHERE c.documentId STARTS WITH 'patent:US6' OR c.documentId STARTS WITH 'patent:US7'
       WITH c.documentId AS documentId, c.index AS index, count(*) AS copies WHERE copies > 1 RETURN count(*) AS bad`,
    );
    expect(duplicateChunks.records[0]?.get('bad')).toBe(0);
  });
});
