import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { entityLabels, termOrigins } from './model.ts';
import type { VocabularySnapshot } from './vocabulary-store.ts';

/**
 * The last vocabulary snapshot a process read, kept for the next process of the same graph. Every CLI
 * command and server start read the vocabulary whole, and on a Neo4j just started that read took 2.6–6.2 s
 * at 50,000 mined terms, before a document was read. From a kept snapshot the store reads only what
 * changed since (`VocabularyStore.snapshot(since)`), and it reads whole when the kept one is not of the
 * graph's history (another graph, a restore, a wipe): the file is a cache, never a source of terms.
 */
export interface KeptVocabularySnapshot {
  /** The snapshot kept last, by this process or an earlier one; undefined when none can be read. */
  latest(): Promise<VocabularySnapshot | undefined>;
  /** Keeps `snapshot` when it is another version than the one kept; written in the background. */
  keep(snapshot: VocabularySnapshot): void;
  /** Resolves once every snapshot handed to `keep` is written (or failed to be). */
  settled(): Promise<void>;
}

/** A temporary file older than this is no write under way (one takes well under a second). */
const abandonedAfterMs = 10 * 60_000;

/**
 * The file's layout; another format (or a file that is not one) is read as no snapshot. Raise it when
 * the records a snapshot holds change shape: an older file would otherwise be read as records without
 * the new field. Format 2 added the checksum.
 */
const fileFormat = 2;

const strings = z.array(z.string());
// Optional fields are null where the graph's map projection read a missing property.
const termRecord = z.object({
  id: z.string(),
  label: z.enum(entityLabels),
  name: z.string(),
  aliases: strings.nullish(),
  acronyms: strings.nullish(),
  caseSensitive: z.union([strings, z.boolean()]).nullish(),
  inflect: z.boolean().nullish(),
  origin: z.enum(termOrigins),
  broader: strings.nullish(),
  formula: z.string().nullish(),
  class: z.string().nullish(),
  unit: z.string().nullish(),
  domain: z.string().nullish(),
  support: z.number().nullish(),
  materialId: z.string().nullish(),
  termOrder: z.number().nullish(),
});
const fileHeader = z.object({ format: z.literal(fileFormat), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const snapshotRecord = z.object({
  version: z.number().int().nonnegative(),
  stamp: z.string(),
  terms: z.array(termRecord),
  retiredIds: strings,
});

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * A kept file's content: a header line with the format and the SHA-256 of the rest, then the snapshot as
 * JSON. Later versions are read as the terms they change on top of this one, so a file altered on disk
 * (a flipped byte, a hand edit) that still parses would carry its wrong terms into every version after
 * it; with the checksum it is read as no snapshot instead.
 */
export function keptSnapshotContent(snapshot: VocabularySnapshot): string {
  const body = JSON.stringify(snapshot);
  return `${JSON.stringify({ format: fileFormat, sha256: sha256(body) })}\n${body}`;
}

/** The snapshot a kept file's content holds; undefined for another format, a wrong checksum or a bad record. */
function fromKeptContent(bytes: Buffer): VocabularySnapshot | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  try {
    const header = fileHeader.safeParse(JSON.parse(bytes.subarray(0, newline).toString('utf8')));
    const body = bytes.subarray(newline + 1);
    if (!header.success || sha256(body) !== header.data.sha256) return undefined;
    const parsed = snapshotRecord.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? (parsed.data as VocabularySnapshot) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A snapshot kept in one JSON file, replaced whole through a temporary file and a rename, so a reader
 * sees the previous snapshot or the next one, never part of one. Writes are coalesced: while one is
 * under way, only the newest snapshot handed over after it is written next (a backfill makes up to
 * three versions per window of 500 documents).
 */
export class VocabularySnapshotFile implements KeptVocabularySnapshot {
  private loaded: Promise<VocabularySnapshot | undefined> | undefined;
  private current: VocabularySnapshot | undefined;
  private pending: VocabularySnapshot | undefined;
  private writing: Promise<void> | undefined;

  constructor(readonly file: string) {}

  latest(): Promise<VocabularySnapshot | undefined> {
    if (this.current) return Promise.resolve(this.current);
    this.loaded ??= this.read().then((snapshot) => {
      this.current ??= snapshot;
      return this.current;
    });
    return this.loaded;
  }

  keep(snapshot: VocabularySnapshot): void {
    if (snapshot.stamp === this.current?.stamp) return;
    this.current = snapshot;
    this.pending = snapshot;
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
    });
  }

  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async read(): Promise<VocabularySnapshot | undefined> {
    const bytes = await readFile(this.file).catch(() => undefined);
    return bytes && fromKeptContent(bytes);
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const snapshot = this.pending;
      this.pending = undefined;
      await this.write(snapshot).catch(() => undefined);
    }
  }

  // A failed write leaves the previous file (or none): the next process then reads more, never wrong terms.
  private async write(snapshot: VocabularySnapshot): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    // Unique per write: two stores of one process (a server and a run) may keep the same graph's file.
    const temporary = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, keptSnapshotContent(snapshot), { mode: 0o600 });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await this.removeAbandoned();
  }

  /** Temporary files a killed process left (tens of MB each for a large vocabulary). */
  private async removeAbandoned(): Promise<void> {
    const folder = path.dirname(this.file);
    const prefix = `${path.basename(this.file)}.`;
    const before = Date.now() - abandonedAfterMs;
    for (const name of await readdir(folder)) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const file = path.join(folder, name);
      const modified = (await stat(file).catch(() => undefined))?.mtimeMs;
      if (modified !== undefined && modified < before) await rm(file, { force: true });
    }
  }
}
