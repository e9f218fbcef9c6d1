import { sha256 } from '../document-ids.ts';
import type { ParsedDocument, ParsedSection } from '../document-parser.ts';
import { normalizeDate } from '../news/news-dates.ts';
import { buildNewsDocument } from '../news/news-document-builder.ts';
import { ParseInputError } from '../parse-input-error.ts';
import { buildPatentDocument, type PatentBlock } from '../patent/patent-document-builder.ts';
import type { RecordMapping } from './json-record-mapping.ts';

type JsonRecord = Record<string, unknown>;

/** Trims every line and drops blank ones, keeping the line structure of claims and abstracts. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function stringField(record: JsonRecord, field: string | undefined): string | undefined {
  if (!field) return undefined;
  const value = record[field];
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return value.join(', ') || undefined;
  return undefined;
}

function stringList(record: JsonRecord, field: string | undefined): string[] {
  if (!field) return [];
  const value = record[field];
  if (Array.isArray(value))
    return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return typeof value === 'string' && value.trim() ? [value] : [];
}

/** Paragraphs of a string (blank-line separated), a string array, or nested `{title, paragraphs, subsections}`. */
function paragraphsOf(value: unknown): string[] {
  if (typeof value === 'string')
    return value
      .split(/\n\s*\n/)
      .map(tidy)
      .filter(Boolean);
  if (!Array.isArray(value)) return [];
  const paragraphs: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') {
      paragraphs.push(...paragraphsOf(item));
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    const section = item as { title?: unknown; paragraphs?: unknown; subsections?: unknown };
    const own = paragraphsOf(section.paragraphs);
    const title = typeof section.title === 'string' ? tidy(section.title) : '';
    // Pap2Pat repeats the heading at the start of the first paragraph; keep it once.
    if (title && !(own[0] ?? '').startsWith(title)) paragraphs.push(title);
    paragraphs.push(...own, ...paragraphsOf(section.subsections));
  }
  return paragraphs;
}

/** Claims from an array of claim texts or one string of numbered claims. */
function claimsOf(value: unknown): Array<{ text: string; number: string }> {
  const texts = Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string'
      ? value.split(/\n(?=\s*\d+\s*\.\s)/)
      : [];
  return texts
    .map(tidy)
    .filter(Boolean)
    .map((text, index) => ({ text, number: /^(\d+)\s*\./.exec(text)?.[1] ?? String(index + 1) }));
}

function requireDate(record: JsonRecord, mapping: RecordMapping): string {
  const raw = stringField(record, mapping.fields.date);
  const date = normalizeDate(raw);
  if (!date)
    throw new ParseInputError(
      `field "${mapping.fields.date}" holds no date (${JSON.stringify(raw ?? null)})`,
    );
  return date;
}

function patentFromRecord(record: JsonRecord, mapping: RecordMapping): ParsedDocument {
  const { fields } = mapping;
  const number = stringField(record, fields.number);
  if (!number) throw new ParseInputError(`field "${fields.number}" holds no publication number`);
  const blocks: PatentBlock[] = [];
  for (const [index, paragraph] of paragraphsOf(record[fields.abstract ?? '']).entries()) {
    blocks.push({ name: 'abstract', text: paragraph, paragraph: `a${index + 1}` });
  }
  for (const claim of claimsOf(record[fields.claims ?? ''])) {
    blocks.push({ name: 'claims', text: claim.text, paragraph: claim.number });
  }
  for (const [index, paragraph] of paragraphsOf(record[fields.description ?? '']).entries()) {
    blocks.push({ name: 'description', text: paragraph, paragraph: `p${index + 1}` });
  }
  const country = /^[A-Z]{2}/.exec(number)?.[0] ?? mapping.country ?? 'US';
  return buildPatentDocument({
    country,
    number: number.replace(new RegExp(`^${country}`), ''),
    kindCode: stringField(record, fields.kindCode) ?? mapping.defaultKindCode,
    title: stringField(record, fields.title) ?? '',
    publishedAt: requireDate(record, mapping),
    language: stringField(record, fields.language) ?? 'en',
    source: mapping.source,
    inventors: stringList(record, fields.inventors),
    blocks,
  });
}

function newsFromRecord(record: JsonRecord, mapping: RecordMapping): ParsedDocument {
  const { fields } = mapping;
  // Reuters bodies mark paragraphs by indentation and end with the "Reuter" sign-off.
  const body = (stringField(record, fields.body) ?? '')
    .replace(/\s*\bReuter\s*$/, '')
    .replace(/\n(?=[ \t]{2,})/g, '\n\n');
  return buildNewsDocument({
    title: stringField(record, fields.title) ?? '',
    paragraphs: paragraphsOf(body),
    publishedAt: requireDate(record, mapping),
    source: mapping.source,
    language: stringField(record, fields.language),
    url: stringField(record, fields.url),
    byline: stringField(record, fields.byline),
  });
}

function reportFromRecord(record: JsonRecord, mapping: RecordMapping): ParsedDocument {
  const { fields } = mapping;
  const title = tidy(stringField(record, fields.title) ?? '');
  const blocks: Array<{ name: ParsedSection['name']; text: string; paragraph?: string }> = [];
  if (title) blocks.push({ name: 'title', text: title });
  for (const paragraph of paragraphsOf(record[fields.abstract ?? '']))
    blocks.push({ name: 'abstract', text: paragraph });
  for (const [index, paragraph] of paragraphsOf(record[fields.body ?? '']).entries()) {
    blocks.push({ name: 'body', text: paragraph, paragraph: `p${index + 1}` });
  }
  if (blocks.length === 0) throw new ParseInputError('record has no title and no text');
  let text = '';
  const sections: ParsedSection[] = [];
  for (const block of blocks) {
    if (text) text += '\n\n';
    const section: ParsedSection = {
      name: block.name,
      start: text.length,
      end: text.length + block.text.length,
    };
    if (block.paragraph) section.paragraph = block.paragraph;
    sections.push(section);
    text += block.text;
  }
  const identifier = stringField(record, fields.number);
  // An OpenAlex work URI ends in the work id (W1998881035); other ids are hashed to stay whitespace-free.
  const key = identifier
    ? (/\/(W\d+)$/.exec(identifier)?.[1] ?? sha256(identifier).slice(0, 24))
    : sha256(text).slice(0, 24);
  const document: ParsedDocument = {
    id: `report:${key}`,
    kind: 'report',
    title: title || text.slice(0, 120),
    text,
    sections,
    publishedAt: requireDate(record, mapping),
    language: stringField(record, fields.language) ?? 'en',
    source: mapping.source,
  };
  const url =
    stringField(record, fields.url) ?? (identifier && /^https?:/.test(identifier) ? identifier : undefined);
  if (url) document.url = url;
  const byline = stringField(record, fields.byline);
  if (byline) document.byline = byline;
  return document;
}

/** Turns one JSON record into a document following a declared mapping. */
export function recordToDocument(record: JsonRecord, mapping: RecordMapping): ParsedDocument {
  if (mapping.kind === 'patent') return patentFromRecord(record, mapping);
  if (mapping.kind === 'news') return newsFromRecord(record, mapping);
  return reportFromRecord(record, mapping);
}
