import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { JavaNotFoundError } from './errors.ts';

/** What `java -version` printed, and its major version. */
export interface JavaRuntime {
  major: number;
  version: string;
}

/** Checks `java -version` (17 or newer); throws JavaNotFoundError otherwise. */
export function checkJava(javaCommand: string = javaBinary()): JavaRuntime {
  const result = spawnSync(javaCommand, ['-version'], { encoding: 'utf8' });
  if (result.error)
    throw new JavaNotFoundError(`'${javaCommand}' could not be run (${result.error.message})`, result.error);
  const version = `${result.stderr}${result.stdout}`.trim();
  const match = /version "(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) throw new JavaNotFoundError(`could not read the version printed by '${javaCommand} -version'`);
  const major = Number(match[1]) === 1 ? Number(match[2]) : Number(match[1]);
  if (major < 17) throw new JavaNotFoundError(`found Java ${major}, need 17 or newer`);
  return { major, version };
}

/** `java` from JAVA_HOME when given (the caller reads the environment), else from PATH. */
export function javaBinary(javaHome?: string): string {
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

/** `jar` beside the `java` that `javaBinary` picks. */
export function jarBinary(javaHome?: string): string {
  return javaHome ? path.join(javaHome, 'bin', 'jar') : 'jar';
}

/** `javac` beside the `java` that `javaBinary` picks. */
export function javacBinary(javaHome?: string): string {
  return javaHome ? path.join(javaHome, 'bin', 'javac') : 'javac';
}
