import type { PassageChunk } from '../../graph/index.ts';

const rrfConstant = 60;

type Focus = { start: number; end: number };

export interface FusedChunk {
  chunk: PassageChunk;
  /** Where the first ranking that had one found the match (offsets into the document text). */
  focus?: Focus;
  score: number;
}

/**
 * Reciprocal rank fusion of ranked chunk lists: a chunk at rank r of a list gains 1 / (60 + r), so chunks
 * that several retrievers rank high come first whatever the scale of each retriever's own scores.
 */
export class ChunkRankFusion {
  private readonly fused = new Map<string, FusedChunk>();

  add(ranking: readonly { chunk: PassageChunk; focus?: Focus }[]): void {
    ranking.forEach(({ chunk, focus }, rank) => {
      const entry = this.fused.get(chunk.id) ?? { chunk, score: 0 };
      entry.score += 1 / (rrfConstant + rank);
      if (!entry.focus && focus) entry.focus = focus;
      this.fused.set(chunk.id, entry);
    });
  }

  /** Best first (ties by chunk id), at most two per document, a title only when nothing else of it was found. */
  ranked(): FusedChunk[] {
    const sorted = [...this.fused.values()].sort(
      (a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id),
    );
    const withBody = new Set(
      sorted.filter((entry) => entry.chunk.section !== 'title').map((entry) => entry.chunk.document.id),
    );
    const perDocument = new Map<string, number>();
    return sorted.filter((entry) => {
      const documentId = entry.chunk.document.id;
      if (entry.chunk.section === 'title' && withBody.has(documentId)) return false;
      const count = perDocument.get(documentId) ?? 0;
      perDocument.set(documentId, count + 1);
      return count < 2;
    });
  }
}
