import {
  type CandidateGenerator,
  type CandidateRequest,
  citationFromCoMention,
  DEFAULT_MAX_CITATIONS,
  type GeneratedCandidate,
  sortCandidates,
} from './candidate.ts';
import { dayOf, type EvidenceIndex, shiftYears } from './evidence-index.ts';

export const MOMENTUM_WINDOW_YEARS = 3;

/**
 * Growth of an entity's mentions: ln(1 + recent) − ln(1 + previous) over two consecutive windows
 * ending at asOf, minus the same growth of the whole corpus (so a bigger corpus is not a trend).
 */
export function mentionMomentum(
  index: EvidenceIndex,
  entityId: string,
  asOf: string,
  windowYears = MOMENTUM_WINDOW_YEARS,
): number {
  const middle = shiftYears(asOf, -windowYears);
  const start = shiftYears(asOf, -2 * windowYears);
  const recent = index.documentCountBetween(entityId, middle, asOf);
  const previous = index.documentCountBetween(entityId, start, middle);
  const corpusRecent = index.totalDocumentsBetween(middle, asOf);
  const corpusPrevious = index.totalDocumentsBetween(start, middle);
  return Math.log1p(recent) - Math.log1p(previous) - (Math.log1p(corpusRecent) - Math.log1p(corpusPrevious));
}

/**
 * Applications whose mentions grow faster than the corpus. Citations are their most recent
 * sentence-level uses (any material), preferring news.
 */
export class MarketSignalGenerator implements CandidateGenerator {
  readonly name = 'market-signal';

  generate(index: EvidenceIndex, request: CandidateRequest): GeneratedCandidate[] {
    const asOf = request.asOf ?? index.latestDate;
    const limit = request.maxCitations ?? DEFAULT_MAX_CITATIONS;
    const windowStart = shiftYears(asOf, -MOMENTUM_WINDOW_YEARS);
    const candidates: GeneratedCandidate[] = [];
    for (const applicationId of index.entities('application')) {
      if (request.known.has(applicationId)) continue;
      if (index.documentCountBetween(applicationId, windowStart, asOf) === 0) continue;
      const momentum = mentionMomentum(index, applicationId, asOf);
      if (momentum <= 0) continue;
      const recentRows = [...index.materialsOf(applicationId).values()]
        .flatMap((pair) => pair.rows)
        // Market activity is about time: undated rows ('' < windowStart) never count as recent.
        .filter((row) => dayOf(row.publishedAt) > windowStart && dayOf(row.publishedAt) <= asOf)
        .sort(
          (a, b) =>
            Number(b.kind === 'news') - Number(a.kind === 'news') ||
            (dayOf(a.publishedAt) < dayOf(b.publishedAt)
              ? 1
              : dayOf(a.publishedAt) > dayOf(b.publishedAt)
                ? -1
                : 0) ||
            (a.documentId < b.documentId ? -1 : 1),
        );
      candidates.push({
        applicationId,
        generator: this.name,
        strength: momentum,
        citations: recentRows.slice(0, limit).map((row) => citationFromCoMention(row, 'market')),
        via: [],
      });
    }
    return sortCandidates(candidates);
  }
}
