import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JavaNotFoundError, Neo4jJarsMissingError } from './errors.ts';
import { javacBinary } from './java-runtime.ts';

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

/** Compiles Launcher.java once (and again when it changes), so starts skip the source launcher. */
export function compileLauncher(log: (line: string) => void, javaHome?: string): string {
  const buildDir = path.join(neo4jLibDir(), '..', 'build');
  const source = path.join(neo4jServerDir, 'Launcher.java');
  const compiled = path.join(buildDir, 'Launcher.class');
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(source).mtimeMs) return buildDir;
  log('compiling the Neo4j launcher…');
  const result = spawnSync(javacBinary(javaHome), ['-cp', `${neo4jLibDir()}/*`, '-d', buildDir, source], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new JavaNotFoundError(
      `javac could not compile the launcher (${result.error?.message ?? result.stderr.trim().split('\n')[0]})`,
    );
  }
  return buildDir;
}
