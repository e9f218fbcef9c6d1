import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { deleteAllNodes, Neo4jAuditLog, type Neo4jGraphStore, Neo4jSourceStore } from '../../graph/index.ts';
import { errorLines, runCli } from '../support/cli.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { census, documentIdOf, ingestFiles, referencesTo, sampleFiles } from '../support/graph-census.ts';
import { repoRoot } from '../support/paths.ts';

const neo4jEnv = () => ({
  ...testNeo4jEnv(),
  LOG_LEVEL: 'silent',
});

/** The suite's own local instance (see the global setup); `backup --home` works on it. */
const testHome = process.env.MATSCOUT_TEST_NEO4J_HOME ?? path.join(repoRoot, '.data', 'neo4j-test');
const localEnv = () => ({ NEO4J_URI: '', LOG_LEVEL: 'silent' });

const materials = ['polypropylene', 'polyethylene', 'polycarbonate', 'polyamide', 'polystyrene'];
const applications = ['automotive bumper', 'food packaging', 'medical device', 'battery separator', 'pipe'];

/** A short press release of our own naming one material and one application. */
function release(index: number): string {
  const material = materials[index % materials.length] as string;
  const application = applications[Math.floor(index / materials.length) % applications.length] as string;
  const day = (index % 27) + 1;
  return `# Release ${index}: ${material} for ${application}

OSAKA, March ${day}, 2025 /Sample Wire/ -- Maker ${index} said its ${material} is used in ${application} parts, batch ${index}.

The ${material} grade ${index} offers heat resistance for ${application} makers.
`;
}

describe('matscout documents rm, sources rm --documents and backup (CLI on the test Neo4j)', () => {
  const store: Neo4jGraphStore = openTestStore();
  const auditLog = new Neo4jAuditLog(store.driver);
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'matscout-cli-retraction-'));
  });
  beforeEach(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
  });
  afterAll(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('documents rm: --dry-run changes nothing, then retracts with a reason; a missing id is one clear line', async () => {
    await ingestFiles(store, sampleFiles);
    const id = await documentIdOf(store.driver, sampleFiles[1] as string);
    const before = await census(store.driver);

    const dry = await runCli(['documents', 'rm', id, 'news:nope', '--dry-run', '--json'], neo4jEnv());
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan).toMatchObject({ dryRun: true, documentIds: [id], missing: ['news:nope'] });
    expect(plan.counts.chunks).toBeGreaterThan(0);
    expect(await census(store.driver)).toEqual(before);

    const done = await runCli(['documents', 'rm', id, '--reason', 'ingested by mistake'], neo4jEnv());
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('retracted 1 document');
    expect(done.stdout).toContain(`chunks ${plan.counts.chunks},`);
    expect(await store.getDocument(id)).toBeUndefined();
    expect(await referencesTo(store.driver, id)).toEqual([]);
    const events = await auditLog.listForTarget(id);
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toBe(`cli:${os.userInfo().username}`);
    expect(events[0]?.details.reason).toBe('ingested by mistake');

    const again = await runCli(['documents', 'rm', id], neo4jEnv());
    expect(again.code).toBe(1);
    expect(errorLines(again.stderr)).toEqual([
      `error: no document '${id}' (already retracted, or never ingested)`,
      'hint: nothing was changed',
    ]);
  });

  it('sources rm --documents retracts what the source ingested and removes it', async () => {
    const folder = path.join(directory, 'source');
    const files = [0, 1, 2].map((index) => path.join(folder, `release-${index}.md`));
    await rm(folder, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
    for (const [index, file] of files.entries()) await writeFile(file, release(index));
    const sources = new Neo4jSourceStore(store.driver);
    const at = new Date().toISOString();
    await sources.saveSource({
      id: 'mistake',
      name: 'mistake',
      spec: { type: 'folder', path: folder },
      cursor: {},
      createdAt: at,
      updatedAt: at,
    });
    // A run of the source: its IngestRun carries the source id as its label, as the scheduler's runs do.
    await ingestFiles(store, files, 'mistake');
    await ingestFiles(store, sampleFiles.slice(0, 2));
    const ids = await Promise.all(files.map((file) => documentIdOf(store.driver, file)));

    const misuse = await runCli(['sources', 'rm', 'mistake', '--dry-run'], neo4jEnv());
    expect(misuse.code).toBe(1);
    expect(errorLines(misuse.stderr)[0]).toBe('error: --dry-run and --reason go with --documents');

    const dry = await runCli(['sources', 'rm', 'mistake', '--documents', '--dry-run', '--json'], neo4jEnv());
    expect(dry.code, dry.stderr).toBe(0);
    expect([...JSON.parse(dry.stdout).documentIds].sort()).toEqual([...ids].sort());
    expect(await sources.getSource('mistake')).toBeDefined();

    const done = await runCli(
      ['sources', 'rm', 'mistake', '--documents', '--reason', 'wrong folder'],
      neo4jEnv(),
    );
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('retracted 3 documents');
    expect(done.stdout).toContain('removed source mistake');
    expect(await sources.getSource('mistake')).toBeUndefined();
    for (const id of ids) expect(await store.getDocument(id)).toBeUndefined();
    expect((await census(store.driver)).labels.Document).toBe(2);
  });

  it('a retraction killed midway leaves every document whole or wholly gone', async () => {
    const folder = path.join(directory, 'many');
    await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
    const files: string[] = [];
    for (let index = 0; index < 24; index += 1) {
      const file = path.join(folder, `release-${index}.md`);
      await writeFile(file, release(index));
      files.push(file);
    }
    await ingestFiles(store, files);
    const ids = await Promise.all(files.map((file) => documentIdOf(store.driver, file)));
    const shape = async (id: string) => {
      const { records } = await store.driver.executeQuery(
        `OPTIONAL MATCH (d:Document {id: $id})
         RETURN d IS NOT NULL AS exists,
                COUNT { MATCH (c:Chunk {documentId: $id}) } AS chunks,
                COUNT { MATCH (:Chunk {documentId: $id})-[:MENTIONS]->() } AS mentions,
                COUNT { MATCH (f:Fact {documentId: $id}) } AS facts`,
        { id },
      );
      return records[0]?.toObject() as { exists: boolean; chunks: number; mentions: number; facts: number };
    };
    const whole = new Map<string, Awaited<ReturnType<typeof shape>>>();
    for (const id of ids) whole.set(id, await shape(id));

    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin', 'matscout.js'), 'documents', 'rm', ...ids],
      {
        cwd: repoRoot,
        env: { ...process.env, ...neo4jEnv() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (data) => {
      stderr += data;
      if (/retracted \S+ \(1\//.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/retracted \S+ \(1\/24\)/);

    let gone = 0;
    for (const id of ids) {
      const now = await shape(id);
      if (now.exists) {
        expect(now).toEqual(whole.get(id));
        expect(await auditLog.listForTarget(id)).toEqual([]);
      } else {
        gone += 1;
        expect(now).toEqual({ exists: false, chunks: 0, mentions: 0, facts: 0 });
        expect(await auditLog.listForTarget(id)).toHaveLength(1);
      }
    }
    expect(gone).toBeGreaterThanOrEqual(1);
    // Fast paths agree with the facts left behind.
    const { records } = await store.driver.executeQuery(
      `MATCH (m:Material)<-[:SUBJECT]-(f:Fact {type: 'USED_IN'})-[:OBJECT]->(a:Application)
       WITH m, a, count(DISTINCT f.documentId) AS documents
       OPTIONAL MATCH (m)-[u:USED_IN]->(a)
       WITH documents, u WHERE u IS NULL OR u.docCount <> documents
       RETURN count(*) AS wrong`,
    );
    expect(Number(records[0]?.get('wrong'))).toBe(0);
    const stale = await store.driver.executeQuery(
      `MATCH (m:Material)-[:USED_IN]->(a:Application)
       WHERE NOT EXISTS { MATCH (m)<-[:SUBJECT]-(:Fact {type: 'USED_IN'})-[:OBJECT]->(a) }
       RETURN count(*) AS stale`,
    );
    expect(Number(stale.records[0]?.get('stale'))).toBe(0);
    // Running the same command again finishes the job (documents already gone count as missing).
    const rerun = await runCli(['documents', 'rm', ...ids, '--json'], neo4jEnv());
    if (gone < ids.length) {
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(JSON.parse(rerun.stdout).documentIds).toHaveLength(ids.length - gone);
      expect(JSON.parse(rerun.stdout).missing).toHaveLength(gone);
    } else {
      expect(rerun.code).toBe(1);
    }
    expect((await census(store.driver)).labels.Document ?? 0).toBe(0);
  });

  it('backup create and restore --home: wipe in between, everything comes back', async () => {
    await ingestFiles(store, sampleFiles);
    await auditLog.record({
      id: 'audit:cli-backup',
      type: 'review',
      actor: 'key_x',
      at: '2026-01-01T00:00:00.000Z',
      targetId: 'suggestion:x',
      details: { decision: 'accept' },
    });
    const before = await census(store.driver);
    const file = path.join(directory, 'graph.backup');

    const created = await runCli(['backup', 'create', file, '--home', testHome, '--json'], localEnv());
    expect(created.code, created.stderr).toBe(0);
    const header = JSON.parse(created.stdout);
    expect(header).toMatchObject({
      file,
      formatVersion: 1,
      counts: { labels: before.labels, types: before.types },
    });

    await deleteAllNodes(store.driver);
    const restored = await runCli(['backup', 'restore', file, '--home', testHome], localEnv());
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^restored \d+ nodes and \d+ relationships from /);
    expect(await census(store.driver)).toEqual(before);
    expect(await auditLog.listForTarget('suggestion:x')).toHaveLength(1);

    const corrupt = path.join(directory, 'corrupt.backup');
    const bytes = await readFile(file);
    await writeFile(corrupt, bytes.subarray(0, bytes.length - 1000));
    const refused = await runCli(['backup', 'restore', corrupt, '--home', testHome], localEnv());
    expect(refused.code).toBe(1);
    const lines = errorLines(refused.stderr);
    expect(lines[0]).toMatch(/^error: backup file .* is truncated or corrupt/);
    expect(lines).toHaveLength(2);
    expect(await census(store.driver)).toEqual(before);
  });

  it('with NEO4J_URI set and no --home, backup points to the server’s own backup', async () => {
    const result = await runCli(['backup', 'create', path.join(directory, 'x.backup')], neo4jEnv());
    expect(result.code).toBe(1);
    const lines = errorLines(result.stderr);
    expect(lines[0]).toBe(
      `error: NEO4J_URI is set (${inject('neo4jUri')}): back up that server with its own backup tools`,
    );
    expect(lines[1]).toMatch(/^hint: Aura: snapshots/);
  });
});
