import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import {
  JavaNotFoundError,
  Neo4jJarsMissingError,
  Neo4jStartError,
  Neo4jUnreachableError,
  PortInUseError,
} from './errors.ts';

/** Where the pom.xml, Launcher.java and the fetched jars live. */
export const neo4jServerDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'neo4j-server');

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

const pidFile = (home: string) => path.join(home, 'matscout-neo4j.json');
const logFile = (home: string) => path.join(home, 'launcher.log');

interface PidRecord {
  pid: number;
  port: number;
  startedAt: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The pid file, or — when it was lost (a crashed CLI, a wiped folder) — the launcher process whose
 * command line names this home, so an orphaned instance can still be reused or stopped.
 */
async function readPidRecord(home: string): Promise<PidRecord | undefined> {
  try {
    return JSON.parse(await readFile(pidFile(home), 'utf8')) as PidRecord;
  } catch {
    return findLauncherProcess(home);
  }
}

function findLauncherProcess(home: string): PidRecord | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = args.indexOf('Launcher');
      if (at >= 0 && args[at + 1] === home && args[at + 2]) {
        return { pid: Number(entry), port: Number(args[at + 2]), startedAt: '' };
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** Checks `java -version` and returns the major version; throws JavaNotFoundError otherwise. */
export function checkJava(javaCommand: string = javaBinary()): number {
  const result = spawnSync(javaCommand, ['-version'], { encoding: 'utf8' });
  if (result.error)
    throw new JavaNotFoundError(`'${javaCommand}' could not be run (${result.error.message})`, result.error);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) throw new JavaNotFoundError(`could not read the version printed by '${javaCommand} -version'`);
  const major = Number(match[1]) === 1 ? Number(match[2]) : Number(match[1]);
  if (major < 17) throw new JavaNotFoundError(`found Java ${major}, need 17 or newer`);
  return major;
}

/** `java` from JAVA_HOME when given (the caller reads the environment), else from PATH. */
export function javaBinary(javaHome?: string): string {
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

function javacBinary(javaHome?: string): string {
  return javaHome ? path.join(javaHome, 'bin', 'javac') : 'javac';
}

const libDir = () => path.join(neo4jServerDir, 'lib');

/** True when the Neo4j jars are present. */
export function neo4jJarsPresent(): boolean {
  return (
    existsSync(libDir()) && readdirSync(libDir()).some((name) => /^neo4j-kernel-5\.26.*\.jar$/.test(name))
  );
}

/** Fetches the Neo4j jars from Maven Central into the ignored lib/ folder (idempotent). */
export function fetchNeo4jJars(log: (line: string) => void = () => {}): { fetched: boolean; ms: number } {
  if (neo4jJarsPresent()) return { fetched: false, ms: 0 };
  const started = Date.now();
  log('fetching Neo4j 5.26 jars from Maven Central (first run only)…');
  const result = spawnSync(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', '-DoutputDirectory=lib', '-DincludeScope=runtime'],
    { cwd: neo4jServerDir, encoding: 'utf8' },
  );
  if (result.error)
    throw new Neo4jJarsMissingError(`'mvn' could not be run (${result.error.message})`, result.error);
  if (result.status !== 0 || !neo4jJarsPresent()) {
    const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-3).join(' ');
    throw new Neo4jJarsMissingError(`mvn exited with ${result.status}: ${tail}`);
  }
  return { fetched: true, ms: Date.now() - started };
}

/** Compiles Launcher.java once (and again when it changes), so starts skip the source launcher. */
function compileLauncher(log: (line: string) => void, javaHome?: string): string {
  const buildDir = path.join(libDir(), '..', 'build');
  const source = path.join(neo4jServerDir, 'Launcher.java');
  const compiled = path.join(buildDir, 'Launcher.class');
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(source).mtimeMs) return buildDir;
  log('compiling the Neo4j launcher…');
  const result = spawnSync(javacBinary(javaHome), ['-cp', `${libDir()}/*`, '-d', buildDir, source], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new JavaNotFoundError(
      `javac could not compile the launcher (${result.error?.message ?? result.stderr.trim().split('\n')[0]})`,
    );
  }
  return buildDir;
}

/** Resolves when something accepts TCP connections on 127.0.0.1:port, false on refusal. */
export function portAcceptsConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function portIsFree(port: number): Promise<boolean> {
  if (await portAcceptsConnections(port)) return false;
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function readLauncherLog(home: string): string {
  try {
    return readFileSync(logFile(home), 'utf8');
  } catch {
    return '';
  }
}

function residentMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** Asks a Bolt server for its version; throws Neo4jUnreachableError when it does not answer. */
export async function probeBolt(
  uri: string,
  auth: { user: string; password: string } = { user: 'neo4j', password: 'neo4j' },
): Promise<string> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(auth.user, auth.password), {
    connectionTimeout: 5000,
    connectionAcquisitionTimeout: 8000,
    maxTransactionRetryTime: 0,
  });
  // A plain auto-commit query: managed transactions would retry an unreachable server for 30 s.
  const session = driver.session();
  try {
    const result = await session.run('CALL dbms.components() YIELD versions RETURN versions[0] AS version');
    return String(result.records[0]?.get('version') ?? 'unknown');
  } catch (error) {
    throw new Neo4jUnreachableError(uri, (error as Error).message.split('\n')[0] ?? 'no answer', error);
  } finally {
    await session.close();
    await driver.close();
  }
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
  checkJava(javaBinary(options.javaHome));
  fetchNeo4jJars(log);
  if (!(await portIsFree(options.port))) throw new PortInUseError(options.port);
  const buildDir = compileLauncher(log, options.javaHome);
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
  const logFd = openSync(logFile(home), 'w');
  const child = spawn(
    javaBinary(options.javaHome),
    [
      `-Xmx${options.heap ?? '1g'}`,
      '-Xss2m',
      '-XX:+UseG1GC',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-cp',
      `${buildDir}:${libDir()}/*`,
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
    JSON.stringify({ pid, port: options.port, startedAt: new Date().toISOString() }),
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

/**
 * Deletes every node, in batches so a large graph does not need one huge transaction. Only for
 * instances this program owns (the test suite's, a benchmark's, the back-test's), never a user's graph.
 */
export async function deleteAllNodes(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}
