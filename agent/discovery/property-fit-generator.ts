import {
  type CandidateGenerator,
  type CandidateRequest,
  citationFromPropertyFact,
  DEFAULT_MAX_CITATIONS,
  type EvidenceCitation,
  type GeneratedCandidate,
  sortCandidates,
} from './candidate.ts';
import type { EvidenceIndex } from './evidence-index.ts';

/** Share of the application's required properties that the material has (0 when none are known). */
export function propertyFit(index: EvidenceIndex, materialId: string, applicationId: string): number {
  const required = index.requirementsOf(applicationId);
  if (required.size === 0) return 0;
  const has = index.propertiesOf(materialId);
  let matched = 0;
  for (const property of required) if (has.has(property)) matched += 1;
  return matched / required.size;
}

/** Applications that REQUIRE properties the material HAS; citations state the requirement and the property. */
export class PropertyFitGenerator implements CandidateGenerator {
  readonly name = 'property-fit';

  generate(index: EvidenceIndex, request: CandidateRequest): GeneratedCandidate[] {
    const limit = request.maxCitations ?? DEFAULT_MAX_CITATIONS;
    const has = index.propertiesOf(request.materialId);
    if (has.size === 0) return [];
    const applications = new Set<string>();
    for (const fact of index.rows.propertyFacts ?? []) {
      if (fact.type === 'REQUIRES' && has.has(fact.propertyId)) applications.add(fact.subjectId);
    }
    const candidates: GeneratedCandidate[] = [];
    for (const applicationId of applications) {
      if (request.known.has(applicationId)) continue;
      const shared = [...index.requirementsOf(applicationId)].filter((property) => has.has(property)).sort();
      const citations: EvidenceCitation[] = [];
      for (const fact of index.propertyFactsOf(applicationId)) {
        if (citations.length >= limit) break;
        if (fact.type !== 'REQUIRES' || !has.has(fact.propertyId)) continue;
        const citation = citationFromPropertyFact(fact);
        if (citation) citations.push(citation);
      }
      for (const fact of index.propertyFactsOf(request.materialId)) {
        if (citations.length >= limit) break;
        if (fact.type !== 'HAS_PROPERTY' || !shared.includes(fact.propertyId)) continue;
        const citation = citationFromPropertyFact(fact);
        if (citation) citations.push(citation);
      }
      candidates.push({
        applicationId,
        generator: this.name,
        strength: propertyFit(index, request.materialId, applicationId),
        citations,
        via: shared,
      });
    }
    return sortCandidates(candidates);
  }
}
