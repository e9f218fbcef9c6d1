import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * From how many input bytes `matscout ingest` parses and extracts on worker threads by default. Starting
 * the pool (each thread loads the extractors, the vocabulary and, from TypeScript, the compiler) costs a
 * few seconds; it overlaps the graph's start-up, and extraction on another core then pays about a tenth
 * of a second per patent. 4 MiB is about 90 USPTO grants or a few hundred news articles.
 */
export const poolFromBytes = 4 * 1024 * 1024;
/** USPTO XML shrinks about 6.7× under gzip: a compressed file counts for what it will parse. */
const gzipExpansion = 6;
const maxAutoThreads = 4;

/**
 * Bytes the inputs will parse: files, and folders recursively; gzip files count six times their size;
 * URLs count nothing (their size is unknown until fetched). Stops counting once `enough` is reached, so
 * a huge folder is not walked to the end only to pick the pool.
 */
export async function inputBytes(inputs: readonly string[], enough = poolFromBytes): Promise<number> {
  let total = 0;
  const add = async (file: string, size?: number): Promise<void> => {
    const bytes = size ?? (await stat(file)).size;
    total += /\.gz$/i.test(file) ? bytes * gzipExpansion : bytes;
  };
  for (const input of inputs) {
    if (total >= enough) break;
    if (/^https?:\/\//i.test(input)) continue;
    const info = await stat(input).catch(() => undefined);
    // A missing input is reported by the run itself, as a failed item.
    if (!info) continue;
    if (info.isFile()) {
      await add(input, info.size);
      continue;
    }
    if (!info.isDirectory()) continue;
    for (const entry of await readdir(input, { withFileTypes: true, recursive: true })) {
      if (total >= enough) break;
      if (entry.isFile()) await add(path.join(entry.parentPath, entry.name));
    }
  }
  return total;
}

/**
 * The `--threads` value to use: a number as given, or for `auto` the pool with one thread per core but
 * one (the main thread drives the graph writes and Neo4j runs them; at least one, at most four) once the
 * inputs reach `poolFromBytes`, else inline (0). A bulk load writes nothing while it analyses, so it
 * takes a thread for every core (`bulk`).
 */
export async function resolveIngestThreads(
  flag: string,
  inputs: readonly string[],
  cores: number = os.availableParallelism(),
  options: { bulk?: boolean } = {},
): Promise<number> {
  if (flag !== 'auto') return Number(flag);
  if ((await inputBytes(inputs)) < poolFromBytes) return 0;
  return Math.min(maxAutoThreads, Math.max(1, options.bulk ? cores : cores - 1));
}
