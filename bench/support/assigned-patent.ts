import type { DocumentBundle } from '../../graph/index.ts';

/** A two-chunk patent (title, abstract) with these assignees and nothing extracted: what assignee links cost. */
export function assignedPatent(id: string, assignees: string[]): DocumentBundle {
  const title = 'Resin panel';
  const body = 'A resin panel for vehicles.';
  const text = `${title}\n\n${body}`;
  return {
    document: {
      id,
      kind: 'patent',
      title,
      text,
      publishedAt: '2024-01-02',
      language: 'en',
      source: 'bench',
      contentHash: `hash-${id}`,
      ingestRunId: 'run-bench',
      cpc: [],
      ipc: [],
      assignees,
      inventors: [],
    },
    chunks: [
      { id: `${id}#0`, documentId: id, text: title, start: 0, end: title.length, section: 'title', index: 0 },
      {
        id: `${id}#1`,
        documentId: id,
        text: body,
        start: title.length + 2,
        end: text.length,
        section: 'abstract',
        index: 1,
      },
    ],
    entities: [],
    mentions: [],
    facts: [],
  };
}
