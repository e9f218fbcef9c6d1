import { newsDocumentId } from '../document-ids.ts';
import type { ParsedDocument, ParsedSection } from '../document-parser.ts';

/** What a news format yields before it becomes a document: title, paragraphs and bibliographic data. */
export interface NewsRecord {
  title: string;
  paragraphs: string[];
  /** Absent when the item states no date. */
  publishedAt?: string;
  source: string;
  language?: string;
  url?: string;
  byline?: string;
}

/** A news item without a title or any body text: there is nothing to store. */
export class EmptyNewsError extends Error {
  override readonly name = 'EmptyNewsError';
}

const paragraphSeparator = '\n\n';

/** Collapses runs of whitespace inside a paragraph; paragraphs themselves are separated by the builder. */
export function cleanParagraph(text: string): string {
  return text
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/[ \t\f\v\r\n]+/g, ' ')
    .trim();
}

/**
 * Stored text is the title, a blank line, then the paragraphs separated by blank lines; each paragraph
 * is one `body` span labelled p1, p2, … so that chunks and citations can point at it.
 */
export function buildNewsDocument(record: NewsRecord): ParsedDocument {
  const title = cleanParagraph(record.title);
  const paragraphs = record.paragraphs.map(cleanParagraph).filter((paragraph) => paragraph.length > 0);
  if (!title && paragraphs.length === 0) throw new EmptyNewsError('no title and no body text');
  const effectiveTitle = title || (paragraphs[0] ?? '').slice(0, 120);
  const sections: ParsedSection[] = [];
  let text = '';
  if (title) {
    text = title;
    sections.push({ name: 'title', start: 0, end: title.length });
  }
  for (const [index, paragraph] of paragraphs.entries()) {
    if (text) text += paragraphSeparator;
    sections.push({
      name: 'body',
      start: text.length,
      end: text.length + paragraph.length,
      paragraph: `p${index + 1}`,
    });
    text += paragraph;
  }
  const document: ParsedDocument = {
    id: newsDocumentId({
      url: record.url,
      title: effectiveTitle,
      date: record.publishedAt?.slice(0, 10),
      body: paragraphs.join('\n'),
    }),
    kind: 'news',
    title: effectiveTitle,
    text,
    sections,
    language: record.language ?? 'en',
    source: record.source,
  };
  if (record.publishedAt) document.publishedAt = record.publishedAt;
  if (record.url) document.url = record.url;
  if (record.byline) document.byline = record.byline;
  return document;
}
