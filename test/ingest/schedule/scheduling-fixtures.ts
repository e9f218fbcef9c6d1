import { chmod, copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../../api/config.ts';
import type { GraphConnection, GraphStore, RunJobStore } from '../../../graph/index.ts';
import { openTestStore, testNeo4jEnv, uniqueId } from '../../support/graph.ts';
import { fixture, repoRoot } from '../../support/paths.ts';

/** Real CC0 press releases from test/fixtures, copied under distinct names. */
export const articleFiles = [
  'newmediawire/2026/0529/None.md',
  'newmediawire/2026/0512/None.md',
  'newmediawire/2026/0624/None.md',
  'newmediawire/2024/1021/hydromer-inc-announces-the-restructuring-and-formation-of-world-class-research-and-development-division-to-drive-innovation-and-new-product-development.md',
  'newmediawire/2024/0912/aclarion-provides-corporate-update-on-nociscan-ai-technology-milestones.md',
].map((file) => fixture('news-press-releases-materials', 'articles', file));

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `matscout-${prefix}-`));
}

/** Copies article `index` into `folder` as `name` (writable, so tests can touch it). */
export async function addArticle(folder: string, index: number, name: string): Promise<string> {
  const target = path.join(folder, name);
  await copyFile(articleFiles[index] as string, target);
  await chmod(target, 0o644);
  return target;
}

/** A small Markdown press release no other test wrote (a unique company), so `added` counts hold. */
export function pressRelease(material: string): string {
  const company = uniqueId('Acme').replace(/-/g, '');
  return `# ${company} introduces ${material} for automotive lightweighting

BERLIN, June 2, 2026 - ${company} today announced a new ${material} grade for structural battery housings in electric vehicles.

The ${material} offers high stiffness and flame retardancy, and is suited for use in battery enclosures and connectors.
`;
}

/** Writes a fresh press release into `folder` as `name`. */
export async function addPressRelease(
  folder: string,
  name: string,
  material = 'polyamide 66',
): Promise<string> {
  const target = path.join(folder, name);
  await writeFile(target, pressRelease(material));
  return target;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      ...testNeo4jEnv(),
      LOG_LEVEL: 'silent',
      ...env,
    },
    repoRoot,
  );
}

/** A GraphConnection on the suite's Neo4j, as openGraph returns it. */
export async function testGraph(): Promise<GraphConnection> {
  const store = openTestStore();
  await store.migrate();
  return {
    store,
    driver: store.driver,
    uri: inject('neo4jUri'),
    startedLocal: false,
    close: () => store.close(),
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The run once it has finished (any status but queued or running). */
export function finishedRun(
  store: Pick<GraphStore, 'getIngestRun'>,
  runId: string,
  timeoutMs = 90_000,
  what = `run ${runId}`,
) {
  return waitFor(
    async () => {
      const run = await store.getIngestRun(runId);
      return run && run.status !== 'queued' && run.status !== 'running' ? run : undefined;
    },
    timeoutMs,
    what,
  );
}

/** The run's job once an executor marked it completed (the run record is saved just before). */
export function completedJob(jobs: Pick<RunJobStore, 'getJob'>, runId: string) {
  return waitFor(
    async () => {
      const job = await jobs.getJob(runId);
      return (job?.completions ?? 0) > 0 ? job : undefined;
    },
    30_000,
    `the job of run ${runId} to be marked completed`,
  );
}

/** How many documents the graph holds per origin (a document stored twice counts 2). */
export async function storedPerOrigin(driver: Driver, origins: string[]): Promise<Record<string, number>> {
  const result = await driver.executeQuery(
    'MATCH (d:Document) WHERE d.origin IN $origins RETURN d.origin AS origin, count(d) AS n',
    { origins },
  );
  return Object.fromEntries(result.records.map((record) => [record.get('origin'), Number(record.get('n'))]));
}
