import { createHash } from 'node:crypto';
import type { Evidence, Fact, FactPolarity, FactType } from '../../graph/index.ts';

/** Deterministic per-document fact id: `fact:` + sha256(type|subject|object|documentId), 24 hex digits. */
export function factId(type: FactType, subjectId: string, objectId: string, documentId: string): string {
  return `fact:${createHash('sha256').update(`${type}|${subjectId}|${objectId}|${documentId}`).digest('hex').slice(0, 24)}`;
}

/** One statement of a fact in one sentence. */
export interface FactObservation {
  type: FactType;
  subjectId: string;
  objectId: string;
  confidence: number;
  polarity?: FactPolarity;
  value?: number;
  unit?: string;
  evidence: Evidence;
}

/** Which polarity wins when one document states a fact several ways: an assertion outweighs a hedge, a hedge a replacement, a replacement a negation. */
export const polarityRank: Record<FactPolarity, number> = {
  positive: 3,
  tentative: 2,
  replaced: 1,
  negative: 0,
};

/**
 * Gathers the facts of one document: observations of the same (type, subject, object) merge into one
 * fact whose evidence lists every distinct sentence span; confidence is the highest seen, a stated
 * value is kept from the first sentence that gives one, and the strongest polarity wins (`polarityRank`).
 */
export class FactCollector {
  private readonly facts = new Map<string, Fact>();
  private readonly evidenceKeys = new Map<string, Set<string>>();

  constructor(
    private readonly documentId: string,
    private readonly date: string | undefined,
    private readonly extractor: string,
  ) {}

  add(observation: FactObservation): void {
    const id = factId(observation.type, observation.subjectId, observation.objectId, this.documentId);
    const polarity = observation.polarity ?? 'positive';
    const confidence = Math.round(Math.max(0, Math.min(1, observation.confidence)) * 1000) / 1000;
    const evidenceKey = `${observation.evidence.chunkId}|${observation.evidence.start}|${observation.evidence.end}`;
    let fact = this.facts.get(id);
    if (!fact) {
      fact = {
        id,
        type: observation.type,
        subjectId: observation.subjectId,
        objectId: observation.objectId,
        polarity,
        confidence,
        extractor: this.extractor,
        ...(this.date ? { firstSeen: this.date, lastSeen: this.date } : {}),
        evidence: [],
      };
      this.facts.set(id, fact);
      this.evidenceKeys.set(id, new Set());
    } else {
      if (polarityRank[polarity] > polarityRank[fact.polarity]) {
        fact.polarity = polarity;
        fact.confidence = confidence;
      } else if (polarity === fact.polarity) {
        fact.confidence = Math.max(fact.confidence, confidence);
      }
    }
    if (observation.value !== undefined && fact.value === undefined) {
      fact.value = observation.value;
      if (observation.unit) fact.unit = observation.unit;
    }
    const keys = this.evidenceKeys.get(id) as Set<string>;
    if (!keys.has(evidenceKey)) {
      keys.add(evidenceKey);
      fact.evidence.push({ ...observation.evidence });
    }
  }

  /** Raises the confidence of existing facts of a type whose object is in `objectIds` (document-level hints). */
  boost(type: FactType, objectIds: ReadonlySet<string>, amount: number): void {
    for (const fact of this.facts.values()) {
      if (fact.type === type && objectIds.has(fact.objectId)) {
        fact.confidence = Math.min(1, Math.round((fact.confidence + amount) * 1000) / 1000);
      }
    }
  }

  list(): Fact[] {
    return [...this.facts.values()];
  }
}
