import {
  type CandidateGenerator,
  type CandidateRequest,
  citationFromCoMention,
  DEFAULT_MAX_CITATIONS,
  type GeneratedCandidate,
  sortCandidates,
} from './candidate.ts';
import { chemicalAnalogues } from './chemical-analogues.ts';
import type { EvidenceIndex } from './evidence-index.ts';

/** Analogues with known uses that a proposal may draw on (the strongest by chemistry first). */
export const MAX_ANALOGUES = 8;

/**
 * Applications of chemically comparable materials (same class, BROADER link, same family, or a shared
 * property within one kingdom: see chemical-analogues.ts). Strength is the similarity summed over the
 * analogues used in the application; citations are the analogues' uses, each naming the analogue and
 * the application; `reasons` says why each analogue is comparable.
 */
export class AnalogueGenerator implements CandidateGenerator {
  readonly name = 'analogue';

  generate(index: EvidenceIndex, request: CandidateRequest): GeneratedCandidate[] {
    const limit = request.maxCitations ?? DEFAULT_MAX_CITATIONS;
    const analogues = chemicalAnalogues(index, request.materialId, request.properties)
      .filter((analogue) => index.materialDegree(analogue.materialId) > 0)
      .slice(0, MAX_ANALOGUES);
    const own = index.applicationsOf(request.materialId);
    const byApplication = new Map<string, GeneratedCandidate>();
    for (const analogue of analogues) {
      for (const [applicationId, pair] of index.applicationsOf(analogue.materialId)) {
        if (request.known.has(applicationId) || own.has(applicationId)) continue;
        let candidate = byApplication.get(applicationId);
        if (!candidate) {
          candidate = {
            applicationId,
            generator: this.name,
            strength: 0,
            citations: [],
            via: [],
            reasons: {},
          };
          byApplication.set(applicationId, candidate);
        }
        candidate.strength += analogue.similarity;
        candidate.via.push(analogue.materialId);
        (candidate.reasons as Record<string, string>)[analogue.materialId] = analogue.reason;
        const best = pair.rows[0];
        if (best && candidate.citations.length < limit)
          candidate.citations.push(citationFromCoMention(best, 'analogue'));
      }
    }
    return sortCandidates([...byApplication.values()]);
  }
}
