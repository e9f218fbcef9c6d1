import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BackupRecord,
  readBackupRecords,
  verifyBackupFile,
  writeBackupFile,
} from '../../graph/backup-file.ts';
import { decodeValue, encodeValue } from '../../graph/backup-value-codec.ts';
import { BackupFileError } from '../../graph/index.ts';

async function* from(records: unknown[]): AsyncGenerator<BackupRecord> {
  for (const record of records) yield record as BackupRecord;
}

describe('backup file format', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'matscout-backup-file-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  const header = { graphSchemaVersion: 3, createdAt: '2026-01-01T00:00:00.000Z' };

  it('writes a header with counts and checksum, and reads every record back in order', async () => {
    const file = path.join(directory, 'ok.backup');
    const records: BackupRecord[] = [
      { n: 0, l: ['Document'], p: { id: 'd1', text: 'a\nb "quoted" ✓' } },
      { n: 1, l: ['Chunk', 'Extra'], p: { id: 'c1', start: { $int: '0' } } },
      { r: [1, 0], t: 'PART_OF', p: {} },
    ];
    const written = await writeBackupFile(file, header, from(records));
    expect(written.counts).toEqual({
      nodes: 2,
      relationships: 1,
      labels: { Document: 1, Chunk: 1, Extra: 1 },
      types: { PART_OF: 1 },
    });
    const verified = await verifyBackupFile(file);
    expect(verified.header).toEqual(written);
    const read: BackupRecord[] = [];
    for await (const record of readBackupRecords(file, verified.payloadOffset)) read.push(record);
    expect(read).toEqual(records);
  });

  it.each([
    ['a node out of order', [{ n: 1, l: ['A'], p: {} }]],
    [
      'a relationship to a node that does not exist',
      [
        { n: 0, l: ['A'], p: {} },
        { r: [0, 5], t: 'X', p: {} },
      ],
    ],
    ['a label that is no identifier', [{ n: 0, l: ['A`) DETACH DELETE n //'], p: {} }]],
    [
      'a node after the relationships',
      [
        { n: 0, l: ['A'], p: {} },
        { r: [0, 0], t: 'X', p: {} },
        { n: 1, l: ['A'], p: {} },
      ],
    ],
    ['an unknown value tag', [{ n: 0, l: ['A'], p: { x: { $map: {} } } }]],
  ])('refuses %s although the checksum matches', async (_name, records) => {
    const file = path.join(directory, 'bad.backup');
    await writeBackupFile(file, header, from(records));
    await expect(verifyBackupFile(file)).rejects.toThrow(BackupFileError);
  });

  it('refuses a header whose counts disagree with the payload', async () => {
    const file = path.join(directory, 'counts.backup');
    await writeBackupFile(file, header, from([{ n: 0, l: ['A'], p: {} }]));
    const bytes = await readFile(file);
    const end = bytes.indexOf(10);
    const parsed = JSON.parse(bytes.subarray(0, end).toString('utf8'));
    parsed.counts.nodes = 2;
    await writeFile(file, Buffer.concat([Buffer.from(JSON.stringify(parsed)), bytes.subarray(end)]));
    await expect(verifyBackupFile(file)).rejects.toThrow(
      /holds 1 nodes and 0 relationships, the header says 2/,
    );
  });

  it('encodes values so that integers, floats and special numbers survive JSON', () => {
    const values = [
      neo4j.int('9007199254740993'),
      1,
      0.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      'text',
      true,
      [neo4j.int(1), neo4j.int(2)],
      new Int8Array([1, -1]),
      new neo4j.types.Duration(neo4j.int(1), neo4j.int(2), neo4j.int(3), neo4j.int(4)),
    ];
    for (const value of values) {
      const decoded = decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));
      expect(decoded).toEqual(value);
    }
    expect(encodeValue(neo4j.int(7))).toEqual({ $int: '7' });
    expect(encodeValue(7)).toBe(7);
  });
});
