import type { SectionName } from '../../../graph/index.ts';
import { patentDocumentId } from '../document-ids.ts';
import type { ParsedDocument, ParsedSection } from '../document-parser.ts';

/** One paragraph-sized piece of a patent in reading order (abstract paragraph, claim, description paragraph, page). */
export interface PatentBlock {
  name: SectionName;
  text: string;
  paragraph?: string;
  page?: number;
  language?: string;
}

/** Everything a format-specific reader reads from one patent publication. */
export interface PatentRecord {
  country: string;
  /** Publication number as printed in the source (leading zeros kept). */
  number: string;
  kindCode?: string;
  title: string;
  titleLanguage?: string;
  publishedAt: string;
  filedAt?: string;
  language: string;
  source: string;
  cpc?: string[];
  ipc?: string[];
  assignees?: string[];
  inventors?: string[];
  blocks: PatentBlock[];
}

const blockSeparator = '\n\n';

/** Error for a publication that lacks what every document needs (number, date). */
export class IncompletePatentError extends Error {
  override readonly name = 'IncompletePatentError';
}

/**
 * Builds the stored text (title first, then the blocks, joined by blank lines) and one section span per
 * block, so that `text.slice(start, end)` is exactly the block's text.
 */
export function buildPatentDocument(record: PatentRecord): ParsedDocument {
  if (!record.number.trim()) throw new IncompletePatentError('no publication number');
  if (!record.publishedAt) throw new IncompletePatentError(`no publication date for ${record.number}`);
  const title = record.title.trim() || `${record.country} ${record.number} ${record.kindCode ?? ''}`.trim();
  const blocks: PatentBlock[] = [
    { name: 'title', text: title, language: record.titleLanguage },
    ...record.blocks,
  ];
  const sections: ParsedSection[] = [];
  let text = '';
  for (const block of blocks) {
    const blockText = block.text.trim();
    if (!blockText) continue;
    if (text) text += blockSeparator;
    const section: ParsedSection = {
      name: block.name,
      start: text.length,
      end: text.length + blockText.length,
    };
    if (block.paragraph) section.paragraph = block.paragraph;
    if (block.page !== undefined) section.page = block.page;
    if (block.language) section.language = block.language;
    sections.push(section);
    text += blockText;
  }
  const document: ParsedDocument = {
    id: patentDocumentId(record.country, record.number, record.kindCode),
    kind: 'patent',
    title,
    text,
    sections,
    publishedAt: record.publishedAt,
    language: record.language,
    source: record.source,
    number: record.number,
  };
  if (record.filedAt) document.filedAt = record.filedAt;
  if (record.kindCode) document.kindCode = record.kindCode;
  if (record.cpc?.length) document.cpc = record.cpc;
  if (record.ipc?.length) document.ipc = record.ipc;
  if (record.assignees?.length) document.assignees = record.assignees;
  if (record.inventors?.length) document.inventors = record.inventors;
  return document;
}
