import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import {
  checkBackupCompatibility,
  createGraphBackup,
  graphSchemaVersion,
  localNeo4jStatus,
  type Neo4jConnection,
  oldestReadableGraphSchemaVersion,
  readBackupHeader,
  restoreGraphBackup,
  startLocalNeo4j,
  stopLocalNeo4j,
  verifyBackupFile,
} from '../../graph/index.ts';
import { CliError, createOutput, integerFlag } from '../cli-output.ts';
import type { Config } from '../config.ts';
import { openGraph } from '../graph-connection.ts';

interface BackupFlags {
  home?: string;
  port?: string;
  json?: boolean;
}

/** The local instance a backup command works on, and whether this command started it. */
interface LocalTarget {
  connection: Neo4jConnection;
  home: string;
  startedHere: boolean;
}

/**
 * `--home DIR` names a local instance; without it the configured one. A configured server (NEO4J_URI:
 * Aura, a cluster) has its own backup tools, which know its storage; this command does not pretend to.
 */
async function openLocalTarget(config: Config, flags: BackupFlags, log: (line: string) => void) {
  if (!flags.home && config.neo4j.uri) {
    throw new CliError(
      `NEO4J_URI is set (${config.neo4j.uri}): back up that server with its own backup tools`,
      {
        hint: 'Aura: snapshots in the Aura console; a self-managed server or cluster: `neo4j-admin database dump` or `backup`; `matscout backup` covers a local instance (--home DIR)',
      },
    );
  }
  const home = path.resolve(flags.home ?? config.neo4j.localHome);
  const port =
    flags.port === undefined ? config.neo4j.localPort : integerFlag(flags.port, '--port', 1, 65535);
  const status = await localNeo4jStatus(home);
  let uri = status.running ? status.uri : undefined;
  let startedHere = false;
  if (!uri) {
    const started = await startLocalNeo4j({
      home,
      port,
      pageCacheMiB: config.neo4j.pageCacheMiB,
      heap: config.neo4j.heap,
      javaHome: config.neo4j.javaHome,
      log,
    });
    uri = started.uri ?? `bolt://127.0.0.1:${port}`;
    startedHere = !started.alreadyRunning;
  }
  const target: LocalTarget = {
    connection: {
      uri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      database: config.neo4j.database,
    },
    home,
    startedHere,
  };
  return target;
}

/** Opens (and migrates) the graph of the local target, so its schema version is recorded and current. */
async function migrated(config: Config, target: LocalTarget): Promise<void> {
  const graph = await openGraph({ ...config, neo4j: { ...config.neo4j, uri: target.connection.uri } });
  await graph.close();
}

async function withLocalTarget<T>(
  config: Config,
  flags: BackupFlags,
  log: (line: string) => void,
  work: (target: LocalTarget) => Promise<T>,
): Promise<T> {
  const target = await openLocalTarget(config, flags, log);
  try {
    return await work(target);
  } finally {
    // Leave the instance as it was found: stopped if this command had to start it.
    if (target.startedHere) await stopLocalNeo4j(target.home);
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** `matscout backup create|restore <file> [--home DIR]`. */
export function registerBackupCommand(program: Command, getConfig: () => Config): void {
  const backup = program
    .command('backup')
    .description(
      'back up or restore the whole graph of a local instance (reviews and audit events included)',
    );
  const withTarget = (command: Command) =>
    command
      .argument('<file>', 'backup file')
      .option('--home <dir>', 'data home of the local instance (default: $NEO4J_HOME or .data/neo4j)')
      .option('--port <n>', 'Bolt port if the instance has to be started (default: $NEO4J_PORT or 7687)')
      .option('--json', 'print JSON');

  withTarget(
    backup
      .command('create')
      .description('write every node and relationship, with versions and a checksum, to <file> (online)'),
  ).action(async (file: string, flags: BackupFlags) => {
    const config = getConfig();
    const output = createOutput(Boolean(flags.json));
    const target = path.resolve(file);
    const header = await withLocalTarget(config, flags, output.info, async (local) => {
      await migrated(config, local);
      return createGraphBackup(local.connection, target);
    });
    const size = (await stat(target)).size;
    output.result(
      { file: target, bytes: size, ...header },
      () =>
        `backed up ${header.counts.nodes} nodes and ${header.counts.relationships} relationships (graph schema ${header.graphSchemaVersion}) to ${target} (${mib(size)}, sha256 ${header.payload.sha256.slice(0, 12)}…)`,
    );
  });

  withTarget(
    backup
      .command('restore')
      .description(
        'replace the graph with a backup: the file is checked completely first; a bad file changes nothing',
      ),
  ).action(async (file: string, flags: BackupFlags) => {
    const config = getConfig();
    const output = createOutput(Boolean(flags.json));
    const source = path.resolve(file);
    // Refuse a bad or incompatible file before any instance is started or touched.
    checkBackupCompatibility((await readBackupHeader(source)).header, {
      graphSchemaVersion,
      oldestGraphSchemaVersion: oldestReadableGraphSchemaVersion,
    });
    await verifyBackupFile(source);
    const result = await withLocalTarget(config, flags, output.info, async (local) => {
      await migrated(config, local);
      return restoreGraphBackup(local.connection, source, {
        embeddingDimension: config.embeddings.dimension,
      });
    });
    output.result(
      { file: source, ...result },
      () =>
        `restored ${result.counts.nodes} nodes and ${result.counts.relationships} relationships from ${source} (backed up ${result.header.createdAt}, graph schema ${result.header.graphSchemaVersion})`,
    );
  });
}
