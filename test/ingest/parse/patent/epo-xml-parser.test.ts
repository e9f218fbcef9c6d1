import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../../ingest/parse/document-parser.ts';
import { epoXmlParser } from '../../../../ingest/parse/patent/epo-xml-parser.ts';
import { openFileSource } from '../../../../ingest/sources/file-source.ts';
import { fixture } from '../../../support/paths.ts';
import { expectParserContract } from '../parser-contract.ts';

async function parseOne(...parts: string[]): Promise<ParsedDocument> {
  const documents = await expectParserContract(
    epoXmlParser,
    await openFileSource(fixture('epo-xml-formats', ...parts)),
  );
  expect(documents).toHaveLength(1);
  return documents[0] as ParsedDocument;
}

describe('epoXmlParser', () => {
  it('reads a DTD 1.5 grant with claims in three languages', async () => {
    const document = await parseOne('grant', 'v1-5-B1.xml.gz');
    expect(document).toMatchObject({
      id: 'patent:EP3404678B1',
      kindCode: 'B1',
      title: 'HIGH VOLTAGE ASSEMBLY AND METHOD TO OPERATE THE HIGH VOLTAGE ASSEMBLY',
      publishedAt: '2021-06-30',
      filedAt: '2017-05-17',
      language: 'en',
      source: 'epo-xml',
      ipc: ['H01F 27/14', 'H01F 27/40'],
      assignees: ['General Electric Technology GmbH'],
      inventors: ['HARTHUM, Jörg', 'STIRL, Tobias'],
    });
    const claimLanguages = new Set(
      document.sections.filter((section) => section.name === 'claims').map((section) => section.language),
    );
    expect(claimLanguages).toEqual(new Set(['en', 'de', 'fr']));
    expect(document.sections.find((section) => section.name === 'description')?.language).toBe('en');
    expect(document.sections.find((section) => section.paragraph === '[0001]')?.name).toBe('description');
  });

  it('reads a DTD 1.0 application with B511/B512 IPC and a German one with an English title', async () => {
    const fluoro = await parseOne('application', 'v1-0-A1.xml');
    expect(fluoro).toMatchObject({
      id: 'patent:EP1325900A1',
      title: 'PROCESS FOR PRODUCING FLUOROALKANOL',
      ipc: ['C07C 29/44', 'C07C 31/38'],
      assignees: ['ASAHI GLASS COMPANY LTD.'],
    });
    const german = await parseOne('application', 'v1-0-A2.xml.gz');
    expect(german.language).toBe('de');
    expect(german.sections[0]?.language).toBe('en');
    expect(german.sections.find((section) => section.name === 'abstract')?.language).toBe('de');
  });

  it('repairs a bare & and a literal < in text instead of dropping the publication', async () => {
    const document = await parseOne('application', 'v1-5-1-A1-2.xml.gz');
    expect(document.id).toBe('patent:EP3889521A1');
    expect(document.text).toContain('<First Embodiment');
  });

  it('reads gzipped DTD 1.5.1 applications', async () => {
    const document = await parseOne('application', 'v1-5-1-A1.xml.gz');
    expect(document).toMatchObject({
      id: 'patent:EP3882239A1',
      title: '1,3,4-OXADIAZOLONE COMPOUND AND MEDICINE',
      publishedAt: '2021-09-22',
    });
    expect(document.ipc?.[0]).toBe('C07D 271/113');
    expect(document.ipc).toHaveLength(14);
  });
});
