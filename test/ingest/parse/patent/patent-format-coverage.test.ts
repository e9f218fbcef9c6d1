import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentParser } from '../../../../ingest/parse/document-parser.ts';
import { epoXmlParser } from '../../../../ingest/parse/patent/epo-xml-parser.ts';
import { pdfPatentParser } from '../../../../ingest/parse/patent/pdf-patent-parser.ts';
import { unsupportedPatentFormatParser } from '../../../../ingest/parse/patent/unsupported-patent-format-parser.ts';
import { usptoApsParser } from '../../../../ingest/parse/patent/uspto-aps-parser.ts';
import { usptoXmlParser } from '../../../../ingest/parse/patent/uspto-xml-parser.ts';
import { openFileSource } from '../../../../ingest/sources/file-source.ts';
import { fixture } from '../../../support/paths.ts';
import { collect } from '../parser-contract.ts';

const patentParsers: DocumentParser[] = [
  usptoXmlParser,
  epoXmlParser,
  usptoApsParser,
  pdfPatentParser,
  unsupportedPatentFormatParser,
];

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name !== 'README.md')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Keyed by file name without a `.gz` (gzip is detected by content, so fixtures may be compressed). */
const expectedRejections: Record<string, RegExp> = {
  'tables_ipa20180000016.xml': /^not a patent document: table fragment/,
  'cpcMaster.xml': /^not a patent document: USPTO CPC master classification file/,
  'cpc-scheme-A01L.xml': /^not a patent document: CPC classification scheme/,
  'css_brs_sample.txt': /^unsupported format: USPTO BRS\/CSS text dump/,
  'sample_XML4IP.ZIP': /^unsupported format: USPTO XML4IP ZIP/,
};

describe('every fixture patent file is parsed or rejected with a specific reason', () => {
  for (const [folder, count] of [
    ['uspto-xml-formats', 17],
    ['epo-xml-formats', 10],
  ] as const) {
    it(folder, async () => {
      const files = await listFiles(fixture(folder));
      expect(files).toHaveLength(count);
      for (const file of files) {
        const source = await openFileSource(file);
        const detecting = patentParsers.filter((parser) => parser.detect(source));
        expect(
          detecting.map((parser) => parser.format),
          file,
        ).toHaveLength(1);
        const outcomes = await collect(detecting[0] as DocumentParser, source);
        expect(outcomes.length, file).toBeGreaterThan(0);
        const rejection = expectedRejections[path.basename(file).replace(/\.gz$/, '')];
        for (const outcome of outcomes) {
          if (rejection) expect(!outcome.ok && outcome.reason, file).toMatch(rejection);
          else expect(outcome.ok ? 'parsed' : outcome.reason, file).toBe('parsed');
        }
      }
    });
  }
});
