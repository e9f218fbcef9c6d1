import { describe, expect, it } from 'vitest';
import {
  findPrintedPatentNumber,
  pdfPatentParser,
} from '../../../../ingest/parse/patent/pdf-patent-parser.ts';
import { bufferSource } from '../../../../ingest/sources/file-source.ts';
import { collect, expectParserContract } from '../parser-contract.ts';
import { buildMinimalPdf } from './minimal-pdf.ts';

describe('pdfPatentParser', () => {
  it('reads a two-page patent PDF into page spans with the printed publication number as id', async () => {
    const pdf = buildMinimalPdf([
      ['Polyolefin nanocomposite for cable insulation', 'US 2018/0312949 A1', 'Pub. Date: Nov. 1, 2018'],
      ['A composition comprising a polyethylene and a nanoclay.', 'The nanoclay is 2 wt% montmorillonite.'],
    ]);
    const [document] = await expectParserContract(pdfPatentParser, bufferSource('sample.pdf', pdf));
    expect(document?.id).toBe('patent:US20180312949A1');
    expect(document?.kind).toBe('patent');
    expect(document?.title).toBe('Polyolefin nanocomposite for cable insulation');
    expect(document?.publishedAt).toBe('2018-11-01');
    expect(document?.sections.map((section) => section.page)).toEqual([1, 2]);
    const second = document?.sections[1];
    expect(document?.text.slice(second?.start, second?.end)).toContain('montmorillonite');
  });

  it('names a PDF without a patent number report:<sha256> and uses the fallback date', async () => {
    const pdf = buildMinimalPdf([
      ['Market report on EV battery materials', 'Lithium iron phosphate demand grows.'],
    ]);
    const [outcome] = await collect(
      pdfPatentParser,
      bufferSource('report.pdf', pdf, { fallbackDate: '2024-05-02' }),
    );
    expect(outcome?.ok).toBe(true);
    if (!outcome?.ok) return;
    expect(outcome.document.id).toMatch(/^report:[0-9a-f]{64}$/);
    expect(outcome.document.kind).toBe('report');
    expect(outcome.document.publishedAt).toBe('2024-05-02');
  });

  it('reports garbage after a %PDF header as an unreadable PDF', async () => {
    const garbage = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from('\u0000\u0001garbage bytes'.repeat(50)),
    ]);
    const source = bufferSource('broken.pdf', garbage);
    expect(pdfPatentParser.detect(source)).toBe(true);
    const [outcome] = await collect(pdfPatentParser, source);
    expect(outcome).toMatchObject({ ok: false, item: 'broken.pdf', retryable: false });
    expect(!outcome?.ok && outcome?.reason).toMatch(/^unreadable PDF: /);
  });

  it('does not claim non-PDF content', () => {
    expect(pdfPatentParser.detect(bufferSource('x.txt', Buffer.from('hello')))).toBe(false);
  });

  it('finds printed grant and EP numbers', () => {
    expect(findPrintedPatentNumber('(10) Patent No.: US 7,654,321 B2')).toEqual({
      country: 'US',
      number: '7654321',
      kindCode: 'B2',
    });
    expect(findPrintedPatentNumber('EP 1 442 058 B1')).toEqual({
      country: 'EP',
      number: '1442058',
      kindCode: 'B1',
    });
    expect(findPrintedPatentNumber('no number here')).toBeUndefined();
  });
});
