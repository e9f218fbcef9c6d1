import type { Chunk } from '../../graph/index.ts';
import type { ParsedDocument } from '../parse/document-parser.ts';

export interface ChunkerOptions {
  /** Longest chunk in characters; longer spans are cut at sentence, then word boundaries. */
  maxChars?: number;
}

const defaultMaxChars = 1500;

/** Where to cut `text` (relative offsets) so that every piece is at most `maxChars` long. */
function cutPoints(text: string, maxChars: number): number[] {
  const cuts: number[] = [];
  let from = 0;
  while (text.length - from > maxChars) {
    const window = text.slice(from, from + maxChars);
    let cut = -1;
    const sentenceEnd = /[.!?;]["')\]]?\s+/g;
    for (let match = sentenceEnd.exec(window); match; match = sentenceEnd.exec(window)) {
      if (match.index + match[0].length > maxChars * 0.4) cut = match.index + match[0].length;
    }
    if (cut <= 0) {
      const space = window.lastIndexOf(' ');
      cut = space > maxChars * 0.4 ? space + 1 : maxChars;
    }
    from += cut;
    cuts.push(from);
  }
  return cuts;
}

/**
 * Splits each section span into chunks that never cross a span (so never a section), trimming
 * whitespace while keeping `document.text.slice(start, end) === chunk.text`.
 */
export function chunkDocument(document: ParsedDocument, options: ChunkerOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? defaultMaxChars;
  const chunks: Chunk[] = [];
  for (const section of document.sections) {
    const spanText = document.text.slice(section.start, section.end);
    const boundaries = [0, ...cutPoints(spanText, maxChars), spanText.length];
    for (let i = 0; i + 1 < boundaries.length; i++) {
      let start = section.start + (boundaries[i] ?? 0);
      let end = section.start + (boundaries[i + 1] ?? 0);
      while (start < end && /\s/.test(document.text[start] ?? '')) start++;
      while (end > start && /\s/.test(document.text[end - 1] ?? '')) end--;
      if (end <= start) continue;
      const index = chunks.length;
      chunks.push({
        id: `${document.id}#c${index}`,
        documentId: document.id,
        text: document.text.slice(start, end),
        start,
        end,
        section: section.name,
        page: section.page,
        paragraph: section.paragraph,
        language: section.language,
        index,
      });
    }
  }
  return chunks;
}
