import {
  type CandidateGenerator,
  type CandidateRequest,
  citationFromCoMention,
  DEFAULT_MAX_CITATIONS,
  type GeneratedCandidate,
  sortCandidates,
} from './candidate.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { similarMaterials } from './material-similarity.ts';

/**
 * Applications of materials similar to M (shared applications, properties, class). Strength is the
 * similarity summed over the analogues used in the application; citations are the analogues' uses.
 */
export class AnalogueGenerator implements CandidateGenerator {
  readonly name = 'analogue';

  generate(index: EvidenceIndex, request: CandidateRequest): GeneratedCandidate[] {
    const limit = request.maxCitations ?? DEFAULT_MAX_CITATIONS;
    const analogues = [...similarMaterials(index, request.materialId).values()].sort(
      (a, b) => b.similarity - a.similarity || (a.materialId < b.materialId ? -1 : 1),
    );
    const own = index.applicationsOf(request.materialId);
    const byApplication = new Map<string, GeneratedCandidate>();
    for (const analogue of analogues) {
      for (const [applicationId, pair] of index.applicationsOf(analogue.materialId)) {
        if (request.known.has(applicationId) || own.has(applicationId)) continue;
        let candidate = byApplication.get(applicationId);
        if (!candidate) {
          candidate = { applicationId, generator: this.name, strength: 0, citations: [], via: [] };
          byApplication.set(applicationId, candidate);
        }
        candidate.strength += analogue.similarity;
        candidate.via.push(analogue.materialId);
        const best = pair.rows[0];
        if (best && candidate.citations.length < limit)
          candidate.citations.push(citationFromCoMention(best, 'analogue'));
      }
    }
    return sortCandidates([...byApplication.values()]);
  }
}
