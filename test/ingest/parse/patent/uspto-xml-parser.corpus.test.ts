import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { usptoXmlParser } from '../../../../ingest/parse/patent/uspto-xml-parser.ts';
import { openFileSource } from '../../../../ingest/sources/file-source.ts';
import { sharedData } from '../../../support/paths.ts';
import { collect } from '../parser-contract.ts';

describe('usptoXmlParser on every shared weekly excerpt', () => {
  it('splits all ten weekly files and matches index.csv document by document', async () => {
    const csv = await readFile(sharedData('uspto-ipg-weekly-excerpts', 'index.csv'), 'utf8');
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [file, docIndex, docNumber, kind] = line.split(',');
        return { file, docIndex: Number(docIndex), docNumber, kind, claims: Number(line.split(',').at(-1)) };
      });
    const files = [...new Set(rows.map((row) => row.file))];
    expect(files).toHaveLength(10);
    let grants = 0;
    let sequenceListings = 0;
    for (const file of files) {
      const outcomes = await collect(
        usptoXmlParser,
        await openFileSource(sharedData('uspto-ipg-weekly-excerpts', file ?? '')),
      );
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
    expect(grants).toBe(421);
    expect(sequenceListings).toBe(5);
  });
});
