import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ParseOutcome } from '../../../ingest/parse/document-parser.ts';
import { type ReadInput, readDocuments } from '../../../ingest/pipeline/document-reader.ts';
import { isZip, zipArchiveItems } from '../../../ingest/sources/zip-archive.ts';
import { fixture } from '../../support/paths.ts';

const weeklyZip = fixture('zip', 'ipg120327.196.zip');
const weeklyGzip = fixture('uspto-ipg-weekly-excerpts', 'ipg120327.196.xml.gz');
const mixedZip = fixture('zip', 'mixed-folder.zip');

async function outcomes(input: ReadInput): Promise<ParseOutcome[]> {
  const all: ParseOutcome[] = [];
  for await (const outcome of readDocuments(input)) all.push(outcome);
  return all;
}

const documents = (all: ParseOutcome[]) => all.flatMap((outcome) => (outcome.ok ? [outcome.document] : []));
const failures = (all: ParseOutcome[]) =>
  all.flatMap((outcome) => (outcome.ok ? [] : [{ item: outcome.item, reason: outcome.reason }]));

describe('ZIP archives (USPTO weekly bulk files, zipped folders)', () => {
  it('reads a weekly file from its ZIP as from the same XML gzipped: the same documents, field for field', async () => {
    const zipped = await outcomes({ kind: 'file', path: weeklyZip });
    const gzipped = await outcomes({ kind: 'file', path: weeklyGzip });
    expect(failures(zipped)).toEqual([]);
    expect(documents(zipped)).toHaveLength(196);
    expect(documents(zipped)).toEqual(documents(gzipped));
  });

  it('reads the same archive from bytes in memory (a URL fetched whole) as from disk', async () => {
    const bytes = await readFile(mixedZip);
    const fromBytes = await outcomes({ kind: 'bytes', name: 'mixed-folder.zip', bytes });
    const fromDisk = await outcomes({ kind: 'file', path: mixedZip, name: 'mixed-folder.zip' });
    expect(fromBytes).toEqual(fromDisk);
  });

  it('parses each entry by its content, passes over folders, hidden and schema files, and reports entries it cannot open without stopping', async () => {
    const all = await outcomes({ kind: 'file', path: mixedZip, name: 'mixed-folder.zip' });
    const read = documents(all);
    expect(read.map((document) => document.kind)).toEqual(['news', 'patent', 'patent', 'news']);
    expect(read[0]?.title).toMatch(/lens/i);
    expect(read[3]?.title).toMatch(/separator/i);
    // The gzipped grant in the archive reads as the same file on disk does.
    const onDisk = await outcomes({
      kind: 'file',
      path: fixture('uspto-xml-formats', 'docling', 'ipg08672134.xml.gz'),
    });
    expect(read[2]).toEqual(documents(onDisk)[0]);
    const failed = failures(all);
    expect(failed.map((failure) => failure.item)).toEqual([
      'mixed-folder.zip!/releases/locked.md',
      'mixed-folder.zip!/releases/bzip2.md',
    ]);
    expect(failed[0]?.reason).toMatch(/^unreadable ZIP entry: encrypted; unpack it with its password/);
    expect(failed[1]?.reason).toMatch(
      /^unreadable ZIP entry: compression method 12 \(bzip2\) is not supported/,
    );
  });

  it('reports a truncated or corrupt archive as one failure naming it', async () => {
    const whole = await readFile(weeklyZip);
    for (const bytes of [whole.subarray(0, whole.length - 100), Buffer.from('PK\u0003\u0004 not a zip')]) {
      const all = await outcomes({ kind: 'bytes', name: 'ipg120327.zip', bytes });
      expect(all).toEqual([
        {
          ok: false,
          item: 'ipg120327.zip',
          reason: expect.stringMatching(/^unreadable ZIP archive: /),
          retryable: false,
        },
      ]);
    }
  });

  it('refuses an archive with more entries than the limit before reading any', async () => {
    const items = [];
    for await (const item of zipArchiveItems({ path: mixedZip }, 'mixed-folder.zip', { maxEntries: 3 }))
      items.push(item);
    expect(items).toEqual([
      {
        ok: false,
        item: 'mixed-folder.zip',
        reason: 'ZIP archive with 10 entries; at most 3 are read (unpack it and ingest the folder)',
      },
    ]);
  });

  it('keeps rejecting the USPTO XML4IP file-wrapper ZIP with its own reason', async () => {
    const xml4ip = fixture('uspto-xml-formats', 'uspto-patentpublicdata', 'xml4ip', 'sample_XML4IP.ZIP');
    expect(isZip(await readFile(xml4ip))).toBe(true);
    expect(failures(await outcomes({ kind: 'file', path: xml4ip, name: 'sample_XML4IP.ZIP' }))).toEqual([
      { item: 'sample_XML4IP.ZIP', reason: expect.stringMatching(/^unsupported format: USPTO XML4IP ZIP/) },
    ]);
  });
});
