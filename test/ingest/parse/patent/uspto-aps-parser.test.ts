import { describe, expect, it } from 'vitest';
import { usptoApsParser } from '../../../../ingest/parse/patent/uspto-aps-parser.ts';
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
});
