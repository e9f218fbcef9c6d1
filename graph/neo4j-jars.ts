import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JavaNotFoundError, Neo4jJarsMissingError } from './errors.ts';
import { jarBinary, javacBinary } from './java-runtime.ts';

/** Where the pom.xml, Launcher.java and the fetched jars live. */
export const neo4jServerDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'neo4j-server');

/** Where the fetched jars live (ignored by git; GPL, never committed). */
export const neo4jLibDir = () => path.join(neo4jServerDir, 'lib');

/** True when the Neo4j jars are present. */
export function neo4jJarsPresent(): boolean {
  return (
    existsSync(neo4jLibDir()) &&
    readdirSync(neo4jLibDir()).some((name) => /^neo4j-kernel-5\.26.*\.jar$/.test(name))
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

/** Where the launcher's jar and the class archive are built (ignored by git). */
export const neo4jBuildDir = () => path.join(neo4jServerDir, 'build');

/**
 * The launcher as a jar, compiled once per version of Launcher.java: the jar's name carries the
 * source's digest, so a changed source is never served by an older build (file times after a checkout
 * say nothing). A jar, not a class folder, because the JVM's class archive only accepts jars.
 */
export function compileLauncher(log: (line: string) => void, javaHome?: string): string {
  const buildDir = neo4jBuildDir();
  const source = path.join(neo4jServerDir, 'Launcher.java');
  const digest = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16);
  const jar = path.join(buildDir, `launcher-${digest}.jar`);
  if (existsSync(jar)) return jar;
  log('compiling the Neo4j launcher…');
  mkdirSync(buildDir, { recursive: true });
  // Private folders and a rename: two processes building at once never read a half-written jar.
  const work = mkdtempSync(path.join(buildDir, 'work-'));
  try {
    const classes = path.join(work, 'classes');
    const compiled = spawnSync(javacBinary(javaHome), ['-cp', `${neo4jLibDir()}/*`, '-d', classes, source], {
      encoding: 'utf8',
    });
    if (compiled.error || compiled.status !== 0) {
      throw new JavaNotFoundError(
        `javac could not compile the launcher (${compiled.error?.message ?? compiled.stderr.trim().split('\n')[0]})`,
      );
    }
    const packed = spawnSync(
      jarBinary(javaHome),
      ['--create', '--file', path.join(work, 'launcher.jar'), '-C', classes, '.'],
      {
        encoding: 'utf8',
      },
    );
    if (packed.error || packed.status !== 0) {
      throw new JavaNotFoundError(
        `jar could not package the launcher (${packed.error?.message ?? packed.stderr.trim().split('\n')[0]})`,
      );
    }
    renameSync(path.join(work, 'launcher.jar'), jar);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const name of readdirSync(buildDir)) {
    if (/^launcher-[0-9a-f]+\.jar$/.test(name) && path.join(buildDir, name) !== jar) {
      rmSync(path.join(buildDir, name), { force: true });
    }
  }
  return jar;
}
