import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupValueError, decodeProperties, type EncodedValue } from './backup-value-codec.ts';
import { GraphError } from './errors.ts';

/**
 * A graph backup file: one line of JSON header (format and schema versions, counts, the payload's size
 * and SHA-256), then the payload: gzipped JSON lines, every node (`n` its index, `l` labels, `p`
 * properties) and then every relationship (`r` [start, end] node indexes, `t` type, `p` properties).
 */

export const backupFormat = 'matscout-graph-backup';
export const backupFormatVersion = 1;

export interface BackupCounts {
  nodes: number;
  relationships: number;
  /** Nodes per label (a node with two labels counts under both). */
  labels: Record<string, number>;
  /** Relationships per type. */
  types: Record<string, number>;
}

export interface BackupHeader {
  format: typeof backupFormat;
  formatVersion: number;
  /** The graph schema version recorded in the graph that was backed up. */
  graphSchemaVersion: number;
  /** The vocabulary version recorded in that graph, when it records one. */
  vocabularyVersion?: string | number;
  neo4jVersion?: string;
  createdAt: string;
  counts: BackupCounts;
  payload: { encoding: 'gzip-jsonl'; bytes: number; sha256: string };
}

export type BackupNodeRecord = { n: number; l: string[]; p: Record<string, EncodedValue> };
export type BackupRelationshipRecord = { r: [number, number]; t: string; p: Record<string, EncodedValue> };
export type BackupRecord = BackupNodeRecord | BackupRelationshipRecord;

/** A backup file that cannot be restored: not a backup, corrupt, truncated, or of another version. */
export class BackupFileError extends GraphError {
  constructor(message: string, hint = 'restore a backup file written by `matscout backup create`') {
    super('BACKUP_INVALID', message, { hint });
  }
}

const maxHeaderBytes = 1024 * 1024;
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Counts records as they stream past (what the header states and what verification compares). */
export class BackupCounter {
  readonly counts: BackupCounts = { nodes: 0, relationships: 0, labels: {}, types: {} };

  add(record: BackupRecord): void {
    if ('n' in record) {
      this.counts.nodes += 1;
      for (const label of record.l) this.counts.labels[label] = (this.counts.labels[label] ?? 0) + 1;
    } else {
      this.counts.relationships += 1;
      this.counts.types[record.t] = (this.counts.types[record.t] ?? 0) + 1;
    }
  }
}

async function* jsonLines(records: AsyncIterable<BackupRecord>): AsyncGenerator<string> {
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
}

/**
 * Writes records as a backup file: the payload goes to a temporary file first (its size and checksum go
 * into the header), then header and payload are joined into another temporary file that is renamed
 * over `file`, so an interrupted backup never leaves a half-written file under the final name.
 */
export async function writeBackupFile(
  file: string,
  header: Omit<BackupHeader, 'payload' | 'counts' | 'format' | 'formatVersion'>,
  records: AsyncIterable<BackupRecord>,
): Promise<BackupHeader> {
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const payloadFile = `${file}.payload-${suffix}`;
  const partialFile = `${file}.partial-${suffix}`;
  const hash = createHash('sha256');
  let bytes = 0;
  const counter = new BackupCounter();
  const counted = (async function* () {
    for await (const record of records) {
      counter.add(record);
      yield record;
    }
  })();
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(jsonLines(counted)), createGzip(), measure, createWriteStream(payloadFile));
    const complete: BackupHeader = {
      format: backupFormat,
      formatVersion: backupFormatVersion,
      ...header,
      counts: counter.counts,
      payload: { encoding: 'gzip-jsonl', bytes, sha256: hash.digest('hex') },
    };
    const output = createWriteStream(partialFile);
    output.write(`${JSON.stringify(complete)}\n`);
    await pipeline(createReadStream(payloadFile), output);
    await rename(partialFile, file);
    return complete;
  } finally {
    await rm(payloadFile, { force: true });
    await rm(partialFile, { force: true });
  }
}

/** Reads and checks the header line; says plainly when the file is not a backup at all. */
export async function readBackupHeader(
  file: string,
): Promise<{ header: BackupHeader; payloadOffset: number }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new BackupFileError(`cannot read backup file ${file}: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(maxHeaderBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxHeaderBytes, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(10);
    if (end < 0) throw new BackupFileError(`${file} is not a matscout backup (no header line)`);
    let header: BackupHeader;
    try {
      header = JSON.parse(buffer.subarray(0, end).toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupFileError(`${file} is not a matscout backup (its header is not JSON)`);
    }
    if (header?.format !== backupFormat)
      throw new BackupFileError(`${file} is not a matscout backup (format '${String(header?.format)}')`);
    const payload = header.payload;
    if (
      !payload ||
      typeof payload.sha256 !== 'string' ||
      !Number.isInteger(payload.bytes) ||
      !Number.isInteger(header.graphSchemaVersion) ||
      !header.counts
    ) {
      throw new BackupFileError(`${file} has a malformed backup header`);
    }
    return { header, payloadOffset: end + 1 };
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a backup this program cannot restore as it is: another file format version, or a graph schema
 * newer than this program's or older than the oldest it reads.
 */
export function checkBackupCompatibility(
  header: BackupHeader,
  supported: { graphSchemaVersion: number; oldestGraphSchemaVersion: number },
): void {
  if (header.formatVersion !== backupFormatVersion) {
    throw new BackupFileError(
      `backup format version ${header.formatVersion} is not supported (this matscout reads version ${backupFormatVersion})`,
      'restore it with the matscout version that wrote it',
    );
  }
  if (header.graphSchemaVersion > supported.graphSchemaVersion) {
    throw new BackupFileError(
      `the backup has graph schema version ${header.graphSchemaVersion}, newer than this matscout's ${supported.graphSchemaVersion}`,
      'upgrade matscout to the version that wrote the backup, then restore',
    );
  }
  if (header.graphSchemaVersion < supported.oldestGraphSchemaVersion) {
    throw new BackupFileError(
      `the backup has graph schema version ${header.graphSchemaVersion}, older than the oldest this matscout restores (${supported.oldestGraphSchemaVersion})`,
      'restore it with the matscout version that wrote it',
    );
  }
}

function validRecord(value: unknown, nodes: number): value is BackupRecord {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if ('n' in record) {
    return (
      record.n === nodes &&
      Array.isArray(record.l) &&
      record.l.every((label) => typeof label === 'string' && identifier.test(label))
    );
  }
  const ends = record.r;
  return (
    Array.isArray(ends) &&
    ends.length === 2 &&
    ends.every((end) => Number.isInteger(end) && end >= 0 && end < nodes) &&
    typeof record.t === 'string' &&
    identifier.test(record.t)
  );
}

/** The payload's records in order; every line is checked (shape, node order, endpoints, property values). */
export async function* readBackupRecords(file: string, payloadOffset: number): AsyncGenerator<BackupRecord> {
  const gunzip = createGunzip();
  const source = createReadStream(file, { start: payloadOffset });
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let nodes = 0;
  let line = 0;
  let relationshipsStarted = false;
  const parse = (text: string): BackupRecord => {
    line += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new BackupFileError(`backup payload line ${line} is not JSON`);
    }
    if (!validRecord(value, nodes) || ('n' in value && relationshipsStarted))
      throw new BackupFileError(`backup payload line ${line} is not a valid node or relationship record`);
    try {
      decodeProperties(value.p);
    } catch (error) {
      if (error instanceof BackupValueError)
        throw new BackupFileError(`backup payload line ${line}: ${error.message}`);
      throw error;
    }
    if ('n' in value) nodes += 1;
    else relationshipsStarted = true;
    return value;
  };
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const text = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (text.length > 0) yield parse(text);
        newline = pending.indexOf('\n');
      }
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    throw new BackupFileError(`the backup payload cannot be read: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
  pending += decoder.end();
  if (pending.length > 0) yield parse(pending);
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}

/**
 * Checks a backup completely without touching any graph: header, size, SHA-256 of the payload, and
 * every record (counts per label and type must equal the header's). Throws BackupFileError.
 */
export async function verifyBackupFile(
  file: string,
): Promise<{ header: BackupHeader; payloadOffset: number }> {
  const { header, payloadOffset } = await readBackupHeader(file);
  const size = (await stat(file)).size;
  if (size - payloadOffset !== header.payload.bytes) {
    throw new BackupFileError(
      `backup file ${file} is truncated or corrupt: its payload has ${size - payloadOffset} bytes, the header says ${header.payload.bytes}`,
    );
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { start: payloadOffset })) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  if (sha256 !== header.payload.sha256) {
    throw new BackupFileError(
      `backup file ${file} is corrupt: payload checksum ${sha256.slice(0, 12)}… does not match ${header.payload.sha256.slice(0, 12)}…`,
    );
  }
  const counter = new BackupCounter();
  for await (const record of readBackupRecords(file, payloadOffset)) counter.add(record);
  const { counts } = counter;
  if (
    counts.nodes !== header.counts.nodes ||
    counts.relationships !== header.counts.relationships ||
    !sameCounts(counts.labels, header.counts.labels ?? {}) ||
    !sameCounts(counts.types, header.counts.types ?? {})
  ) {
    throw new BackupFileError(
      `backup file ${file} is corrupt: it holds ${counts.nodes} nodes and ${counts.relationships} relationships, the header says ${header.counts.nodes} and ${header.counts.relationships}`,
    );
  }
  return { header, payloadOffset };
}
