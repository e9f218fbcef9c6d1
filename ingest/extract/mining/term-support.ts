import type { MiningCue } from './use-cues.ts';

/** A mined candidate as found in one document (offsets into the document text). */
export interface CandidateOccurrence {
  label: 'Material' | 'Application';
  key: string;
  surface: string;
  cue: MiningCue;
  start: number;
  end: number;
  chunkId?: string;
  /** The sentence the candidate was found in: the evidence. */
  sentence?: { start: number; end: number };
}

/** All variants of one candidate term across documents. */
export interface CandidateGroup {
  label: 'Material' | 'Application';
  key: string;
  /** The most frequent surface (ties: the first seen). */
  name: string;
  surfaces: { surface: string; count: number }[];
  /** Distinct documents that contain the term. */
  support: number;
  occurrences: number;
  cues: MiningCue[];
  /** Up to `evidenceLimit` occurrences as evidence, first seen first. */
  evidence: { documentId: string; chunkId?: string; start: number; end: number }[];
}

/**
 * Documents a mined term must occur in before it becomes an entity. One document can repeat a phrase
 * many times; three independent documents make a term more than one author's wording.
 */
export const defaultPromotionThreshold = 3;

/**
 * Counts the support of mined candidates: variants are grouped by label and canonical key, support is
 * the number of distinct documents, evidence keeps the sentences. Adding the same document twice does
 * not count it twice.
 */
export class CandidateSupport {
  private readonly groupsByKey = new Map<string, CandidateGroup & { documents: Set<string> }>();
  private readonly seenDocuments = new Set<string>();

  constructor(private readonly evidenceLimit = 20) {}

  /** Adds the candidates of one document (a second call for the same document is ignored). */
  addDocument(documentId: string, candidates: readonly CandidateOccurrence[]): void {
    if (this.seenDocuments.has(documentId)) return;
    this.seenDocuments.add(documentId);
    for (const candidate of candidates) {
      const id = `${candidate.label}\u0000${candidate.key}`;
      let group = this.groupsByKey.get(id);
      if (!group) {
        group = {
          label: candidate.label,
          key: candidate.key,
          name: candidate.surface,
          surfaces: [],
          support: 0,
          occurrences: 0,
          cues: [],
          evidence: [],
          documents: new Set(),
        };
        this.groupsByKey.set(id, group);
      }
      group.occurrences += 1;
      if (!group.documents.has(documentId)) {
        group.documents.add(documentId);
        group.support += 1;
      }
      const surface = group.surfaces.find((item) => item.surface === candidate.surface);
      if (surface) surface.count += 1;
      else group.surfaces.push({ surface: candidate.surface, count: 1 });
      if (!group.cues.includes(candidate.cue)) group.cues.push(candidate.cue);
      if (group.evidence.length < this.evidenceLimit) {
        const span = candidate.sentence ?? { start: candidate.start, end: candidate.end };
        group.evidence.push({
          documentId,
          ...(candidate.chunkId ? { chunkId: candidate.chunkId } : {}),
          start: span.start,
          end: span.end,
        });
      }
    }
  }

  /** Every group, most supported first (then by key). */
  groups(): CandidateGroup[] {
    return [...this.groupsByKey.values()]
      .map(({ documents: _documents, ...group }) => ({
        ...group,
        name: group.surfaces.reduce((best, item) => (item.count > best.count ? item : best)).surface,
      }))
      .sort((a, b) => b.support - a.support || a.key.localeCompare(b.key));
  }

  /** Groups whose support reached the threshold. */
  promotable(threshold = defaultPromotionThreshold): CandidateGroup[] {
    return this.groups().filter((group) => group.support >= threshold);
  }
}
