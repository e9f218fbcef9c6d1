import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../../ingest/parse/document-parser.ts';
import { UsptoXmlParser, usptoXmlParser } from '../../../../ingest/parse/patent/uspto-xml-parser.ts';
import { bufferSource, openFileSource } from '../../../../ingest/sources/file-source.ts';
import { fixture } from '../../../support/paths.ts';
import { collect, expectParserContract } from '../parser-contract.ts';

const formats = (...parts: string[]) => fixture('uspto-xml-formats', ...parts);
const weekly = (file: string) => fixture('uspto-ipg-weekly-excerpts', file);

async function parseOne(path: string): Promise<ParsedDocument> {
  const documents = await expectParserContract(usptoXmlParser, await openFileSource(path));
  expect(documents).toHaveLength(1);
  return documents[0] as ParsedDocument;
}

function sectionTexts(document: ParsedDocument, name: string): string[] {
  return document.sections
    .filter((section) => section.name === name)
    .map((section) => document.text.slice(section.start, section.end));
}

describe('usptoXmlParser on ICE XML v4.x', () => {
  it('reads a v4.4 grant: bibliographic data, abstract, numbered description, claims', async () => {
    const document = await parseOne(formats('docling', 'ipg08672134.xml.gz'));
    expect(document).toMatchObject({
      id: 'patent:US8672134B2',
      number: '08672134',
      kindCode: 'B2',
      title: 'Child-resistant medication container',
      publishedAt: '2014-03-18',
      filedAt: '2009-03-31',
      language: 'en',
      source: 'uspto-xml',
      assignees: ['Merck Serono SA'],
      inventors: ['Peter John Sprada', 'Robert Prasser'],
    });
    expect(document.ipc?.[0]).toBe('B65D 83/04');
    expect(document.sections[0]).toEqual({ name: 'title', start: 0, end: document.title.length });
    const claims = document.sections.filter((section) => section.name === 'claims');
    expect(claims).toHaveLength(43);
    expect(claims[0]?.paragraph).toBe('1');
    expect(sectionTexts(document, 'claims')[0]).toMatch(/^1\. /);
    const firstParagraph = document.sections.find(
      (section) => section.name === 'description' && section.paragraph,
    );
    expect(firstParagraph?.paragraph).toBe('[0001]');
    expect(document.text).not.toMatch(/<\/?[a-z-]+>/);
  });

  it('reads CPC codes and keeps subscripts inline (v4.5, OLED material)', async () => {
    const document = await parseOne(formats('uspto-patentpublicdata', 'xml2014', 'US08927118.xml.gz'));
    expect(document.id).toBe('patent:US8927118B2');
    expect(document.cpc?.[0]).toBe('C07D 493/04');
    expect(document.sections.filter((section) => section.name === 'claims')).toHaveLength(45);
    expect(document.text).not.toContain('&#');
  });

  it('reads an application with applicants as assignees and a design grant with its letter prefix', async () => {
    const application = await parseOne(formats('docling', 'ipa20180000016.xml.gz'));
    expect(application).toMatchObject({
      id: 'patent:US20180000016A1',
      kindCode: 'A1',
      publishedAt: '2018-01-04',
    });
    expect(application.cpc?.[0]).toBe('A01G 7/045');
    expect(application.assignees?.[0]).toMatch(/^NICHIA CORPORATION/);
    const design = await parseOne(formats('docling', 'ipgD0701016.xml'));
    expect(design).toMatchObject({ id: 'patent:USD701016S1', number: 'D0701016', kindCode: 'S1' });
  });

  it('reads a v4.0 file that has no XML declaration', async () => {
    const document = await parseOne(formats('go-uspto', 'application', 'v4-0-A1.xml'));
    expect(document).toMatchObject({ id: 'patent:US20050000001A1', title: 'Novelty jeans' });
    expect(document.ipc).toEqual(['A41D 1/06']);
  });
});

describe('usptoXmlParser on 2001-2004 formats', () => {
  it('reads PAP v1.5 applications with [0001] paragraph labels and ISO entities decoded', async () => {
    const document = await parseOne(formats('docling', 'pa20010031492.xml.gz'));
    expect(document).toMatchObject({
      id: 'patent:US20010031492A1',
      title: 'Assay reagent',
      source: 'uspto-pap-xml',
      assignees: ['Azur Environmental'],
      filedAt: '2000-12-01',
    });
    const labelled = document.sections.find((section) => section.paragraph === '[0001]');
    expect(labelled?.name).toBe('description');
    expect(document.text).toContain('Zeocin\u2122');
    expect(document.text).not.toContain('&lsqb;');
    expect(document.sections.filter((section) => section.name === 'claims')).toHaveLength(17);
  });

  it('reads ST.32 v2.5 PATDOC grants with fixed-width IPC', async () => {
    const document = await parseOne(formats('docling', 'pg06442728.xml.gz'));
    expect(document).toMatchObject({
      id: 'patent:US6442728B1',
      title: 'Methods and apparatus for turbo code',
      assignees: ['Nortel Networks Limited'],
      ipc: ['H03M 13/00'],
      publishedAt: '2002-08-27',
    });
    expect(document.sections.filter((section) => section.name === 'claims')).toHaveLength(35);
    expect(document.text).toContain('N1\u00d7N2');
  });
});

describe('usptoXmlParser on weekly files', () => {
  const indexRows = async () => {
    const csv = await readFile(weekly('index.csv'), 'utf8');
    return csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [file, docIndex, docNumber, kind] = line.split(',');
        const claims = line.split(',').at(-1);
        return { file, docIndex: Number(docIndex), docNumber, kind, claims: Number(claims) };
      });
  };

  it('splits the weekly excerpts and matches index.csv document by document', async () => {
    const rows = await indexRows();
    const files = [...new Set(rows.map((row) => row.file))];
    let grants = 0;
    let sequenceListings = 0;
    for (const file of files) {
      const outcomes = await collect(usptoXmlParser, await openFileSource(weekly(file ?? '')));
      const expected = rows.filter((row) => row.file === file);
      expect(outcomes).toHaveLength(expected.length);
      for (const [index, outcome] of outcomes.entries()) {
        const row = expected[index];
        if (outcome.ok) {
          grants++;
          expect(outcome.document.number).toBe(row?.docNumber);
          expect(outcome.document.kindCode).toBe(row?.kind);
          expect(outcome.document.sections.filter((section) => section.name === 'claims')).toHaveLength(
            row?.claims ?? -1,
          );
        } else {
          sequenceListings++;
          expect(outcome.reason).toBe('not a patent document: sequence-cwu');
          expect(outcome.item).toMatch(new RegExp(`${file}#${row?.docIndex}$`));
        }
      }
    }
    // ipg060103 holds 25 grants and 2 sequence listings, ipg120327.196 holds 196 design grants.
    expect(grants).toBe(25 + 196);
    expect(sequenceListings).toBe(2);
  });

  it('passes the parser contract on a weekly file', async () => {
    const source = await openFileSource(weekly('ipg060103.small.xml.gz'));
    const documents = await expectParserContract(usptoXmlParser, source);
    expect(documents).toHaveLength(25);
    expect(documents.find((document) => document.number === '06982130')?.title).toBe(
      'Fused zirconia-based solid oxide fuel cell',
    );
  });

  it('reports a document over the size cap and goes on with the next one', async () => {
    const small = await readFile(formats('docling', 'ipgD0701016.xml'));
    const big = gunzipSync(await readFile(formats('docling', 'ipg08672134.xml.gz')));
    expect(big.length).toBeGreaterThan(80_000);
    expect(small.length).toBeLessThan(40_000);
    const parser = new UsptoXmlParser({ maxDocumentBytes: 50_000 });
    const outcomes = await collect(parser, bufferSource('weekly.xml', Buffer.concat([big, small])));
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ ok: false, item: 'weekly.xml#0' });
    expect(!outcomes[0]?.ok && outcomes[0]?.reason).toMatch(/^document too large: \d+ bytes$/);
    expect(outcomes[1]?.ok && outcomes[1].document.id).toBe('patent:USD701016S1');
  });
});
