import type { DocumentBundle, Fact } from '../../graph/index.ts';

/**
 * A one-sentence news document stating that `material` is used in `application`, with its USED_IN
 * fact; `date` undefined makes an undated document (no publishedAt, as the parsers leave it).
 */
export function useDocument(
  id: string,
  material: string,
  application: string,
  date: string | undefined,
  names: { material?: string; application?: string } = {},
): DocumentBundle {
  const materialName = names.material ?? material.replace('material:', '').replaceAll('-', ' ');
  const applicationName = names.application ?? application.replace('application:', '').replaceAll('-', ' ');
  const title = `Use of ${materialName}`;
  const sentence = `A ${materialName} film is used in ${applicationName} products.`;
  const text = `${title}\n\n${sentence}`;
  const start = title.length + 2;
  const fact: Fact = {
    id: `fact:${id}`,
    type: 'USED_IN',
    subjectId: material,
    objectId: application,
    polarity: 'positive',
    confidence: 0.8,
    extractor: 'test',
    ...(date ? { firstSeen: date, lastSeen: date } : {}),
    evidence: [{ chunkId: `${id}#c1`, start, end: text.length }],
  };
  const materialAt = text.indexOf(materialName, start);
  const applicationAt = text.indexOf(applicationName, start);
  return {
    document: {
      id,
      kind: 'news',
      title,
      text,
      ...(date ? { publishedAt: date } : {}),
      language: 'en',
      source: 'test',
      contentHash: `h-${id}`,
      ingestRunId: 'run-use-document',
      cpc: [],
      ipc: [],
      assignees: [],
      inventors: [],
    },
    chunks: [
      {
        id: `${id}#c0`,
        documentId: id,
        text: title,
        start: 0,
        end: title.length,
        section: 'title',
        index: 0,
      },
      { id: `${id}#c1`, documentId: id, text: sentence, start, end: text.length, section: 'body', index: 1 },
    ],
    entities: [
      { id: material, label: 'Material', name: materialName, aliases: [] },
      { id: application, label: 'Application', name: applicationName, aliases: [] },
    ],
    mentions: [
      {
        chunkId: `${id}#c1`,
        entityId: material,
        start: materialAt,
        end: materialAt + materialName.length,
        surface: materialName,
      },
      {
        chunkId: `${id}#c1`,
        entityId: application,
        start: applicationAt,
        end: applicationAt + applicationName.length,
        surface: applicationName,
      },
    ],
    facts: [fact],
  };
}
