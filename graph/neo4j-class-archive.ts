import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { neo4jBuildDir, neo4jLibDir } from './neo4j-jars.ts';

/** A dump the JVM writes when it exits normally, and where it goes once written. */
export interface ClassArchiveDump {
  dump: string;
  archive: string;
}

/** JVM options for class-data sharing, and the dump to adopt after the instance stops (first start). */
export interface ClassArchivePlan {
  jvmArgs: string[];
  dump?: ClassArchiveDump;
}

/** The launcher's class path: its jar, then every fetched jar (the JVM's archive accepts jars only). */
export function launcherClassPath(launcherJar: string): string {
  return `${launcherJar}:${neo4jLibDir()}/*`;
}

/**
 * Class-data sharing for the local Neo4j (a dynamic archive, JDK 13+). A Neo4j start loads, parses and
 * verifies some ten thousand classes: most of its start-up CPU on a new JVM. The first instance runs
 * with `-XX:ArchiveClassesAtExit` and, when it stops normally, leaves an archive of the classes it
 * loaded; later starts map it instead. The archive's name carries a digest of the `java -version`
 * text, the launcher jar and every fetched jar's name, size and time, so a new JDK or new jars get a new
 * archive (and the JVM itself refuses a mismatched one and runs without, never wrong). A JDK without
 * its own base archive gets no options at all.
 */
export function classArchivePlan(
  home: string,
  java: { command: string; version: string },
  launcherJar: string,
  archiveDir: string = neo4jBuildDir(),
): ClassArchivePlan {
  const lib = neo4jLibDir();
  const jars = readdirSync(lib)
    .filter((name) => name.endsWith('.jar'))
    .sort()
    .map((name) => {
      const info = statSync(path.join(lib, name));
      return `${name} ${info.size} ${Math.round(info.mtimeMs)}`;
    });
  const digest = createHash('sha256')
    .update([java.version, path.basename(launcherJar), ...jars].join('\n'))
    .digest('hex')
    .slice(0, 16);
  const archive = path.join(archiveDir, `neo4j-classes-${digest}.jsa`);
  // CDS warnings (classes it skips) would end the launcher's log, which a failed start quotes.
  const quiet = '-Xlog:cds*=off';
  if (existsSync(archive)) return { jvmArgs: [`-XX:SharedArchiveFile=${archive}`, quiet] };
  // Dumping needs the JDK's base archive; without it the JVM would refuse to start at all.
  if (spawnSync(java.command, ['-Xshare:on', '-version'], { stdio: 'ignore' }).status !== 0)
    return { jvmArgs: [] };
  const dump = path.join(home, 'neo4j-classes.jsa');
  return { jvmArgs: [`-XX:ArchiveClassesAtExit=${dump}`, quiet], dump: { dump, archive } };
}

/**
 * Moves a stopped instance's dump to the shared archive (copied under a private name, then renamed,
 * so a starting JVM never maps a half-written file) and removes the archives it supersedes. No dump
 * (killed, not stopped), or an archive another instance already adopted: the dump is only removed.
 */
export async function adoptClassArchive(dump: ClassArchiveDump): Promise<boolean> {
  if (!existsSync(dump.dump)) return false;
  try {
    if (existsSync(dump.archive)) return false;
    const partial = `${dump.archive}.${randomUUID().slice(0, 8)}.part`;
    try {
      await copyFile(dump.dump, partial);
      await rename(partial, dump.archive);
      // An archive for another JDK or other jars is never mapped again (a JVM mapping one keeps it open).
      const folder = path.dirname(dump.archive);
      for (const name of readdirSync(folder)) {
        const other = path.join(folder, name);
        if (/^neo4j-classes-[0-9a-f]+\.jsa$/.test(name) && other !== dump.archive)
          await rm(other, { force: true });
      }
      return true;
    } finally {
      await rm(partial, { force: true });
    }
  } finally {
    await rm(dump.dump, { force: true });
  }
}
