import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.ts';
import { findMissingPrerequisites, nodeVersionSupported } from './prerequisites.ts';
import { missingSharedCorporaMessage, requiredSharedPaths } from './shared-corpora.ts';

/** A PATH with every program of the current PATH except `left out` (symlinks in one folder). */
async function pathWithout(leftOut: string): Promise<string> {
  const bin = await mkdtemp(path.join(tmpdir(), 'matscout-path-'));
  for (const directory of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const names = await readdir(directory).catch(() => [] as string[]);
    for (const name of names) {
      if (name === leftOut) continue;
      await symlink(path.join(directory, name), path.join(bin, name)).catch(() => undefined);
    }
  }
  return bin;
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the prerequisite check', () => {
  it('finds every tool the README names on this machine', () => {
    expect(
      findMissingPrerequisites({
        env: process.env,
        platform: process.platform,
        nodeVersion: process.version,
      }),
    ).toEqual([]);
  });

  it('says per missing tool what is wrong and the Debian/Ubuntu install line', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'matscout-empty-path-'));
    const lines = findMissingPrerequisites({
      env: { PATH: empty, CHROMIUM_PATH: '/nonexistent/chromium' },
      platform: 'linux',
      nodeVersion: 'v18.19.1',
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^Node 20: Node v18\.19\.1 is running; 20\.16\+ is needed\. Install: curl .*setup_20\.x/,
      ),
      "Java 17+ (JDK): 'java' not found. Install: sudo apt-get install -y openjdk-17-jdk-headless",
      "Maven: 'mvn' not found. Install: sudo apt-get install -y maven",
      "redis-server: 'redis-server' not found. Install: sudo apt-get install -y redis-server",
      expect.stringMatching(
        /^Chromium: CHROMIUM_PATH=\/nonexistent\/chromium is not an executable file\. Install: sudo apt-get install -y chromium/,
      ),
    ]);
  });

  it('gives the Homebrew line on macOS and reads Java from JAVA_HOME', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'matscout-empty-path-'));
    const lines = findMissingPrerequisites({
      env: { PATH: empty, JAVA_HOME: '/nonexistent/jdk', CHROMIUM_PATH: '/nonexistent/chromium' },
      platform: 'darwin',
      nodeVersion: 'v20.19.0',
    });
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'Java 17+ (JDK)',
      'Maven',
      'redis-server',
      'Chromium',
    ]);
    expect(lines[0]).toBe(
      "Java 17+ (JDK): '/nonexistent/jdk/bin/java' not found. Install: brew install openjdk@17 (then export JAVA_HOME=$(brew --prefix openjdk@17))",
    );
    expect(lines[2]).toMatch(/Install: brew install redis$/);
    expect(lines[3]).toMatch(/Install: brew install --cask chromium/);
  });

  it('accepts the Node versions package.json allows', () => {
    expect(['v20.16.0', 'v20.19.2', 'v22.3.0', 'v24.1.0'].filter(nodeVersionSupported)).toHaveLength(4);
    expect(['v18.20.0', 'v20.15.1', 'v21.7.0', 'v22.2.0', 'nonsense'].filter(nodeVersionSupported)).toEqual(
      [],
    );
  });

  it('stops the test run with one line for a tool missing from PATH', async () => {
    const setupFile = path.join(import.meta.dirname, 'prerequisites-global-setup.ts');
    const script = `import setup from ${JSON.stringify(setupFile)}; setup(); console.error('setup passed');`;
    const {
      JAVA_HOME: _javaHome,
      CHROMIUM_PATH: _chromium,
      MATSCOUT_PREREQUISITES_CHECKED: _checked,
      ...env
    } = process.env;
    const result = await runNode(['--import', 'tsx', '--input-type=module', '-e', script], {
      ...env,
      PATH: await pathWithout('redis-server'),
    });
    expect(result.code).toBe(1);
    const toolLines = result.stderr.split('\n').filter((line) => line.startsWith('  '));
    expect(toolLines).toEqual([
      "  redis-server: 'redis-server' not found. Install: sudo apt-get install -y redis-server",
    ]);
    expect(result.stderr).toContain('see the first lines of README.md');
    expect(result.stderr).not.toContain('setup passed');
  });
});

describe('the corpus suite setting', () => {
  it('names the folder and every missing path, and how to point at the corpora', async () => {
    const nowhere = path.join(tmpdir(), 'matscout-no-shared-here');
    expect(missingSharedCorporaMessage(nowhere)).toBe(
      `npm run test:corpus needs the shared corpora (data/ and bench/discovery/) in ${nowhere}: nothing of it is there. ` +
        'Put the shared folder beside the checkout (../shared) or set MATSCOUT_SHARED_DIR to where it is.',
    );
    const partial = await mkdtemp(path.join(tmpdir(), 'matscout-shared-'));
    for (const relative of requiredSharedPaths.filter((entry) => entry !== 'data/epo-xml-formats'))
      await mkdir(path.join(partial, relative), { recursive: true });
    expect(missingSharedCorporaMessage(partial)).toMatch(/: missing data\/epo-xml-formats\. Put the shared/);
  });

  it('stops npm run test:corpus before any test when the corpora are not there', async () => {
    const nowhere = path.join(tmpdir(), 'matscout-no-shared-here');
    const result = await runNode(
      [
        path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'vitest.corpus.config.ts',
      ],
      { ...process.env, MATSCOUT_SHARED_DIR: nowhere },
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `npm run test:corpus needs the shared corpora (data/ and bench/discovery/) in ${nowhere}: nothing of it is there. ` +
        'Put the shared folder beside the checkout (../shared) or set MATSCOUT_SHARED_DIR to where it is.',
    );
  });
});
