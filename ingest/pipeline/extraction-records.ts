import type { CandidateOccurrenceWrite, Chunk, GraphDocument } from '../../graph/index.ts';
import type { ExtractionInput, ExtractionResult } from '../extract/extractor.ts';

/**
 * What the extractor sees of a document: the same at ingestion and at re-extraction, so that a stored
 * document extracted again with an unchanged vocabulary gives the same result.
 */
export function extractionInputOf(
  document: Pick<GraphDocument, 'id' | 'kind' | 'title' | 'text' | 'publishedAt' | 'assignees'>,
  chunks: Chunk[],
): ExtractionInput {
  return {
    documentId: document.id,
    kind: document.kind,
    title: document.title,
    text: document.text,
    publishedAt: document.publishedAt,
    assignees: document.assignees ?? [],
    chunks,
  };
}

/** Mined candidates as the graph stores their occurrences. */
export function candidateWrites(result: ExtractionResult): CandidateOccurrenceWrite[] {
  return (result.candidates ?? []).map((candidate) => ({
    label: candidate.label,
    key: candidate.key,
    surface: candidate.surface,
    cue: candidate.cue,
    chunkId: candidate.chunkId,
    start: candidate.start,
    end: candidate.end,
    sentence: candidate.sentence,
    head: candidate.head,
    ...(candidate.broaderId ? { broaderId: candidate.broaderId } : {}),
  }));
}
