import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../../ingest/parse/document-parser.ts';
import { UsptoApsParser, usptoApsParser } from '../../../../ingest/parse/patent/uspto-aps-parser.ts';
import { bufferSource, openFileSource } from '../../../../ingest/sources/file-source.ts';
import { fixture } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

describe('usptoApsParser (green book text)', () => {
  it('reads the cyanine dye grant of 1997', async () => {
    const source = await openFileSource(fixture('uspto-xml-formats', 'docling', 'pftaps057006474.txt.gz'));
    const [document] = await expectParserContract(usptoApsParser, source);
    expect(document).toMatchObject({
      id: 'patent:US5700647A',
      number: '05700647',
      title: 'Carbocation containing cyanine-type dye',
      publishedAt: '1997-12-23',
      filedAt: '1995-12-07',
      assignees: ['Canon Kabushiki Kaisha'],
      ipc: ['C12Q 1/68'],
      source: 'uspto-aps',
    });
    expect(document?.inventors?.[0]).toBe('Takeshi Miyazaki');
    const claims = document?.sections.filter((section) => section.name === 'claims') ?? [];
    expect(claims[0]?.paragraph).toBe('1');
    expect(document?.text.slice(claims[0]?.start, claims[0]?.end)).toMatch(/^1\. A labeled complex/);
  });

  it('reads a 1976 green book sample', async () => {
    const source = await openFileSource(
      fixture('uspto-xml-formats', 'uspto-patentpublicdata', 'greenbook', 'US03937375.greenbook'),
    );
    const [document] = await expectParserContract(usptoApsParser, source);
    expect(document).toMatchObject({ id: 'patent:US3937375A', title: 'Bumper support for a boat loader' });
  });

  it('reports a record without an issue date', async () => {
    const record = Buffer.from('PATN\nWKU  039999994\nTTL  No date here\n');
    const outcomes = await collect(usptoApsParser, bufferSource('bad.txt', record));
    expect(outcomes).toEqual([
      { ok: false, item: 'bad.txt#0', reason: 'no publication date for 03999999', retryable: false },
    ]);
  });

  it('reads a weekly file record by record as it reads each record alone, and stops at a broken stream with what it read', async () => {
    const record = (number: string, title: string, body: string) =>
      `PATN\nWKU  0${number}4\nAPT  1\nTTL  ${title}\nISD  19760106\nASSG\nNAM  Acme Films Inc.\nABST\nPAL  ${body}\nCLMS\nNUM  1.\nPAR  A film of ${title.toLowerCase()}.\n`;
    // Text that does not compress, so a cut in the middle of the gzip falls inside the last record.
    let noise = '';
    for (let i = 0; noise.length < 200_000; i++)
      noise += createHash('sha256').update(String(i)).digest('hex');
    const records = [
      record('3999998', 'Polypropylene film', 'A film is used in capacitors.'),
      record('3999997', 'Polyimide tape', 'A tape is used in flexible circuits.'),
      record('3999996', 'Noise', noise),
    ];
    const alone = async (text: string): Promise<ParsedDocument> => {
      const [outcome] = await collect(usptoApsParser, bufferSource('one.txt', Buffer.from(text)));
      if (!outcome?.ok) throw new Error(`record not read: ${JSON.stringify(outcome)}`);
      return outcome.document;
    };
    const expected = await Promise.all(records.map(alone));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aps-weekly-'));
    try {
      const gz = gzipSync(Buffer.from(records.join('')));
      const whole = path.join(dir, 'pftaps19760106_wk01.txt.gz');
      await writeFile(whole, gz);
      const documents = await expectParserContract(usptoApsParser, await openFileSource(whole));
      expect(documents).toEqual(expected);

      const cut = path.join(dir, 'pftaps19760113_wk02.txt.gz');
      await writeFile(cut, gz.subarray(0, Math.floor(gz.length / 2)));
      const outcomes = await collect(usptoApsParser, await openFileSource(cut));
      expect(outcomes.slice(0, 2)).toEqual(expected.slice(0, 2).map((document) => ({ ok: true, document })));
      expect(outcomes[2]).toEqual({
        ok: false,
        item: `${cut}#2`,
        reason: 'stream failed: unexpected end of file',
        retryable: false,
      });
      expect(outcomes).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails a record over its cap alone and reads the next', async () => {
    const big = `PATN\nWKU  039999994\nISD  19760106\nTTL  Big\nBSUM\n${'PAR  film\n'.repeat(200)}`;
    const small = 'PATN\nWKU  039999976\nISD  19760106\nTTL  Small\nABST\nPAL  A small film.\n';
    const parser = new UsptoApsParser({ maxRecordCharacters: 1000 });
    const outcomes = await collect(parser, bufferSource('week.txt', Buffer.from(big + small)));
    expect(outcomes[0]).toEqual({
      ok: false,
      item: 'week.txt#0',
      reason: `document too large: ${big.length} characters`,
      retryable: false,
    });
    expect(outcomes[1]?.ok && outcomes[1].document.title).toBe('Small');
    expect(outcomes).toHaveLength(2);
  });

  it('detects and reads a file that starts with a UTF-8 byte-order mark', async () => {
    const text = await readFile(
      fixture('uspto-xml-formats', 'uspto-patentpublicdata', 'greenbook', 'US03937375.greenbook'),
    );
    const plain = await collect(usptoApsParser, bufferSource('plain.txt', text));
    const marked = bufferSource('marked.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    expect(usptoApsParser.detect(marked)).toBe(true);
    expect(await collect(usptoApsParser, marked)).toEqual(plain);
    expect(plain).toHaveLength(1);
  });
});
