import type { CitationRole, CitationSpan, CoMentionRow, PropertyFactRow } from '../../graph/index.ts';
import type { EvidenceIndex } from './evidence-index.ts';

/** A passage that supports a candidate: a cited span with its role, its date and the entities it links. */
export interface EvidenceCitation extends CitationSpan {
  role: CitationRole;
  documentId: string;
  publishedAt: string | null;
  /** The entities the passage links (an analogue material for `analogue`). */
  subjectId: string;
  objectId: string;
  confidence: number;
}

/** What one generator proposes for one application. */
export interface GeneratedCandidate {
  applicationId: string;
  generator: string;
  strength: number;
  citations: EvidenceCitation[];
  /** Intermediate entities that explain the proposal (analogue materials, shared properties). */
  via: string[];
  /** Why each analogue in `via` is comparable, in plain words (analogue proposals only). */
  reasons?: Record<string, string>;
}

export interface CandidateRequest {
  materialId: string;
  /** Applications already known for the material (or product): never proposed. */
  known: ReadonlySet<string>;
  /** YYYY-MM-DD; defaults to the index's latest date. */
  asOf?: string;
  maxCitations?: number;
  /** The catalog's properties of the product, added to the material's extracted ones. */
  properties?: ReadonlySet<string>;
}

export interface CandidateGenerator {
  readonly name: string;
  generate(index: EvidenceIndex, request: CandidateRequest): GeneratedCandidate[];
}

export const DEFAULT_MAX_CITATIONS = 3;

export function citationFromCoMention(row: CoMentionRow, role: CitationRole): EvidenceCitation {
  return {
    role,
    documentId: row.documentId,
    chunkId: row.chunkId,
    start: row.start,
    end: row.end,
    publishedAt: row.publishedAt,
    subjectId: row.materialId,
    objectId: row.applicationId,
    confidence: row.confidence,
  };
}

export function citationFromPropertyFact(row: PropertyFactRow): EvidenceCitation | undefined {
  if (row.chunkId === undefined || row.start === undefined || row.end === undefined) return undefined;
  return {
    role: 'property',
    documentId: row.documentId,
    chunkId: row.chunkId,
    start: row.start,
    end: row.end,
    publishedAt: row.publishedAt,
    subjectId: row.subjectId,
    objectId: row.propertyId,
    confidence: 1,
  };
}

/** The best rows of a list already sorted best first, at most one per document. */
export function distinctDocumentRows(rows: readonly CoMentionRow[], limit: number): CoMentionRow[] {
  const seen = new Set<string>();
  const result: CoMentionRow[] = [];
  for (const row of rows) {
    if (result.length >= limit) break;
    if (seen.has(row.documentId)) continue;
    seen.add(row.documentId);
    result.push(row);
  }
  return result;
}

export function sortCandidates(candidates: GeneratedCandidate[]): GeneratedCandidate[] {
  return candidates.sort(
    (a, b) =>
      b.strength - a.strength ||
      (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0),
  );
}
