import {
  type CandidateGenerator,
  type CandidateRequest,
  citationFromCoMention,
  DEFAULT_MAX_CITATIONS,
  distinctDocumentRows,
  type GeneratedCandidate,
  sortCandidates,
} from './candidate.ts';
import type { EvidenceIndex } from './evidence-index.ts';

/**
 * Applications named with the material in one sentence. Strength is the confidence summed over
 * distinct documents (each document counts its best sentence once).
 */
export class DirectEvidenceGenerator implements CandidateGenerator {
  readonly name = 'direct';

  generate(index: EvidenceIndex, request: CandidateRequest): GeneratedCandidate[] {
    const limit = request.maxCitations ?? DEFAULT_MAX_CITATIONS;
    const candidates: GeneratedCandidate[] = [];
    for (const [applicationId, pair] of index.applicationsOf(request.materialId)) {
      if (request.known.has(applicationId)) continue;
      const best = distinctDocumentRows(pair.rows, Number.POSITIVE_INFINITY);
      const strength = best.reduce((sum, row) => sum + row.confidence, 0);
      candidates.push({
        applicationId,
        generator: this.name,
        strength,
        citations: best.slice(0, limit).map((row) => citationFromCoMention(row, 'direct')),
        via: [],
      });
    }
    return sortCandidates(candidates);
  }
}
