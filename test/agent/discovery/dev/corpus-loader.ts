import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One line of documents.jsonl. */
export interface CorpusEntry {
  id: string;
  kind: 'patent' | 'news';
  date: string;
  source: { path: string; line?: number; docIndex?: number };
}

/** A document's text as the benchmark annotates it: title plus segments (paragraphs, claims). */
export interface CorpusText {
  id: string;
  kind: 'patent' | 'news';
  date: string;
  segments: string[];
}

export function readDocumentIndex(sharedRoot: string, documentIndex: string): CorpusEntry[] {
  return readFileSync(resolve(sharedRoot, documentIndex), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusEntry);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function stripTags(xml: string): string {
  return decodeEntities(xml.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
}

const fileCache = new Map<string, string[]>();

function jsonlLines(path: string): string[] {
  let lines = fileCache.get(path);
  if (!lines) {
    const buffer = readFileSync(path);
    const text = path.endsWith('.gz') ? gunzipSync(buffer).toString('utf8') : buffer.toString('utf8');
    lines = text.split('\n');
    fileCache.set(path, lines);
  }
  return lines;
}

function usptoGrants(path: string): string[] {
  let grants = fileCache.get(path);
  if (!grants) {
    const text = gunzipSync(readFileSync(path)).toString('utf8');
    grants = text.split(/<\?xml[^>]*\?>/).filter((part) => /<us-patent-grant[\s>]/.test(part));
    fileCache.set(path, grants);
  }
  return grants;
}

function pressText(markdown: string): string[] {
  const lines = markdown.split('\n');
  const titleLine = lines.findIndex((line) => line.startsWith('# '));
  const title = titleLine >= 0 ? (lines[titleLine] as string).slice(2).trim() : '';
  const body = lines
    .slice(titleLine + 1)
    .join('\n')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\bwww\.\S+/g, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ');
  return [title, ...paragraphs(body)];
}

/** Loads title + abstract + claims (patents) or title + body (news) of the given entries. */
export function loadCorpusTexts(sharedRoot: string, entries: readonly CorpusEntry[]): CorpusText[] {
  const texts: CorpusText[] = [];
  for (const entry of entries) {
    const path = resolve(sharedRoot, entry.source.path);
    let segments: string[];
    if (entry.id.startsWith('pap2pat:')) {
      const record = JSON.parse(jsonlLines(path)[(entry.source.line as number) - 1] as string);
      segments = [
        String(record.patent_title ?? ''),
        ...paragraphs(String(record.abstract ?? '')),
        ...(record.claims as string[]).map((claim) => claim.replace(/\s+/g, ' ').trim()),
      ];
    } else if (entry.id.startsWith('reuters:')) {
      const record = JSON.parse(jsonlLines(path)[(entry.source.line as number) - 1] as string);
      const body = String(record.body ?? '').replace(/\n\s{2,}/g, '\n\n');
      segments = [String(record.title ?? ''), ...paragraphs(body)];
    } else if (entry.id.startsWith('uspto:')) {
      const grant = usptoGrants(path)[entry.source.docIndex as number] as string;
      const title = stripTags(/<invention-title[^>]*>([\s\S]*?)<\/invention-title>/.exec(grant)?.[1] ?? '');
      const abstract = /<abstract[^>]*>([\s\S]*?)<\/abstract>/.exec(grant)?.[1] ?? '';
      const abstractParagraphs = [...abstract.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((match) =>
        stripTags(match[1] as string),
      );
      const claims = [...grant.matchAll(/<claim [^>]*>([\s\S]*?)<\/claim>/g)].map((match) =>
        stripTags(match[1] as string),
      );
      segments = [title, ...abstractParagraphs, ...claims];
    } else {
      segments = pressText(readFileSync(path, 'utf8'));
    }
    texts.push({
      id: entry.id,
      kind: entry.kind,
      date: entry.date,
      segments: segments.filter((s) => s !== ''),
    });
  }
  return texts;
}
