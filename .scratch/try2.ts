import { createOfflineExtractor } from '../ingest/index.ts';
const ex = createOfflineExtractor();
const texts = [
  'Kraft lignin is used in wood adhesives for plywood.',
  'A pulp mill supplies kraft lignin for use in coatings.',
  'Kraft lignin is used in carbon fibers for car parts.',
  'Kraft lignin is used in batteries.',
  'Zelvex is used in battery packs.',
  'Zelvex is used in adhesives.',
];
for (const [i, text] of texts.entries()) {
  const r = await ex.extract({ documentId: `d${i}`, kind: 'news', title: '', text, publishedAt: '2025-01-01', assignees: [], chunks: [{ id: `c${i}`, documentId: `d${i}`, text, start: 0, end: text.length, section: 'body', index: 0 }] });
  console.log(text);
  console.log('  mentions', r.mentions.map((m) => `${m.surface}->${m.entityId}`).join(' | '));
  console.log('  facts', r.facts.map((f) => `${f.type} ${f.subjectId} ${f.objectId}`).join(' | '));
  console.log('  cands', (r.candidates ?? []).map((c) => `${c.label}:${c.key}(${c.cue})${c.broaderId ?? ''}`).join(' | '));
}
