import type { Command } from 'commander';
import {
  fetchNeo4jJars,
  homeHasData,
  localNeo4jStatus,
  probeBolt,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../../graph/index.ts';
import { createOutput, integerFlag } from '../cli-output.ts';
import type { Config } from '../config.ts';

interface Neo4jFlags {
  home?: string;
  port?: string;
  json?: boolean;
}

function target(config: Config, flags: Neo4jFlags): { home: string; port: number } {
  const port =
    flags.port === undefined ? config.neo4j.localPort : integerFlag(flags.port, '--port', 1, 65535);
  return { home: flags.home ?? config.neo4j.localHome, port };
}

/** `matscout neo4j fetch|start|stop|status`. */
export function registerNeo4jCommand(program: Command, getConfig: () => Config): void {
  const neo4jCommand = program.command('neo4j').description('manage the local Neo4j 5.26 Community instance');
  const withTarget = (command: Command) =>
    command
      .option('--home <dir>', 'data home of the instance (default: $NEO4J_HOME or .data/neo4j)')
      .option('--port <n>', 'Bolt port on 127.0.0.1 (default: $NEO4J_PORT or 7687)')
      .option('--json', 'print JSON');

  neo4jCommand
    .command('fetch')
    .description('fetch the Neo4j jars from Maven Central (done automatically by start)')
    .option('--json', 'print JSON')
    .action((flags: Neo4jFlags) => {
      const output = createOutput(Boolean(flags.json));
      const result = fetchNeo4jJars(output.info);
      output.result(result, () => (result.fetched ? `fetched in ${result.ms} ms` : 'jars already present'));
    });

  withTarget(
    neo4jCommand
      .command('start')
      .description('start (or reuse) the local instance; waits until Bolt answers'),
  ).action(async (flags: Neo4jFlags) => {
    const config = getConfig();
    const output = createOutput(Boolean(flags.json));
    if (config.neo4j.uri) {
      const version = await probeBolt(config.neo4j.uri, {
        user: config.neo4j.user,
        password: config.neo4j.password,
      });
      output.result(
        { external: true, uri: config.neo4j.uri, version },
        () => `NEO4J_URI is set: using ${config.neo4j.uri} (Neo4j ${version}); nothing started`,
      );
      return;
    }
    const { home, port } = target(config, flags);
    const warm = await homeHasData(home);
    const result = await startLocalNeo4j({
      home,
      port,
      pageCacheMiB: config.neo4j.pageCacheMiB,
      heap: config.neo4j.heap,
      javaHome: config.neo4j.javaHome,
      log: output.info,
    });
    output.result({ ...result, warmStart: warm }, () =>
      result.alreadyRunning
        ? `already running: ${result.uri} (Neo4j ${result.version}, pid ${result.pid}, home ${result.home})`
        : `started ${result.uri} (Neo4j ${result.version}, pid ${result.pid}, home ${result.home}) in ${(result.startMs / 1000).toFixed(1)} s`,
    );
  });

  withTarget(neo4jCommand.command('stop').description('stop the local instance cleanly')).action(
    async (flags: Neo4jFlags) => {
      const config = getConfig();
      const output = createOutput(Boolean(flags.json));
      const { home } = target(config, flags);
      const result = await stopLocalNeo4j(home);
      output.result({ ...result, home }, () =>
        result.stopped ? `stopped Neo4j (pid ${result.pid}, home ${home})` : `not running (home ${home})`,
      );
    },
  );

  withTarget(
    neo4jCommand.command('status').description('say whether the instance runs, where, and which version'),
  ).action(async (flags: Neo4jFlags) => {
    const config = getConfig();
    const output = createOutput(Boolean(flags.json));
    if (config.neo4j.uri) {
      const version = await probeBolt(config.neo4j.uri, {
        user: config.neo4j.user,
        password: config.neo4j.password,
      });
      output.result(
        { external: true, running: true, uri: config.neo4j.uri, version },
        () => `external server ${config.neo4j.uri}: Neo4j ${version}`,
      );
      return;
    }
    const { home } = target(config, flags);
    const status = await localNeo4jStatus(home);
    output.result(status, () =>
      status.running
        ? `running: ${status.uri} (Neo4j ${status.version}, pid ${status.pid}, ${status.residentMiB ?? '?'} MiB resident, home ${status.home})`
        : `not running (home ${status.home})`,
    );
    if (!status.running) process.exitCode = 3;
  });
}
