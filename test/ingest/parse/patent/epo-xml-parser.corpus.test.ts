import { describe, expect, it } from 'vitest';
import { epoXmlParser } from '../../../../ingest/parse/patent/epo-xml-parser.ts';
import { openFileSource } from '../../../../ingest/sources/file-source.ts';
import { sharedData } from '../../../support/paths.ts';
import { expectParserContract } from '../parser-contract.ts';

describe('epoXmlParser on the shared samples', () => {
  it('reads the 2 MB gzipped DTD 1.5.1 application', async () => {
    const [document] = await expectParserContract(
      epoXmlParser,
      await openFileSource(sharedData('epo-xml-formats', 'application', 'v1-5-1-A2.xml.gz')),
    );
    expect(document?.title).toBe(
      'ENGINEERED GLYCOSYLTRANSFERASES AND STEVIOL GLYCOSIDE GLUCOSYLATION METHODS',
    );
    expect(document?.ipc).toEqual(['C12P 19/56', 'C12N 9/10']);
  });
});
