import { createOfflineExtractor } from '../ingest/index.ts';
const ex = createOfflineExtractor();
const texts = [
  'Silica aerogel blankets are used in EV battery packs to stop thermal runaway.',
  'Silica aerogel granules are used in building materials such as insulating plaster.',
  'Precipitated silica is used as a reinforcing filler in tires.',
  'AeroShield is used in pipe insulation for LNG pipes.',
  'Kraft lignin is used as a binder in battery electrodes.',
  'The mill sells kraft lignin for use in carbon fibers.',
  'Ti3C2Tx MXene coatings are used in electromagnetic shielding.',
];
for (const [i, text] of texts.entries()) {
  const r = await ex.extract({ documentId: `d${i}`, kind: 'news', title: '', text, publishedAt: '2025-01-01', assignees: [], chunks: [{ id: `c${i}`, documentId: `d${i}`, text, start: 0, end: text.length, section: 'body', index: 0 }] });
  console.log(text);
  console.log('  mentions', r.mentions.map((m) => `${m.surface}->${m.entityId}`).join(' | '));
  console.log('  facts', r.facts.map((f) => `${f.type} ${f.subjectId} ${f.objectId}`).join(' | '));
  console.log('  cands', (r.candidates ?? []).map((c) => `${c.label}:${c.key}(${c.cue})${c.broaderId ?? ''}`).join(' | '));
}
