import path from 'node:path';
import type { PDFParse } from 'pdf-parse';
import { readAll } from '../../sources/file-source.ts';
import { patentDocumentId, sha256 } from '../document-ids.ts';
import type {
  DocumentParser,
  ParsedDocument,
  ParsedSection,
  ParseOutcome,
  ParseSource,
} from '../document-parser.ts';
import { withNativeBuiltins } from '../native-builtins.ts';
import { normalizeWhitespace } from '../xml/xml-text.ts';

/** Limits of the PDF parser. */
export interface PdfPatentParserOptions {
  /** Largest PDF read (default 100 MiB). */
  maxBytes?: number;
  /** Longest time spent extracting text from one PDF (default 60 s). */
  timeoutMs?: number;
}

/** A publication number printed on a patent's front page. */
export interface PrintedPatentNumber {
  country: string;
  number: string;
  kindCode: string;
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Finds the publication number on a patent front page: `US 2018/0312949 A1`, `US 7,654,321 B2`,
 * `US D701,016 S`, `EP 1 442 058 B1`. Returns undefined for anything else (then the PDF is a report).
 */
export function findPrintedPatentNumber(text: string): PrintedPatentNumber | undefined {
  const application = /\bUS\s*(\d{4})\s*\/\s*(\d{7})\s*(A[129])\b/.exec(text);
  if (application)
    return { country: 'US', number: `${application[1]}${application[2]}`, kindCode: application[3] ?? '' };
  const grant = /\bUS\s*((?:RE|D|PP)?\s?\d{1,2},?\d{3},?\d{3})\s*(B[12]|S1?|E1?|P[23]?)\b/.exec(text);
  if (grant)
    return { country: 'US', number: (grant[1] ?? '').replace(/[\s,]/g, ''), kindCode: grant[2] ?? '' };
  const european = /\bEP\s*(\d\s?\d{3}\s?\d{3})\s*(A[1-4]|B[1-3])\b/.exec(text);
  if (european)
    return { country: 'EP', number: (european[1] ?? '').replace(/\s/g, ''), kindCode: european[2] ?? '' };
  return undefined;
}

/** First printed date after a "Date of Patent" / "Pub. Date" label (`Nov. 1, 2018`), as YYYY-MM-DD. */
export function findPrintedDate(text: string): string | undefined {
  const match =
    /(?:Date of Patent|Pub\.\s*Date|Date of publication)\s*:?\s*\**\s*([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),\s*(\d{4})/i.exec(
      text,
    );
  if (!match) return undefined;
  const month = monthNames.indexOf((match[1] ?? '').toLowerCase()) + 1;
  if (month === 0) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${(match[2] ?? '').padStart(2, '0')}`;
}

/**
 * Patent (or any) PDFs via pdf-parse: one `body` span per page with its page number. The id comes from
 * the printed publication number when the front page has one, so a PDF and the XML of the same
 * publication collapse to one document; other PDFs become `report:<sha256 of the bytes>`.
 */
export class PdfPatentParser implements DocumentParser {
  readonly format = 'pdf';
  constructor(private readonly options: PdfPatentParserOptions = {}) {}

  detect(source: ParseSource): boolean {
    // The spec lets the header sit anywhere in the first 1024 bytes.
    return source.head.subarray(0, 1024).includes('%PDF-');
  }

  async *parse(source: ParseSource): AsyncGenerator<ParseOutcome> {
    try {
      const bytes = await readAll(source, this.options.maxBytes ?? 100 * 1024 * 1024);
      const document = await withTimeout(
        readPdf(source, bytes),
        this.options.timeoutMs ?? 60_000,
        source.name,
      );
      yield { ok: true, document };
    } catch (error) {
      yield {
        ok: false,
        item: source.name,
        reason: `unreadable PDF: ${errorMessage(error)}`,
        retryable: false,
      };
    }
  }
}

/** The default PDF parser (100 MiB, 60 s). */
export const pdfPatentParser: DocumentParser = new PdfPatentParser();

type PdfLibrary = typeof import('pdf-parse');
let pdfLibrary: Promise<PdfLibrary> | undefined;

/**
 * pdf-parse (with pdf.js) is loaded on the first PDF, not with the parsers: a run without PDFs never
 * loads it, and its polyfills are undone after every use (see `withNativeBuiltins`).
 */
function loadPdfLibrary(): Promise<PdfLibrary> {
  pdfLibrary ??= import('pdf-parse');
  return pdfLibrary;
}

function readPdf(source: ParseSource, bytes: Buffer): Promise<ParsedDocument> {
  return withNativeBuiltins(async () => readPdfText(source, bytes, (await loadPdfLibrary()).PDFParse));
}

async function readPdfText(
  source: ParseSource,
  bytes: Buffer,
  Parser: PdfLibrary['PDFParse'],
): Promise<ParsedDocument> {
  // pdf.js takes ownership of the array it is given, so hand it a copy.
  const pdf = new Parser({ data: new Uint8Array(bytes) });
  try {
    const result = await pdf.getText();
    const pages = result.pages
      .map((page) => ({ num: page.num, text: normalizeWhitespace(page.text) }))
      .filter((page) => page.text.length > 0);
    if (pages.length === 0) throw new Error('no extractable text (scanned images only?)');
    const frontText = pages
      .slice(0, 2)
      .map((page) => page.text)
      .join('\n');
    const printed = findPrintedPatentNumber(frontText);
    const publishedAt = findPrintedDate(frontText) ?? source.fallbackDate ?? (await creationDate(pdf));
    if (!publishedAt) throw new Error('no publication date: no printed date, fallbackDate or CreationDate');
    let text = '';
    const sections: ParsedSection[] = [];
    for (const page of pages) {
      if (text) text += '\n\n';
      sections.push({
        name: 'body',
        start: text.length,
        end: text.length + page.text.length,
        page: page.num,
      });
      text += page.text;
    }
    const firstLine = pages[0]?.text.split('\n')[0]?.trim() ?? '';
    const document: ParsedDocument = {
      id: printed
        ? patentDocumentId(printed.country, printed.number, printed.kindCode)
        : `report:${sha256(bytes)}`,
      kind: printed ? 'patent' : 'report',
      title: firstLine.slice(0, 300) || path.basename(source.name),
      text,
      sections,
      publishedAt: publishedAt.slice(0, 10),
      language: 'en',
      source: 'pdf',
    };
    if (printed) {
      document.number = printed.number;
      document.kindCode = printed.kindCode;
    }
    return document;
  } finally {
    await pdf.destroy();
  }
}

async function creationDate(pdf: PDFParse): Promise<string | undefined> {
  try {
    const date = (await pdf.getInfo()).getDateNode().CreationDate;
    return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : undefined;
  } catch {
    return undefined;
  }
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`text extraction of ${name} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
    : String(error);
}
