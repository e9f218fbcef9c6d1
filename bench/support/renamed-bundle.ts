import type { DocumentBundle } from '../../graph/index.ts';

/** A copy of a bundle whose document, chunks and facts are new publications (same entities). */
export function renamed(bundle: DocumentBundle, suffix: string): DocumentBundle {
  if (suffix === '') return bundle;
  const oldId = bundle.document.id;
  const newId = `${oldId}${suffix}`;
  const chunk = (id: string) => (id.startsWith(oldId) ? `${newId}${id.slice(oldId.length)}` : id);
  return {
    ...bundle,
    document: { ...bundle.document, id: newId },
    chunks: bundle.chunks.map((c) => ({ ...c, id: chunk(c.id), documentId: newId })),
    mentions: bundle.mentions.map((m) => ({ ...m, chunkId: chunk(m.chunkId) })),
    facts: bundle.facts.map((f) => ({
      ...f,
      id: `${f.id}${suffix}`,
      evidence: f.evidence.map((e) => ({ ...e, chunkId: chunk(e.chunkId) })),
    })),
    ...(bundle.candidates
      ? { candidates: bundle.candidates.map((c) => ({ ...c, chunkId: chunk(c.chunkId) })) }
      : {}),
  };
}
