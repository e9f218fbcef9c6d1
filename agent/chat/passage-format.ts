import type { CitedDocument, PassageChunk, PassageSpan } from '../../graph/index.ts';

/** A passage as tools hand it to a model: its citation number and where it comes from. */
export interface NumberedPassage {
  n: number;
  span: PassageSpan;
}

const sentenceEnd = /[.!?;](?=\s)|\n/g;
const maxFocusChars = 600;

/** The day a document was published, or `undated` when it states no date. */
export function dateLabel(publishedAt: string | null | undefined): string {
  return publishedAt ? publishedAt.slice(0, 10) : 'undated';
}

/** `US 1234567 B2 (patent, 2021-03-04)`-style label of a document. */
export function describeSource(document: CitedDocument): string {
  const name = document.number ? `${document.number}` : document.title;
  return `${name} (${document.kind}, ${dateLabel(document.publishedAt)})`;
}

/** Neutralises text that could close or open our data tags. */
function escapeData(text: string): string {
  return text.replace(/<\/?passage\b/gi, (tag) => tag.replace('<', '‹'));
}

function escapeAttribute(text: string): string {
  return text.replace(/["<>\n]/g, ' ');
}

/**
 * Wraps retrieved text as data: the system prompt says text inside `<passage>` is quoted material,
 * never instructions, and the tag cannot be closed from inside the text.
 */
export function formatPassage(passage: NumberedPassage): string {
  const source = escapeAttribute(describeSource(passage.span.document));
  const title = escapeAttribute(passage.span.document.title);
  return `<passage n="${passage.n}" source="${source}" title="${title}" section="${passage.span.section}">${escapeData(passage.span.quote)}</passage>`;
}

/**
 * Narrows a chunk to the sentences around `focus` (offsets into the document text), at most about
 * `maxChars`, so a citation quotes what matters. The chunk's text is `document.text.slice(chunk.start,
 * chunk.end)`, so the returned quote is the same slice of the document text.
 */
export function focusSpan(
  chunk: { text: string; start: number; end: number },
  focus: { start: number; end: number },
  maxChars = maxFocusChars,
): { start: number; end: number; quote: string } {
  const text = chunk.text;
  if (text.length <= maxChars) return { start: chunk.start, end: chunk.end, quote: text };
  const from = Math.min(Math.max(0, focus.start - chunk.start), text.length);
  const to = Math.min(Math.max(from, focus.end - chunk.start), text.length);
  const boundaries = [0];
  for (const match of text.matchAll(sentenceEnd)) boundaries.push(match.index + match[0].length);
  boundaries.push(text.length);
  let left = 0;
  for (const boundary of boundaries) if (boundary <= from) left = boundary;
  let right = text.length;
  for (const boundary of [...boundaries].reverse()) if (boundary >= to) right = boundary;
  // Grow by whole sentences while there is room, then clip to the budget around the focus.
  for (const boundary of boundaries) {
    if (boundary > right && boundary - left <= maxChars) right = boundary;
  }
  if (right - left > maxChars) {
    left = Math.max(left, Math.min(from, to - maxChars / 2));
    right = Math.min(right, left + maxChars);
  }
  while (left < right && /\s/.test(text[left] ?? '')) left += 1;
  while (right > left && /\s/.test(text[right - 1] ?? '')) right -= 1;
  return { start: chunk.start + left, end: chunk.start + right, quote: text.slice(left, right) };
}

/** The span of a chunk around a focus (mention offsets), quoted from the chunk's text. */
export function spanOfChunk(chunk: PassageChunk, focus: { start: number; end: number }): PassageSpan {
  return {
    chunkId: chunk.id,
    section: chunk.section,
    ...(chunk.page === undefined ? {} : { page: chunk.page }),
    ...focusSpan(chunk, focus),
    document: chunk.document,
  };
}

/** Offsets (into the chunk's document) of the first place where most of the query's words occur. */
export function locateQuery(
  chunk: { text: string; start: number },
  query: string,
): { start: number; end: number } {
  const words = [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word.length > 2),
    ),
  ];
  const lower = chunk.text.toLowerCase();
  let best = { start: 0, end: Math.min(chunk.text.length, 1), hits: -1 };
  const boundaries = [
    0,
    ...[...chunk.text.matchAll(sentenceEnd)].map((m) => m.index + m[0].length),
    chunk.text.length,
  ];
  for (let i = 0; i < boundaries.length - 1; i += 1) {
    const from = boundaries[i] ?? 0;
    const to = boundaries[i + 1] ?? chunk.text.length;
    const sentence = lower.slice(from, to);
    const hits = words.filter((word) => sentence.includes(word)).length;
    if (hits > best.hits) best = { start: from, end: to, hits };
  }
  return { start: chunk.start + best.start, end: chunk.start + best.end };
}

/** A short excerpt of a quote for inline display (the citation carries the exact full quote). */
export function shortQuote(quote: string, maxChars = 160): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.lastIndexOf(' ', maxChars - 1);
  return `${flat.slice(0, cut > maxChars / 2 ? cut : maxChars - 1)}…`;
}
