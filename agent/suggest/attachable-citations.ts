import type { EvidenceCitation } from '../discovery/candidate.ts';

/**
 * The citations a suggestion may carry: each passage must name the material (or product), an analogue
 * the rationale states, or the application itself (its linked entities are checked, since the spans
 * were extracted from exactly those mentions). Anything else is dropped before the suggestion is built.
 */
export function attachableCitations(
  citations: readonly EvidenceCitation[],
  named: { materials: readonly string[]; analogues: readonly string[]; applicationId: string },
): EvidenceCitation[] {
  const allowed = new Set([...named.materials, ...named.analogues, named.applicationId]);
  return citations.filter((citation) => allowed.has(citation.subjectId) || allowed.has(citation.objectId));
}
