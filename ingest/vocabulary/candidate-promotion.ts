import type {
  CandidatePromotion,
  PendingCandidates,
  TermCandidateRecord,
  VocabularyStore,
} from '../../graph/index.ts';
import { inferBroader, knownTermId } from '../extract/mining/broader-terms.ts';
import { termRejection } from '../extract/mining/term-quality.ts';
import type { Vocabulary } from '../extract/vocabulary.ts';
import { entityId } from '../resolve/canonical-keys.ts';

/** Who promotes mined terms in the audit trail. */
export const miningActor = 'system:mining';

export interface CandidatePromotionDependencies {
  store: Pick<VocabularyStore, 'promotableCandidates' | 'promoteCandidates' | 'markCandidatesKnown'>;
  /** The vocabulary as it is now (to skip candidates that became known and to find broader terms). */
  vocabulary: () => Promise<Vocabulary>;
}

export interface PromotionOutcome {
  promoted: string[];
  /** Candidates that name a term the vocabulary has meanwhile (a catalog or user term). */
  known: number;
  version?: number;
}

/** The entity a candidate becomes: id from its key, its surfaces as names, the broader known term. */
export function promotionOf(candidate: TermCandidateRecord, vocabulary: Vocabulary): CandidatePromotion {
  const broader = inferBroader({ key: candidate.key, label: candidate.label }, vocabulary);
  const seen = new Set([candidate.name.toLowerCase()]);
  const aliases = candidate.surfaces.filter((surface) => {
    const lower = surface.toLowerCase();
    if (seen.has(lower)) return false;
    seen.add(lower);
    return true;
  });
  return {
    candidateId: candidate.id,
    key: candidate.key,
    term: {
      id: entityId(candidate.label, candidate.key),
      label: candidate.label,
      name: candidate.name,
      aliases,
      origin: 'mined',
      support: candidate.support,
      // A product's names are Material terms too, but a product is never a broader material.
      ...(broader && !vocabulary.materialOf(broader.id) ? { broader: [broader.id] } : {}),
    },
  };
}

/**
 * Promotes mined candidates whose support (distinct documents) reached `threshold`, or that state a
 * use of the company's own material (see `promotableCandidates`), to entities of
 * origin `mined`, with their support and a BROADER link when the head of the term is a known term.
 * One vocabulary version for the batch; the caller re-extracts the chunks that name them. `pending`
 * counts the candidates of documents analysed but not yet written as if they were stored.
 */
export async function promoteCandidates(
  deps: CandidatePromotionDependencies,
  options: { threshold: number; actor?: string; pending?: PendingCandidates },
): Promise<PromotionOutcome> {
  const candidates = await deps.store.promotableCandidates(options.threshold, options.pending);
  if (candidates.length === 0) return { promoted: [], known: 0 };
  const vocabulary = await deps.vocabulary();
  const known: { candidateId: string; termId: string }[] = [];
  const promotions: CandidatePromotion[] = [];
  for (const candidate of candidates) {
    // Candidates stored before the guards existed (or by an older miner) are checked again here.
    if (termRejection({ key: candidate.key, surface: candidate.name })) continue;
    const knownId = knownTermId(vocabulary, candidate.key, candidate.label);
    const promotion = promotionOf(candidate, vocabulary);
    if (knownId || vocabulary.term(promotion.term.id)) {
      known.push({ candidateId: candidate.id, termId: knownId ?? promotion.term.id });
      continue;
    }
    promotions.push(promotion);
  }
  await deps.store.markCandidatesKnown(known);
  const result = await deps.store.promoteCandidates(promotions, { actor: options.actor ?? miningActor });
  return {
    promoted: result.promoted,
    known: known.length,
    ...(result.version ? { version: result.version } : {}),
  };
}
