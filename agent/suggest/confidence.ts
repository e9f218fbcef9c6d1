import type { ConfidenceLevel, Support } from '../../graph/index.ts';
import type { EvidenceCitation } from '../discovery/candidate.ts';
import type { EvidenceIndex } from '../discovery/evidence-index.ts';

/** Counts what stands behind a suggestion: its evidence and cited documents, their kinds and years, the citation roles. */
export function supportOf(
  index: EvidenceIndex,
  evidenceDocumentIds: readonly string[],
  citations: readonly EvidenceCitation[],
): Support {
  const documents = new Set([...evidenceDocumentIds, ...citations.map((citation) => citation.documentId)]);
  const kinds = new Set<string>();
  const years = new Set<string>();
  for (const documentId of documents) {
    const info = index.document(documentId);
    if (!info) continue;
    kinds.add(info.kind);
    if (info.publishedAt) years.add(info.publishedAt.slice(0, 4));
  }
  const roles = [...new Set(citations.map((citation) => citation.role))].sort();
  return { documents: documents.size, kinds: kinds.size, years: years.size, roles };
}

/**
 * The confidence rule (README, issue 13): high = a passage names the material with the application, at
 * least 3 documents from at least 2 years, and a second kind of document or a second citation role;
 * medium = a direct or analogue passage and at least 2 documents; low = anything else that is listed.
 */
export function confidenceOf(support: Support): ConfidenceLevel {
  const direct = support.roles.includes('direct');
  if (
    direct &&
    support.documents >= 3 &&
    support.years >= 2 &&
    (support.kinds >= 2 || support.roles.length >= 2)
  )
    return 'high';
  if ((direct || support.roles.includes('analogue')) && support.documents >= 2) return 'medium';
  return 'low';
}
