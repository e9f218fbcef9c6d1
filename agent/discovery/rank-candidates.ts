import type { CitationRole } from '../../graph/index.ts';
import { AnalogueGenerator } from './analogue-generator.ts';
import {
  type CandidateGenerator,
  DEFAULT_MAX_CITATIONS,
  type EvidenceCitation,
  type GeneratedCandidate,
} from './candidate.ts';
import { DirectEvidenceGenerator } from './direct-evidence-generator.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { computeFeatures, FeatureContext, type FeatureName, type FeatureVector } from './features.ts';
import { MarketSignalGenerator } from './market-signal-generator.ts';
import { PropertyFitGenerator } from './property-fit-generator.ts';
import { type ScoringModel, scoreFeatures } from './scorer.ts';

export interface RankRequest {
  materialId: string;
  /** Applications already known (task `known` pairs, or a product's knownApplications): never ranked. */
  known: ReadonlySet<string>;
  model: ScoringModel;
  /** YYYY-MM-DD; defaults to the index's latest date. The index must hold nothing later. */
  asOf?: string;
  /** Applications to rank; defaults to every application of the index. */
  applications?: readonly string[];
  /** Rank only applications that some generator proposes (products); default false (back-test ranks all). */
  onlyGenerated?: boolean;
  generators?: readonly CandidateGenerator[];
  maxCitations?: number;
  /** The catalog's properties of the product (analogues may share them). */
  properties?: ReadonlySet<string>;
  /** Reuse per-index caches across many materials of one index and asOf. */
  context?: FeatureContext;
}

export interface RankedApplication {
  applicationId: string;
  rank: number;
  /** Final probability-like score (model probability combined with the direct-evidence prior). */
  score: number;
  /** Log-odds of `score`: the sort key, comparable across materials. */
  rankScore: number;
  /** Probability from the learned model, before the direct-evidence prior. */
  modelScore: number;
  directScore: number;
  /** Each feature's contribution to the model's logit. */
  components: Partial<Record<FeatureName, number>>;
  features: FeatureVector;
  /** Generators that proposed the application, strongest evidence first. */
  sources: string[];
  /** Best supporting passages: direct evidence first, then analogues, property fit, market signals. */
  citations: EvidenceCitation[];
  /** Analogue materials or shared properties behind the proposal. */
  via: string[];
  /** Why each analogue in `via` is comparable ("same polyolefin family; shares heat resistance"). */
  analogueReasons: Record<string, string>;
}

export function defaultGenerators(): CandidateGenerator[] {
  return [
    new DirectEvidenceGenerator(),
    new AnalogueGenerator(),
    new PropertyFitGenerator(),
    new MarketSignalGenerator(),
  ];
}

const CITATION_ORDER: Record<CitationRole, number> = { direct: 0, analogue: 1, property: 2, market: 3 };

/** Scores every candidate application of a material and sorts them best first (ties by id). */
export function rankApplications(index: EvidenceIndex, request: RankRequest): RankedApplication[] {
  const asOf = request.asOf ?? index.latestDate;
  const context = request.context ?? new FeatureContext(index, asOf);
  const maxCitations = request.maxCitations ?? DEFAULT_MAX_CITATIONS;
  const generated = new Map<string, GeneratedCandidate[]>();
  for (const generator of request.generators ?? defaultGenerators()) {
    for (const candidate of generator.generate(index, {
      materialId: request.materialId,
      known: request.known,
      asOf,
      maxCitations,
      ...(request.properties ? { properties: request.properties } : {}),
    })) {
      const list = generated.get(candidate.applicationId);
      if (list) list.push(candidate);
      else generated.set(candidate.applicationId, [candidate]);
    }
  }
  const universe = request.onlyGenerated
    ? [...generated.keys()]
    : (request.applications ?? index.entities('application'));
  const applications = universe.filter((applicationId) => !request.known.has(applicationId));
  const features = computeFeatures(context, request.materialId, applications);
  const ranked = applications.map((applicationId): RankedApplication => {
    const vector = features.get(applicationId) as FeatureVector;
    const breakdown = scoreFeatures(request.model, vector);
    const proposals = generated.get(applicationId) ?? [];
    const citations = proposals
      .flatMap((proposal) => proposal.citations)
      .sort((a, b) => CITATION_ORDER[a.role] - CITATION_ORDER[b.role] || b.confidence - a.confidence)
      .slice(0, maxCitations);
    return {
      applicationId,
      rank: 0,
      score: breakdown.score,
      rankScore: breakdown.rankScore,
      modelScore: breakdown.model,
      directScore: breakdown.direct,
      components: breakdown.components,
      features: vector,
      sources: proposals.map((proposal) => proposal.generator),
      citations,
      via: [...new Set(proposals.flatMap((proposal) => proposal.via))].slice(0, 10),
      analogueReasons: Object.assign({}, ...proposals.map((proposal) => proposal.reasons ?? {})),
    };
  });
  ranked.sort(
    (a, b) =>
      b.rankScore - a.rankScore ||
      (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0),
  );
  ranked.forEach((entry, position) => {
    entry.rank = position + 1;
  });
  return ranked;
}
