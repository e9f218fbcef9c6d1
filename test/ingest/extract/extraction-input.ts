import type { Chunk, SectionName } from '../../../graph/index.ts';
import type { ExtractionInput } from '../../../ingest/extract/extractor.ts';

/** Builds an extraction input whose text is the sections joined by blank lines, one chunk per section. */
export function buildInput(
  documentId: string,
  sections: [SectionName, string][],
  options: { kind?: ExtractionInput['kind']; publishedAt?: string; cpc?: string[] } = {},
): ExtractionInput & { cpc?: string[] } {
  let text = '';
  const chunks: Chunk[] = [];
  for (const [section, sectionText] of sections) {
    if (text) text += '\n\n';
    const start = text.length;
    text += sectionText;
    chunks.push({
      id: `${documentId}#c${chunks.length}`,
      documentId,
      text: sectionText,
      start,
      end: text.length,
      section,
      index: chunks.length,
    });
  }
  return {
    documentId,
    kind: options.kind ?? 'patent',
    title: sections.find(([section]) => section === 'title')?.[1] ?? '',
    text,
    publishedAt: options.publishedAt ?? '2024-05-01',
    assignees: [],
    chunks,
    ...(options.cpc ? { cpc: options.cpc } : {}),
  };
}
