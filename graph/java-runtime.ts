import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { JavaNotFoundError } from './errors.ts';

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

/** `javac` beside the `java` that `javaBinary` picks. */
export function javacBinary(javaHome?: string): string {
  return javaHome ? path.join(javaHome, 'bin', 'javac') : 'javac';
}
