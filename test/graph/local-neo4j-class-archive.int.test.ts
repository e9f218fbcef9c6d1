import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalNeo4j, stopLocalNeo4j } from '../../graph/index.ts';
import { launcherClassPath } from '../../graph/neo4j-class-archive.ts';
import { compileLauncher } from '../../graph/neo4j-jars.ts';
import { freePort } from '../support/free-port.ts';

const jvmOptions = (pid: number) =>
  readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    .split('\0')
    .filter((argument) => argument.startsWith('-XX:') && /Archive/.test(argument));

/** Whether the JVM maps `archive` for the launcher's class path (-Xshare:on fails otherwise). */
const mapsArchive = (archive: string, classPath: string) =>
  spawnSync('java', ['-Xshare:on', `-XX:SharedArchiveFile=${archive}`, '-cp', classPath, '-version'], {
    encoding: 'utf8',
  }).status === 0;

describe('the local Neo4j’s class archive', () => {
  const homes: string[] = [];
  afterAll(async () => {
    for (const home of homes) {
      await stopLocalNeo4j(home);
      await rm(home, { recursive: true, force: true });
    }
  });

  it('is dumped by the first instance when it stops, then mapped by the next start', async () => {
    const archiveDir = await mkdtemp(path.join(os.tmpdir(), 'matscout-cds-dir-'));
    homes.push(archiveDir);
    const start = async () => {
      const home = await mkdtemp(path.join(os.tmpdir(), 'matscout-cds-home-'));
      homes.push(home);
      const started = await startLocalNeo4j({ home, port: await freePort(), classArchiveDir: archiveDir });
      return { home, started };
    };

    const first = await start();
    expect(jvmOptions(first.started.pid as number)).toEqual([
      `-XX:ArchiveClassesAtExit=${path.join(first.home, 'neo4j-classes.jsa')}`,
    ]);
    expect(readdirSync(archiveDir)).toEqual([]);
    await stopLocalNeo4j(first.home);
    const archives = readdirSync(archiveDir);
    expect(archives).toEqual([expect.stringMatching(/^neo4j-classes-[0-9a-f]{16}\.jsa$/)]);
    const archive = path.join(archiveDir, archives[0] as string);
    const classPath = launcherClassPath(compileLauncher(() => {}));
    expect(mapsArchive(archive, classPath)).toBe(true);
    // The JVM checks the class path it was dumped with: another one is refused, never served wrong classes.
    expect(mapsArchive(archive, classPath.split(':').slice(1).join(':'))).toBe(false);

    const second = await start();
    expect(second.started.version).toMatch(/^5\.26/);
    expect(jvmOptions(second.started.pid as number)).toEqual([`-XX:SharedArchiveFile=${archive}`]);
    await stopLocalNeo4j(second.home);
    expect(readdirSync(archiveDir)).toEqual(archives);
    expect(readdirSync(second.home)).not.toContain('neo4j-classes.jsa');
  });
});
