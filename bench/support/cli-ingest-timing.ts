import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pidFile, startLocalNeo4j, stopLocalNeo4j } from '../../graph/index.ts';
import { outputOf } from './child-output.ts';
import { type ResourceSample, sampleResources } from './resource-sampler.ts';

/** `matscout ingest` of some files as a user runs it, into a new local Neo4j. */
export interface CliIngestTiming {
  command: string;
  /** dist/ (compiled JavaScript) or the TypeScript sources through tsx. */
  ranCompiled: boolean;
  /** Starting the new, empty Neo4j (`matscout neo4j start`): before the timed command, not in it. */
  neo4jStartMs: number;
  /** Wall time of the command: node start-up, connection, schema, seeding, ingestion, promotion. */
  wallMs: number;
  exitCode: number | null;
  run: { documents: number; added: number; failed: number; chunks: number; mentions: number } | null;
  /** The ingestion run's own duration, and the re-extraction's after mined terms were promoted. */
  runMs: number | null;
  reextractionMs: number | null;
  /** The command's own log lines (stderr), e.g. whether it used the worker-thread pool. */
  log: string[];
  /** The server's resident memory, followed across a restart (the bulk path stops and starts it). */
  neo4jMemory?: ResourceSample['neo4j'];
  /** The command's own resident memory. */
  commandMemory?: ResourceSample['child'];
  /** `--bulk`: the load's stages (CSV, import, restart and schema, support and re-extraction). */
  bulkLoad?: Record<string, number>;
  /** What `inspect` read of the graph before the instance was stopped. */
  graph?: unknown;
}

export interface CliIngestOptions {
  /** More arguments for `matscout ingest`, e.g. `--bulk`. */
  args?: string[];
  /** Reads the graph the command left (e.g. its counts), before the instance is stopped. */
  inspect?: (uri: string) => Promise<unknown>;
}

const memory = (sample: ResourceSample) => ({
  ...(sample.neo4j ? { neo4jMemory: sample.neo4j } : {}),
  ...(sample.child ? { commandMemory: sample.child } : {}),
});

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** True when bin/matscout.js will run dist/: its stamp is newer than every TypeScript source. */
function compiledIsCurrent(): boolean {
  const stamp = path.join(root, 'dist', 'build-stamp.json');
  if (!existsSync(stamp)) return false;
  const { builtAt } = JSON.parse(readFileSync(stamp, 'utf8')) as { builtAt: number };
  return ['agent', 'api', 'graph', 'ingest', 'prompts'].every((folder) =>
    readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .every((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs <= builtAt),
  );
}

/**
 * Builds dist/ when it is stale (as `npm install` would have), starts a new local Neo4j in `home` on
 * `port` (untimed), then times `node bin/matscout.js ingest FILES --json` against it, and stops it.
 */
export async function timeCliIngest(
  files: string[],
  home: string,
  port: number,
  options: CliIngestOptions = {},
): Promise<CliIngestTiming> {
  if (!compiledIsCurrent()) {
    const build = spawnSync(process.execPath, [path.join(root, 'bin', 'build-dist.js')], {
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr.slice(-400)}`);
  }
  const ranCompiled = compiledIsCurrent();
  await rm(home, { recursive: true, force: true });
  // The user's own NEO4J_URI would point the command elsewhere: the local instance of `home` is meant.
  const { NEO4J_URI: _unused, ...inherited } = process.env;
  const env = { ...inherited, NEO4J_HOME: home, NEO4J_PORT: String(port), LLM_PROVIDER: 'none' };
  const startedNeo4j = performance.now();
  await startLocalNeo4j({ home, port, pageCacheMiB: 512, heap: '2g', log: () => {} });
  const neo4jStartMs = performance.now() - startedNeo4j;
  let commandPid: number | undefined;
  // The pid record of `home`, read at each sample: `--bulk` stops the server and starts a new one.
  const serverPid = (): number | undefined => {
    try {
      return (JSON.parse(readFileSync(pidFile(home), 'utf8')) as { pid?: number }).pid;
    } catch {
      return undefined;
    }
  };
  const stopSampling = sampleResources({ neo4jPid: serverPid, childPid: () => commandPid });
  try {
    const args = [
      path.join(root, 'bin', 'matscout.js'),
      'ingest',
      ...(options.args ?? []),
      ...files,
      '--json',
    ];
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    commandPid = child.pid;
    const { code, stdout, stderr } = await outputOf(child);
    const wallMs = performance.now() - started;
    let run: CliIngestTiming['run'] = null;
    let runMs: number | null = null;
    let reextractionMs: number | null = null;
    let bulkLoad: Record<string, number> | undefined;
    try {
      type Run = {
        counts: { documents: number; added: number; failed: number; chunks: number; mentions: number };
        durationMs?: number;
        reextraction?: { durationMs?: number };
      };
      // `--bulk` prints the run, the load and the re-extraction side by side.
      const printed = JSON.parse(stdout) as
        | Run
        | { run: Run; load?: Record<string, number>; reextraction?: { durationMs?: number } };
      const parsed: Run =
        'run' in printed
          ? { ...printed.run, ...(printed.reextraction ? { reextraction: printed.reextraction } : {}) }
          : printed;
      if ('run' in printed) bulkLoad = printed.load;
      const { documents, added, failed, chunks, mentions } = parsed.counts;
      run = { documents, added, failed, chunks, mentions };
      runMs = parsed.durationMs ?? null;
      reextractionMs = parsed.reextraction ? (parsed.reextraction.durationMs ?? null) : null;
    } catch {
      run = null;
    }
    const graph = options.inspect ? await options.inspect(`bolt://127.0.0.1:${port}`) : undefined;
    return {
      command: `node bin/matscout.js ingest ${(options.args ?? []).map((arg) => `${arg} `).join('')}<${files.length} files> --json`,
      ranCompiled,
      neo4jStartMs: Math.round(neo4jStartMs),
      wallMs: Math.round(wallMs),
      exitCode: code,
      run,
      runMs,
      reextractionMs,
      log: stderr.trim().split('\n').filter(Boolean).slice(-12),
      ...memory(stopSampling()),
      ...(bulkLoad ? { bulkLoad } : {}),
      ...(graph === undefined ? {} : { graph }),
    };
  } finally {
    stopSampling();
    await stopLocalNeo4j(home);
  }
}
