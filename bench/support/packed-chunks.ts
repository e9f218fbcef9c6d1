import type { Chunk, DocumentBundle } from '../../graph/index.ts';

/**
 * An experiment on the graph model: a copy of a bundle whose consecutive chunks of the same section are
 * packed into one while the packed span stays within `maxChars` (a patent's description is one section
 * of short paragraphs, one chunk each today). Offsets are the document's, so mentions, candidate
 * occurrences and fact evidence only move to the chunk that now holds them; the text of each packed
 * chunk is still `document.text.slice(start, end)`.
 */
export function packedChunks(bundle: DocumentBundle, maxChars: number): DocumentBundle {
  const text = bundle.document.text;
  const packed: Chunk[] = [];
  const into = new Map<string, string>();
  for (const chunk of bundle.chunks) {
    const last = packed.at(-1);
    if (last && last.section === chunk.section && chunk.end - last.start <= maxChars) {
      last.end = chunk.end;
      last.text = text.slice(last.start, last.end);
    } else {
      packed.push({ ...chunk, id: `${bundle.document.id}#c${packed.length}`, index: packed.length });
    }
    into.set(chunk.id, (packed.at(-1) as Chunk).id);
  }
  const chunkId = (id: string) => into.get(id) ?? id;
  return {
    ...bundle,
    chunks: packed,
    mentions: bundle.mentions.map((m) => ({ ...m, chunkId: chunkId(m.chunkId) })),
    facts: bundle.facts.map((f) => ({
      ...f,
      evidence: f.evidence.map((e) => ({ ...e, chunkId: chunkId(e.chunkId) })),
    })),
    ...(bundle.candidates
      ? { candidates: bundle.candidates.map((c) => ({ ...c, chunkId: chunkId(c.chunkId) })) }
      : {}),
  };
}
