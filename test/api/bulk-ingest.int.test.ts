import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, runCli, startCli } from '../support/cli.ts';
import { freePort } from '../support/free-port.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * `matscout ingest --bulk` must leave the graph `matscout ingest` leaves: the same inputs (news, stated
 * uses, patents with assignees, a catalog's products, mined terms promoted) go into two new local
 * Neo4j instances, one each way, and the two graphs are compared node by node and relationship by
 * relationship. Each instance is its own, since the bulk path stops its server to import.
 */

const fixtures = path.join(repoRoot, 'test', 'fixtures');
const inputs = [
  path.join(fixtures, 'sample-wire'),
  path.join(fixtures, 'stated-uses', 'news'),
  path.join(fixtures, 'uspto-ipg-weekly-excerpts'),
  path.join(fixtures, 'news'),
];

/**
 * Run records and audit events name their run and time; everything else must match, except how many
 * batches were written with an older vocabulary than the graph's (a count for re-extractions running
 * beside a run, kept on the version node; the bulk path writes no batches).
 */
const runLabels = new Set(['IngestRun', 'AuditEvent', 'Lease']);
const volatileKeys = /^at$|At$|^ingestRunId$|^durationMs$|^writtenBehind$/;

type Value = unknown;

/**
 * A value as compared: numbers by value (the Cypher path itself stores a count as an integer or a float
 * depending on which statement wrote it last), lists as sets of their values (their order is the
 * order rows were written or read, which the two paths do not share).
 */
function comparable(value: Value): Value {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(comparable).sort((a, b) => (String(a) < String(b) ? -1 : 1));
  if (value !== null && typeof value === 'object') return String(value);
  return value;
}

function properties(labels: string[], raw: Record<string, Value>): Record<string, Value> {
  const kept = Object.keys(raw)
    .filter((key) => !volatileKeys.test(key))
    .sort();
  const result: Record<string, Value> = {};
  for (const key of kept) result[key] = comparable(raw[key]);
  // The alias text is the aliases joined in their order (checked below); compared as its words.
  if (typeof raw.aliasText === 'string') result.aliasText = comparable(raw.aliasText.split(' '));
  // A promoted candidate keeps the count of when it was promoted: during the run (Cypher path) or
  // after the load and the re-extraction that took its occurrences away (bulk path).
  if (labels.includes('TermCandidate') && raw.promoted === true)
    for (const key of ['support', 'surfaces', 'cues', 'occurrences', 'head', 'openSupport'])
      delete result[key];
  return result;
}

/** Every node and relationship of the graph, as sorted lines; and every alias text checked. */
async function graphLines(port: number): Promise<string[]> {
  const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    const { records: nodes } = await driver.executeQuery(
      'MATCH (n) RETURN elementId(n) AS element, labels(n) AS labels, properties(n) AS properties',
    );
    const names = new Map<string, string>();
    const lines: string[] = [];
    for (const record of nodes) {
      const labels = [...(record.get('labels') as string[])].sort();
      const raw = record.get('properties') as Record<string, Value>;
      if (labels.includes('Entity') && Array.isArray(raw.aliases))
        expect(raw.aliasText).toBe((raw.aliases as string[]).reduce((text, a) => `${text} ${a}`, ''));
      const name = `${labels.join(':')}|${String(raw.id ?? JSON.stringify(properties(labels, raw)))}`;
      names.set(String(record.get('element')), name);
      if (labels.some((label) => runLabels.has(label))) continue;
      lines.push(`node ${name} ${JSON.stringify(properties(labels, raw))}`);
    }
    const { records: relationships } = await driver.executeQuery(
      'MATCH (a)-[r]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(r) AS type, properties(r) AS properties',
    );
    for (const record of relationships) {
      const start = names.get(String(record.get('a'))) as string;
      const end = names.get(String(record.get('b'))) as string;
      if ([...runLabels].some((label) => start.startsWith(label) || end.startsWith(label))) continue;
      lines.push(
        `${start} -${record.get('type')}-> ${end} ${JSON.stringify(properties([], record.get('properties')))}`,
      );
    }
    return lines.sort();
  } finally {
    await driver.close();
  }
}

describe('matscout ingest --bulk', () => {
  const homes: { dir: string; env: NodeJS.ProcessEnv }[] = [];
  afterAll(async () => {
    for (const home of homes) {
      await runCli(['neo4j', 'stop'], home.env);
      await rm(home.dir, { recursive: true, force: true });
    }
  });

  async function newHome(): Promise<{ port: number; env: NodeJS.ProcessEnv }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-bulk-'));
    const port = await freePort();
    const env = { MATSCOUT_DATA_DIR: dir, NEO4J_PORT: String(port), NEO4J_URI: '', LLM_PROVIDER: 'none' };
    homes.push({ dir, env });
    const catalog = await runCli(['products', 'import', path.join(repoRoot, 'samples', 'catalog.json')], env);
    expect(catalog.code, catalog.stderr).toBe(0);
    return { port, env };
  }

  it('leaves the graph the Cypher path leaves, refuses a graph with documents, and loses nothing', async () => {
    const cypher = await newHome();
    const viaCypher = await runCli(['ingest', '--json', ...inputs], cypher.env, 300_000);
    expect(viaCypher.code, viaCypher.stderr).toBe(0);
    const bulk = await newHome();
    const viaBulk = await runCli(['ingest', '--bulk', '--json', ...inputs], bulk.env, 300_000);
    expect(viaBulk.code, viaBulk.stderr).toBe(0);

    const cypherRun = JSON.parse(viaCypher.stdout);
    const bulkResult = JSON.parse(viaBulk.stdout);
    // The same documents read, the same failures reported with their reasons.
    expect(bulkResult.run.counts.added).toBe(cypherRun.counts.added);
    expect(bulkResult.run.counts.added).toBeGreaterThan(200);
    expect(bulkResult.run.errors.map((e: { reason: string }) => e.reason).sort()).toEqual(
      cypherRun.errors.map((e: { reason: string }) => e.reason).sort(),
    );
    expect(bulkResult.load.documents).toBe(cypherRun.counts.added);
    // Mined terms were promoted after the load, and the documents naming them extracted again.
    expect(bulkResult.run.counts.promoted).toBeGreaterThan(0);
    expect(bulkResult.reextraction.status).toBe('succeeded');

    const expected = await graphLines(cypher.port);
    const actual = await graphLines(bulk.port);
    expect(expected.length).toBeGreaterThan(10_000);
    const missing = expected.filter((line) => !actual.includes(line));
    const extra = actual.filter((line) => !expected.includes(line));
    expect({ missing: missing.slice(0, 5), extra: extra.slice(0, 5) }).toEqual({ missing: [], extra: [] });
    expect(actual.length).toBe(expected.length);
    // The run record came through the load with the rest of the graph, with the terms it promoted.
    const driver = neo4j.driver(`bolt://127.0.0.1:${bulk.port}`, neo4j.auth.basic('neo4j', 'neo4j'));
    try {
      const { records } = await driver.executeQuery(
        'MATCH (r:IngestRun {id: $id}) RETURN r.status AS status',
        { id: bulkResult.run.id },
      );
      expect(records.map((record) => record.get('status'))).toEqual([bulkResult.run.status]);
    } finally {
      await driver.close();
    }

    // A second bulk load into a graph with documents is refused with its reason, and changes nothing.
    const again = await runCli(['ingest', '--bulk', inputs[0] as string], bulk.env, 120_000);
    expect(again.code).toBe(1);
    expect(errorLines(again.stderr).join('\n')).toMatch(/only loads a graph with no documents/);
    expect(errorLines(again.stderr).join('\n')).toMatch(/hint: use matscout ingest without --bulk/);
    expect(await graphLines(bulk.port)).toEqual(actual);
  }, 600_000);

  it('loads nothing when stopped (Ctrl-C), and the same command then loads everything', async () => {
    // The last input is a URL whose server sends the headers and then nothing: the stop comes there.
    let requested: () => void = () => {};
    const request = new Promise<void>((resolve) => {
      requested = resolve;
    });
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/markdown' });
      response.write('# A release that never ends\n\n');
      requested();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const home = await newHome();
      const env = { ...home.env, URL_ALLOW_LIST: '127.0.0.1' };
      const stalled = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stalled.md`;
      const cli = startCli(['ingest', '--bulk', inputs[0] as string, stalled], env);
      await request;
      cli.child.kill('SIGINT');
      const stopped = await cli.exited;
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(stopped.stdout).toMatch(/run run-[\w-]+: cancelled/);
      const documents = async () => {
        const driver = neo4j.driver(`bolt://127.0.0.1:${home.port}`, neo4j.auth.basic('neo4j', 'neo4j'));
        try {
          const { records } = await driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n');
          return neo4j.integer.toNumber(records[0]?.get('n'));
        } finally {
          await driver.close();
        }
      };
      expect(await documents()).toBe(0);
      const again = await runCli(['ingest', '--bulk', '--json', inputs[0] as string], env, 300_000);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).run.counts.added).toBe(6);
      expect(await documents()).toBe(6);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 600_000);

  it('refuses a server it does not run (NEO4J_URI)', async () => {
    const result = await runCli(['ingest', '--bulk', inputs[0] as string], {
      NEO4J_URI: 'bolt://127.0.0.1:1',
    });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)[0]).toMatch(/--bulk loads the local Neo4j only/);
  });
});
