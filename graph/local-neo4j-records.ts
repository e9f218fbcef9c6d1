import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClassArchiveDump } from './neo4j-class-archive.ts';

/** What a running launcher leaves in its data home, and what /proc tells about it. */

export const pidFile = (home: string) => path.join(home, 'matscout-neo4j.json');
export const logFile = (home: string) => path.join(home, 'launcher.log');

export interface PidRecord {
  pid: number;
  port: number;
  startedAt: string;
  /** The class archive this instance dumps when it stops normally (its first start without one). */
  classArchive?: ClassArchiveDump;
}

export function processAlive(pid: number): boolean {
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
export async function readPidRecord(home: string): Promise<PidRecord | undefined> {
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

export function readLauncherLog(home: string): string {
  try {
    return readFileSync(logFile(home), 'utf8');
  } catch {
    return '';
  }
}

export function residentMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
