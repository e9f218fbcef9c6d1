import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromiumExecutable, isExecutable } from './chromium.ts';

/** How to install one tool on the two platforms the README covers. */
interface InstallHint {
  debian: string;
  macos: string;
}

/** Where a check looks: injected so the checker itself can be tested with a PATH that lacks a tool. */
export interface PrerequisiteContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  nodeVersion: string;
}

interface Prerequisite {
  name: string;
  install: InstallHint;
  /** What is wrong, or undefined when the tool is there and recent enough. */
  problem(context: PrerequisiteContext): string | undefined;
}

/** Runs `command args` with the context's environment; the output, or why it could not run. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { output: string } | { error: string } {
  const result = spawnSync(command, args, { env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return {
      error: code === 'ENOENT' ? `'${command}' not found` : `'${command}' failed (${result.error.message})`,
    };
  }
  if (result.status !== 0) return { error: `'${command} ${args.join(' ')}' exited with ${result.status}` };
  return { output: `${result.stdout}${result.stderr}` };
}

/** package.json engines: >=20.16 <21 || >=22.3. */
export function nodeVersionSupported(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return (major === 20 && minor >= 16) || (major === 22 && minor >= 3) || major > 22;
}

function javaHomeCommand(env: NodeJS.ProcessEnv, name: 'java' | 'javac'): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', name) : name;
}

const prerequisites: Prerequisite[] = [
  {
    name: 'Node 20',
    install: {
      debian:
        'curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash - && sudo apt-get install -y nodejs',
      macos: 'brew install node@20',
    },
    problem: ({ nodeVersion }) =>
      nodeVersionSupported(nodeVersion) ? undefined : `Node ${nodeVersion} is running; 20.16+ is needed`,
  },
  {
    name: 'Java 17+ (JDK)',
    install: {
      debian: 'sudo apt-get install -y openjdk-17-jdk-headless',
      macos: 'brew install openjdk@17 (then export JAVA_HOME=$(brew --prefix openjdk@17))',
    },
    problem: ({ env }) => {
      const java = run(javaHomeCommand(env, 'java'), ['-version'], env);
      if ('error' in java) return java.error;
      const major = Number(/version "(?:1\.)?(\d+)/.exec(java.output)?.[1] ?? 0);
      if (major < 17) return `Java ${major || '(unknown version)'} found; 17+ is needed`;
      const javac = run(javaHomeCommand(env, 'javac'), ['-version'], env);
      // A JRE alone cannot compile the Neo4j launcher.
      return 'error' in javac ? `${javac.error} (a JDK is needed, not only a JRE)` : undefined;
    },
  },
  {
    name: 'Maven',
    install: { debian: 'sudo apt-get install -y maven', macos: 'brew install maven' },
    problem: ({ env }) => {
      const mvn = run('mvn', ['-v'], env);
      return 'error' in mvn ? mvn.error : undefined;
    },
  },
  {
    name: 'redis-server',
    install: { debian: 'sudo apt-get install -y redis-server', macos: 'brew install redis' },
    problem: ({ env }) => {
      const redis = run('redis-server', ['--version'], env);
      return 'error' in redis ? redis.error : undefined;
    },
  },
  {
    name: 'Chromium',
    install: {
      debian: 'sudo apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)',
      macos: 'brew install --cask chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)',
    },
    problem: ({ env, platform }) => {
      const browser = chromiumExecutable(env, platform);
      if (isExecutable(browser)) return undefined;
      return env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${browser} is not an executable file`
        : `${browser} not found`;
    },
  },
];

/** One line per missing or too old tool, with how to install it on this platform; empty when all are there. */
export function findMissingPrerequisites(context: PrerequisiteContext): string[] {
  const lines: string[] = [];
  for (const prerequisite of prerequisites) {
    const problem = prerequisite.problem(context);
    if (problem === undefined) continue;
    const install = context.platform === 'darwin' ? prerequisite.install.macos : prerequisite.install.debian;
    lines.push(`${prerequisite.name}: ${problem}. Install: ${install}`);
  }
  return lines;
}
