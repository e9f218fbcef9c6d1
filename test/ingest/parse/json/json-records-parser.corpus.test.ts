import { describe, expect, it } from 'vitest';
import { jsonRecordsParser } from '../../../../ingest/parse/json/json-records-parser.ts';
import { openFileSource } from '../../../../ingest/sources/file-source.ts';
import { sharedData } from '../../../support/paths.ts';
import { expectParserContract } from '../parser-contract.ts';

const pap2pat = sharedData('pap2pat-patent-paper-pairs', 'pap2pat_metadata_abstract_claims.jsonl.gz');
const reuters = sharedData('news-reuters21578-chem', 'reut2-chem-subset.jsonl');

describe('JsonRecordsParser on the whole shared record files', () => {
  it('streams all 1,813 Pap2Pat records with distinct ids', async () => {
    const documents = await expectParserContract(jsonRecordsParser, await openFileSource(pap2pat));
    expect(documents).toHaveLength(1813);
    expect(documents[0]?.id).toBe('patent:US20130210636A1');
    expect(new Set(documents.map((document) => document.id)).size).toBe(1813);
  });

  it('reads all 163 Reuters stories as news with their dates', async () => {
    const documents = await expectParserContract(jsonRecordsParser, await openFileSource(reuters));
    expect(documents).toHaveLength(163);
    const kevlar = documents[0];
    expect(kevlar?.title).toBe('DU PONT CO <DD> LAUNCHES IMPROVED ARAMID FIBERS');
    expect(kevlar?.publishedAt).toBe('1987-02-26');
    expect(kevlar?.kind).toBe('news');
    expect(kevlar?.text).toContain('Kevlar 149');
    expect(kevlar?.text).not.toMatch(/Reuter$/);
  });
});
