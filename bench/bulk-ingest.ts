/**
 * The bulk path against the Cypher path, as a user runs them: `matscout ingest FILES` and `matscout
 * ingest --bulk FILES`, each into a new local Neo4j (started before the timed command), on the USPTO
 * weekly excerpts at each scale (1×, 10×: replicated with new publication numbers). The two commands
 * alternate so the machine's load hits them alike, the lxml reference runs beside them, and each graph's
 * nodes and relationships are counted by label and type, so the two paths are seen to load the same.
 *
 *   npm run bench:bulk-ingest [-- --scales 1,10] [--repeats 2] [--port 17893] [--out bench/results/bulk-ingest.json]
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { argument } from './support/argument.ts';
import { median, ratio } from './support/bench-neo4j.ts';
import { type CliIngestTiming, timeCliIngest } from './support/cli-ingest-timing.ts';
import { prepareLxmlReference } from './support/lxml-reference.ts';
import { replicateWeekly } from './support/replicate-uspto.ts';

const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const weeklyDir = path.join(sharedRoot, 'data', 'uspto-ipg-weekly-excerpts');
const scales = (argument('scales') ?? '1,10').split(',').map(Number);
const repeats = Number(argument('repeats') ?? 2);
const port = Number(argument('port') ?? 17893);
const outFile = argument('out') ?? 'bench/results/bulk-ingest.json';

/** Nodes by label and relationships by type: what a load must agree on. */
async function graphCounts(uri: string): Promise<Record<string, number>> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'), { disableLosslessIntegers: true });
  try {
    const counts: Record<string, number> = {};
    for (const query of [
      'MATCH (n) UNWIND labels(n) AS label RETURN label AS name, count(*) AS count',
      'MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS count',
    ]) {
      for (const record of (await driver.executeQuery(query)).records)
        counts[String(record.get('name'))] = Number(record.get('count'));
    }
    // Run records and audit events differ by the runs themselves (re-extraction runs, their events).
    for (const volatile of ['IngestRun', 'AuditEvent', 'Lease']) delete counts[volatile];
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  } finally {
    await driver.close();
  }
}

const summary = (timing: CliIngestTiming) => ({
  wallMs: timing.wallMs,
  exitCode: timing.exitCode,
  run: timing.run,
  runMs: timing.runMs,
  reextractionMs: timing.reextractionMs,
  bulkLoad: timing.bulkLoad ?? null,
  neo4jStartMs: timing.neo4jStartMs,
  neo4jMemory: timing.neo4jMemory ?? null,
  commandMemory: timing.commandMemory ?? null,
  graph: timing.graph,
});

async function main(): Promise<void> {
  const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
  const reference = await prepareLxmlReference(sharedRoot).catch((error: unknown) => ({
    error: error instanceof Error ? error.message : String(error),
  }));
  const work = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-bulk-'));
  const results: Record<string, unknown>[] = [];
  try {
    for (const scale of scales) {
      // 1× reads the weekly files as shipped (gzipped); larger scales are renumbered copies.
      const dir = path.join(work, `x${scale}`);
      const files =
        scale === 1
          ? weekly.map((name) => path.join(weeklyDir, name))
          : (await replicateWeekly(weeklyDir, weekly, dir, scale)).files;
      const runs: { cypher: CliIngestTiming[]; bulk: CliIngestTiming[]; referenceMs: number[] } = {
        cypher: [],
        bulk: [],
        referenceMs: [],
      };
      for (let i = 0; i < repeats; i++) {
        if (!('error' in reference)) runs.referenceMs.push(reference.run(files).seconds * 1000);
        for (const bulk of [false, true]) {
          const timing = await timeCliIngest(files, path.resolve('.data', 'bench-bulk-ingest'), port, {
            ...(bulk ? { args: ['--bulk'] } : {}),
            inspect: graphCounts,
          });
          console.log(JSON.stringify({ scale, bulk, ...summary(timing) }));
          (bulk ? runs.bulk : runs.cypher).push(timing);
        }
      }
      const cypherMs = median(runs.cypher.map((run) => run.wallMs));
      const bulkMs = median(runs.bulk.map((run) => run.wallMs));
      const referenceMs = runs.referenceMs.length > 0 ? median(runs.referenceMs) : null;
      const row = {
        scale,
        files: files.length,
        documents: runs.cypher[0]?.run?.added ?? null,
        referenceMs: referenceMs === null ? null : Math.round(referenceMs),
        cypherMs,
        bulkMs,
        bulkOverCypher: ratio(bulkMs, cypherMs),
        cypherOverReference: referenceMs ? Number((cypherMs / referenceMs).toFixed(1)) : null,
        bulkOverReference: referenceMs ? Number((bulkMs / referenceMs).toFixed(1)) : null,
        sameCounts: runs.bulk.every(
          (run) => JSON.stringify(run.graph) === JSON.stringify(runs.cypher[0]?.graph),
        ),
        runs: {
          cypher: runs.cypher.map(summary),
          bulk: runs.bulk.map(summary),
          referenceMs: runs.referenceMs,
        },
        loadAverage: os.loadavg().map((value) => Number(value.toFixed(1))),
      };
      results.push(row);
      console.log(
        JSON.stringify({ scale, cypherMs, bulkMs, ratio: row.bulkOverCypher, sameCounts: row.sameCounts }),
      );
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const output = {
    benchmark: 'bulk-ingest',
    corpus: `shared/data/uspto-ipg-weekly-excerpts (${weekly.length} weekly files; 10× and up replicated with new publication numbers)`,
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    at: new Date().toISOString(),
    note: 'wall time of the command, Neo4j started before it (untimed); medians of the repeats',
    results,
  };
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote ${outFile}`);
}

await main();
