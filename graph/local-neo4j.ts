import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { probeBolt } from './bolt-probe.ts';
import { JavaNotFoundError, Neo4jStartError, PortInUseError } from './errors.ts';
import { checkJava, javaBinary } from './java-runtime.ts';
import {
  logFile,
  type PidRecord,
  pidFile,
  processAlive,
  readLauncherLog,
  readPidRecord,
  residentMiB,
} from './local-neo4j-records.ts';
import { adoptClassArchive, classArchivePlan, launcherClassPath } from './neo4j-class-archive.ts';
import { compileLauncher, fetchNeo4jJars } from './neo4j-jars.ts';
import { portIsFree } from './port-probes.ts';

export interface LocalNeo4jOptions {
  /** Data home of this instance (databases, logs, pid file). */
  home: string;
  port: number;
  /** Page cache in MiB (lean default 256). */
  pageCacheMiB?: number;
  /** Java heap maximum, e.g. `1g`. */
  heap?: string;
  /** Seconds to wait for Bolt. */
  startTimeoutSeconds?: number;
  /** JDK home; `java` on PATH when unset. */
  javaHome?: string;
  /** Where the JVM's class archive is kept (default: beside the launcher's build, shared by every home). */
  classArchiveDir?: string;
  /** Progress lines (fetching jars, compiling, starting). */
  log?: (line: string) => void;
}

export interface LocalNeo4jStatus {
  running: boolean;
  home: string;
  port?: number;
  pid?: number;
  uri?: string;
  version?: string;
  residentMiB?: number;
}

export interface StartResult extends LocalNeo4jStatus {
  alreadyRunning: boolean;
  startMs: number;
}

/** Status of the instance whose data home is `home`. */
export async function localNeo4jStatus(home: string): Promise<LocalNeo4jStatus> {
  const record = await readPidRecord(path.resolve(home));
  if (!record || !processAlive(record.pid)) return { running: false, home };
  const uri = `bolt://127.0.0.1:${record.port}`;
  let version: string | undefined;
  try {
    version = await probeBolt(uri);
  } catch {
    version = undefined;
  }
  return {
    running: version !== undefined,
    home,
    port: record.port,
    pid: record.pid,
    uri,
    version,
    residentMiB: residentMiB(record.pid),
  };
}

/**
 * Starts a Neo4j 5.26 Community instance on 127.0.0.1 for `home`, or does nothing when that instance
 * already runs. Resolves once Bolt answers a query.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<StartResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const home = path.resolve(options.home);
  const existing = await readPidRecord(home);
  if (existing && processAlive(existing.pid)) {
    if (existing.port !== options.port) {
      throw new Neo4jStartError(
        `the instance in ${home} already runs on port ${existing.port}, not ${options.port}`,
        `use --port ${existing.port}, or stop it first with \`matscout neo4j stop --home ${home}\``,
      );
    }
    const status = await localNeo4jStatus(home);
    if (status.running) return { ...status, alreadyRunning: true, startMs: Date.now() - started };
  }
  if (existsSync(home) && !statSync(home).isDirectory()) {
    throw new Neo4jStartError(
      `data home ${home} is not a directory`,
      'pass a directory with --home (or NEO4J_HOME)',
    );
  }
  const javaCommand = javaBinary(options.javaHome);
  const java = checkJava(javaCommand);
  fetchNeo4jJars(log);
  if (!(await portIsFree(options.port))) throw new PortInUseError(options.port);
  const launcherJar = compileLauncher(log, options.javaHome);
  try {
    await mkdir(home, { recursive: true });
  } catch (error) {
    throw new Neo4jStartError(
      `cannot create data home ${home}: ${(error as Error).message}`,
      'choose a writable --home',
      error,
    );
  }
  await rm(pidFile(home), { force: true });
  const classes = classArchivePlan(
    home,
    { command: javaCommand, version: java.version },
    launcherJar,
    options.classArchiveDir,
  );
  const logFd = openSync(logFile(home), 'w');
  const child = spawn(
    javaCommand,
    [
      `-Xmx${options.heap ?? '1g'}`,
      '-Xss2m',
      '-XX:+UseG1GC',
      ...classes.jvmArgs,
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-cp',
      launcherClassPath(launcherJar),
      'Launcher',
      home,
      String(options.port),
      String(options.pageCacheMiB ?? 256),
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new JavaNotFoundError('the java process could not be spawned');
  await writeFile(
    pidFile(home),
    JSON.stringify({
      pid,
      port: options.port,
      startedAt: new Date().toISOString(),
      ...(classes.dump ? { classArchive: classes.dump } : {}),
    } satisfies PidRecord),
  );
  log(`starting Neo4j (pid ${pid}) on bolt://127.0.0.1:${options.port}, home ${home}…`);
  const deadline = Date.now() + (options.startTimeoutSeconds ?? 180) * 1000;
  while (Date.now() < deadline) {
    const output = readLauncherLog(home);
    const ready = /^READY (\d+) (\S+)/m.exec(output);
    if (ready) {
      const uri = `bolt://127.0.0.1:${options.port}`;
      const version = await probeBolt(uri);
      return {
        running: true,
        alreadyRunning: false,
        home,
        port: options.port,
        pid,
        uri,
        version,
        residentMiB: residentMiB(pid),
        startMs: Date.now() - started,
      };
    }
    const failure = /^ERROR (.*)$/m.exec(output);
    if (failure || !processAlive(pid)) {
      await rm(pidFile(home), { force: true });
      throw startFailure(home, options.port, failure?.[1] ?? lastLines(output));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopLocalNeo4j(home);
  throw new Neo4jStartError(
    `Neo4j did not answer within ${options.startTimeoutSeconds ?? 180} s`,
    `see ${logFile(home)} and ${path.join(home, 'logs')}`,
  );
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-2).join(' ').slice(0, 400) || 'the process exited without output';
}

function startFailure(home: string, port: number, reason: string): Neo4jStartError {
  if (/address already in use|BindException/i.test(reason)) return new PortInUseError(port);
  if (/store|corrupt|inconsistent|format|recovery|not available|failed to start|Unable to/i.test(reason)) {
    return new Neo4jStartError(
      `Neo4j could not open the data in ${home}: ${reason.slice(0, 300)}`,
      `the data home looks corrupt or incompatible: move it away or choose a new --home (logs: ${path.join(home, 'logs')})`,
    );
  }
  return new Neo4jStartError(`Neo4j failed to start: ${reason.slice(0, 300)}`, `see ${logFile(home)}`);
}

/** Stops the instance of `home` cleanly (SIGTERM, then SIGKILL after 60 s). */
export async function stopLocalNeo4j(home: string): Promise<{ stopped: boolean; pid?: number }> {
  const resolved = path.resolve(home);
  const record = await readPidRecord(resolved);
  if (!record || !processAlive(record.pid)) {
    await rm(pidFile(resolved), { force: true });
    return { stopped: false };
  }
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (processAlive(record.pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (processAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
  await rm(pidFile(resolved), { force: true });
  // The first instance's classes, dumped as it exited, serve every later start.
  if (record.classArchive) await adoptClassArchive(record.classArchive).catch(() => false);
  return { stopped: true, pid: record.pid };
}

/** True when `home` holds a database created before (used to tell a cold from a warm start). */
export async function homeHasData(home: string): Promise<boolean> {
  try {
    return (await stat(path.join(home, 'data', 'databases'))).isDirectory();
  } catch {
    return false;
  }
}
