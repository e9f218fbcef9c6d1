import type { CoMentionRow, EntityMentionRow, EvidenceRows } from '../../../graph/index.ts';

/**
 * A hand-made index: m1–a1 (2010), m2–a1, m2–a2 (2011), m3–a1, m3–a2 (2012), m3–a3 (2013); a4 named
 * without a material in 2013 and 2014; m1 HAS p1, p2; a4 REQUIRES p1, p3.
 */
export function tinyRows(): EvidenceRows {
  const documents: Record<string, { date: string; kind: 'patent' | 'news'; assignees: string[] }> = {
    d1: { date: '2010-05-01', kind: 'patent', assignees: ['X Corp'] },
    d2: { date: '2011-05-01', kind: 'news', assignees: [] },
    d3: { date: '2012-05-01', kind: 'patent', assignees: ['Y Inc'] },
    d4: { date: '2013-05-01', kind: 'patent', assignees: ['X Corp'] },
    d5: { date: '2014-05-01', kind: 'news', assignees: [] },
  };
  const pairs: [string, string, string][] = [
    ['m1', 'a1', 'd1'],
    ['m2', 'a1', 'd2'],
    ['m2', 'a2', 'd2'],
    ['m3', 'a1', 'd3'],
    ['m3', 'a2', 'd3'],
    ['m3', 'a3', 'd4'],
  ];
  const coMentions: CoMentionRow[] = pairs.map(([m, a, d], i) => {
    const document = documents[d] as (typeof documents)[string];
    return {
      materialId: `material:${m}`,
      applicationId: `application:${a}`,
      documentId: d,
      kind: document.kind,
      publishedAt: document.date,
      assignees: document.assignees,
      confidence: 0.5,
      chunkId: `${d}#c${i}`,
      start: 10 * i,
      end: 10 * i + 9,
    };
  });
  const mentioned: [string, 'material' | 'application', string][] = [
    ...pairs.flatMap(([m, a, d]): [string, 'material' | 'application', string][] => [
      [`material:${m}`, 'material', d],
      [`application:${a}`, 'application', d],
    ]),
    ['application:a4', 'application', 'd4'],
    ['application:a4', 'application', 'd5'],
  ];
  const seen = new Set<string>();
  const mentions: EntityMentionRow[] = [];
  for (const [entityId, entityType, d] of mentioned) {
    if (seen.has(`${entityId}|${d}`)) continue;
    seen.add(`${entityId}|${d}`);
    const document = documents[d] as (typeof documents)[string];
    mentions.push({ entityId, entityType, documentId: d, kind: document.kind, publishedAt: document.date });
  }
  return {
    coMentions,
    mentions,
    propertyFacts: [
      {
        type: 'HAS_PROPERTY',
        subjectId: 'material:m1',
        propertyId: 'property:p1',
        documentId: 'd1',
        publishedAt: '2010-05-01',
        chunkId: 'd1#p',
        start: 0,
        end: 5,
      },
      {
        type: 'HAS_PROPERTY',
        subjectId: 'material:m1',
        propertyId: 'property:p2',
        documentId: 'd1',
        publishedAt: '2010-05-01',
      },
      {
        type: 'REQUIRES',
        subjectId: 'application:a4',
        propertyId: 'property:p1',
        documentId: 'd5',
        publishedAt: '2014-05-01',
        chunkId: 'd5#r',
        start: 3,
        end: 20,
      },
      {
        type: 'REQUIRES',
        subjectId: 'application:a4',
        propertyId: 'property:p3',
        documentId: 'd5',
        publishedAt: '2014-05-01',
      },
    ],
    materialClasses: { 'material:m1': 'polymer', 'material:m2': 'polymer', 'material:m3': 'metal' },
  };
}
