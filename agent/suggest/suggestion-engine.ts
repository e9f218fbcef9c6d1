import type {
  EvidenceReader,
  HeldBack,
  Product,
  ReviewedApplication,
  ScoreGroups,
  SuggestionStore,
  SuggestionWrite,
} from '../../graph/index.ts';
import { nameFromEntityId } from '../../graph/index.ts';
import type { EvidenceCitation } from '../discovery/candidate.ts';
import { plainName } from '../discovery/chemical-analogues.ts';
import { EvidenceIndex } from '../discovery/evidence-index.ts';
import { type RankedApplication, rankApplications } from '../discovery/rank-candidates.ts';
import type { ScoringModel } from '../discovery/scorer.ts';
import { groupVariants, Taxonomy, type VariantGroup } from '../discovery/taxonomy.ts';
import { trainWeights } from '../discovery/train-weights.ts';
import { attachableCitations } from './attachable-citations.ts';
import { composeRationale } from './compose-rationale.ts';
import { confidenceOf, supportOf } from './confidence.ts';
import { evidenceFingerprint, type ScoringModelCache } from './model-cache.ts';
import { scoreGroups } from './score-groups.ts';

export const engineVersion = 'matscout-discovery/1';

function suggestionId(productId: string, applicationId: string): string {
  return `suggestion:${productId.replace(/^product:/, '')}|${applicationId.replace(/^application:/, '')}`;
}

const maxCitations = 5;

/** Below this many evidence documents a candidate without a passage naming the material is not listed. */
export const MIN_SUPPORT_DOCUMENTS = 2;

export const heldBackReasons = {
  noPassage: 'no passage names the material, an analogue or the application',
  marketOnly: 'only a market signal: nothing links the material to the application',
  belowSupport: `below minimum support: fewer than ${MIN_SUPPORT_DOCUMENTS} evidence documents and none naming the material with the application`,
  filler: 'equal-score filler: tied with other candidates, each from a single document',
  rejected: 'rejected, and no new evidence since',
  broader: 'broader than a known application',
} as const;

/** A candidate that passed the support rules, before variants are folded and the rationale is written. */
interface Draft {
  ranked: RankedApplication;
  citations: EvidenceCitation[];
  evidence: Set<string>;
}

/**
 * Variants' evidence documents counted; each variant's best passage naming the material or an analogue
 * (with the analogue's reason) cited after the head's.
 */
function mergeVariants(group: VariantGroup<Draft>): Draft & { reasons: Record<string, string> } {
  const { head, variants } = group;
  const reasons = { ...head.ranked.analogueReasons };
  if (variants.length === 0) return { ...head, reasons };
  const citations = [...head.citations];
  for (const variant of variants) {
    const first = variant.citations.find(
      (citation) => citation.role === 'direct' || citation.role === 'analogue',
    );
    if (first?.role === 'analogue') {
      const reason = variant.ranked.analogueReasons[first.subjectId];
      if (reason !== undefined) reasons[first.subjectId] = reason;
    }
    if (first && citations.length < maxCitations && !citations.some((c) => c.chunkId === first.chunkId))
      citations.push(first);
  }
  const evidence = new Set([head, ...variants].flatMap((draft) => [...draft.evidence]));
  return { ranked: head.ranked, citations, evidence, reasons };
}

/** Drops runs of two or more candidates with one score where each rests on a single document. */
function withoutFiller(
  groups: VariantGroup<Draft>[],
  excluded: ComputedSuggestions['excluded'],
): VariantGroup<Draft>[] {
  const scoreOf = (group: VariantGroup<Draft>) => group.head.ranked.score.toFixed(6);
  const merged = new Map(groups.map((group) => [group, mergeVariants(group)]));
  // A passage naming the material with the application is evidence, never filler, however many stated
  // uses of a new material tie on the same score.
  const direct = (group: VariantGroup<Draft>) =>
    (merged.get(group)?.citations ?? []).some((citation) => citation.role === 'direct');
  const ties = new Map<string, VariantGroup<Draft>[]>();
  for (const group of groups)
    if (!direct(group)) ties.set(scoreOf(group), [...(ties.get(scoreOf(group)) ?? []), group]);
  return groups.filter((group) => {
    const tied = ties.get(scoreOf(group)) ?? [];
    const filler =
      !direct(group) &&
      tied.length >= 2 &&
      tied.every((member) => (merged.get(member)?.evidence.size ?? 0) <= 1);
    if (filler)
      excluded.push({ applicationId: group.head.ranked.applicationId, reason: heldBackReasons.filler });
    return !filler;
  });
}

/** Held-back candidates counted per reason (accepted applications are known ones, not held back). */
export function countHeldBack(excluded: ComputedSuggestions['excluded']): HeldBack {
  const counts = new Map<string, number>();
  for (const { reason } of excluded)
    if (!reason.startsWith('accepted')) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const reasons = [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { total: reasons.reduce((sum, entry) => sum + entry.count, 0), reasons };
}

/** Equal weights on unstandardised log-scale features; used only when fitting is impossible. */
export function priorModel(cutoff: string): ScoringModel {
  const features: ScoringModel['features'] = ['appPopularity', 'adamicAdar', 'materialPopularity'];
  return {
    version: 1,
    kind: 'equal-weight',
    name: 'prior-popularity-adamic-adar',
    features,
    means: features.map(() => 0),
    stds: features.map(() => 1),
    weights: features.map(() => 1 / features.length),
    bias: -2,
    l2: 0,
    directEvidenceRate: 0.5,
    trainedOn: { cutoff, internalCutoffs: [], positives: 0, negatives: 0 },
  };
}

export interface SuggestOptions {
  top?: number;
  /** Clock seam for deterministic tests. */
  now?: () => Date;
}

/** What the engine reads and writes: the evidence rows, and the product's suggestions and reviews. */
export interface SuggestionEngineDependencies {
  evidence: EvidenceReader;
  suggestions: Pick<SuggestionStore, 'reviewedApplications' | 'saveSuggestions'>;
  /** Weights fitted on the same evidence by an earlier process (see ScoringModelCache). */
  modelCache?: ScoringModelCache;
}

export interface ComputedSuggestions {
  productId: string;
  materialId: string;
  model: ScoringModel;
  suggestions: SuggestionWrite[];
  /** Applications left out (review feedback loop, support rules), with the reason. */
  excluded: { applicationId: string; reason: string }[];
  /** `excluded` counted per reason, accepted applications aside: what the API and page show. */
  heldBack: HeldBack;
}

/**
 * Computes, persists and returns ranked new applications for a product: known applications and
 * accepted suggestions are excluded, rejected ones stay out unless their evidence grew since the
 * review, every suggestion keeps ≥ 1 citation (a chunk span).
 */
export class SuggestionEngine {
  private readonly evidenceReader: EvidenceReader;
  private readonly suggestions: SuggestionEngineDependencies['suggestions'];
  private readonly modelCache: ScoringModelCache | undefined;
  private cache: { index: EvidenceIndex; model: ScoringModel; stamp?: string } | undefined;

  constructor(dependencies: SuggestionEngineDependencies) {
    this.evidenceReader = dependencies.evidence;
    this.suggestions = dependencies.suggestions;
    this.modelCache = dependencies.modelCache;
  }

  /**
   * Drops the cached evidence index and weights (call after an ingestion run). Changes made by other
   * processes (a CLI ingest, a worker) are noticed through the reader's evidence stamp.
   */
  invalidate(): void {
    this.cache = undefined;
  }

  /** The reader's evidence stamp (undefined when it keeps none): it changes when the evidence may have. */
  async evidenceStamp(): Promise<string | undefined> {
    return this.evidenceReader.readEvidenceStamp?.();
  }

  private async evidence(): Promise<{ index: EvidenceIndex; model: ScoringModel }> {
    // Read before the evidence, so a change made while it is read shows at the next call.
    const stamp = await this.evidenceStamp();
    if (this.cache && this.cache.stamp === stamp) return this.cache;
    const rows = await this.evidenceReader.readEvidence();
    const index = EvidenceIndex.fromRows(rows);
    const fingerprint = this.modelCache ? evidenceFingerprint(rows, engineVersion) : undefined;
    let model = fingerprint ? await this.modelCache?.get(fingerprint) : undefined;
    if (!model) {
      const applications = index.entities('application');
      try {
        ({ model } = trainWeights(index, { cutoff: index.latestDate || '1970-01-01', applications }));
        // A cache that cannot be written costs the next process a fit, nothing more.
        if (fingerprint) await this.modelCache?.put(fingerprint, model).catch(() => undefined);
      } catch {
        // Too little dated evidence to fit weights on an internal split: use the prior that the back-test
        // selects most often (equal weights on application popularity, Adamic–Adar, material popularity).
        model = priorModel(index.latestDate);
      }
    }
    this.cache = { index, model, ...(stamp !== undefined ? { stamp } : {}) };
    return this.cache;
  }

  /** Computes, persists and returns the product's ranked suggestions (what `suggest` and the API show). */
  async compute(product: Product, options: SuggestOptions = {}): Promise<ComputedSuggestions> {
    const computed = await this.rank(product, options);
    await this.suggestions.saveSuggestions(product.id, computed.suggestions, computed.heldBack);
    return computed;
  }

  /** The product's ranked suggestions, computed in memory and never saved (read-only callers: chat). */
  async rank(product: Product, options: SuggestOptions = {}): Promise<ComputedSuggestions> {
    return this.rankWith(product, await this.suggestions.reviewedApplications(product.id), options);
  }

  private async rankWith(
    product: Product,
    reviewed: Map<string, ReviewedApplication>,
    options: SuggestOptions,
  ): Promise<ComputedSuggestions> {
    const { index, model } = await this.evidence();
    const now = (options.now ?? (() => new Date()))();
    const known = new Set(product.knownApplications);
    const excluded: ComputedSuggestions['excluded'] = [];
    const materialIds = [product.materialId, ...(product.materialIds ?? [])].filter(
      (id, position, all) => all.indexOf(id) === position,
    );
    for (const [applicationId, review] of reviewed) {
      if (review.status === 'accepted') {
        known.add(applicationId);
        excluded.push({ applicationId, reason: 'accepted: now a known application' });
      }
    }
    const best = new Map<string, RankedApplication>();
    const properties = new Set(product.properties);
    for (const materialId of materialIds) {
      for (const ranked of rankApplications(index, {
        materialId,
        known,
        model,
        onlyGenerated: true,
        maxCitations: 3,
        properties,
      })) {
        const previous = best.get(ranked.applicationId);
        if (!previous || ranked.rankScore > previous.rankScore) best.set(ranked.applicationId, ranked);
      }
    }
    const top = options.top ?? 20;
    const taxonomy = new Taxonomy(index.rows.broader);
    // A term broader than a known application is not new ("packaging" for a medical-packaging resin).
    const broaderThanKnown = taxonomy.broaderThanAny(known);
    const ordered = [...best.values()]
      .filter((ranked) => {
        if (!broaderThanKnown.has(ranked.applicationId)) return true;
        excluded.push({ applicationId: ranked.applicationId, reason: heldBackReasons.broader });
        return false;
      })
      .sort((a, b) => b.rankScore - a.rankScore || a.applicationId.localeCompare(b.applicationId));
    const drafts: Draft[] = [];
    for (const ranked of ordered) {
      const hold = (reason: string) => excluded.push({ applicationId: ranked.applicationId, reason });
      // One passage is cited once, in its strongest role (the list is ordered direct first).
      const spans = new Set<string>();
      const citations = attachableCitations(ranked.citations, {
        materials: materialIds,
        analogues: Object.keys(ranked.analogueReasons),
        applicationId: ranked.applicationId,
      }).filter((citation) => {
        const span = `${citation.chunkId}|${citation.start}|${citation.end}`;
        if (spans.has(span)) return false;
        spans.add(span);
        return true;
      });
      if (citations.length === 0) {
        hold(heldBackReasons.noPassage);
        continue;
      }
      // A market signal alone shows that an application grows, not that this material fits it; it
      // raises the score of candidates with evidence but does not make a suggestion on its own.
      if (ranked.sources.every((source) => source === 'market-signal')) {
        hold(heldBackReasons.marketOnly);
        continue;
      }
      // Evidence for the feedback loop: every document that links the product's materials, or the
      // analogue materials behind the proposal, to the application (uncapped, so it only grows as
      // documents arrive); market-signal passages say nothing about the material.
      const evidence = new Set<string>();
      for (const materialId of [...materialIds, ...Object.keys(ranked.analogueReasons)]) {
        for (const row of index.pair(materialId, ranked.applicationId)?.rows ?? [])
          evidence.add(row.documentId);
      }
      for (const citation of citations) if (citation.role === 'property') evidence.add(citation.documentId);
      if (
        !citations.some((citation) => citation.role === 'direct') &&
        evidence.size < MIN_SUPPORT_DOCUMENTS
      ) {
        hold(heldBackReasons.belowSupport);
        continue;
      }
      const review = reviewed.get(ranked.applicationId);
      const judged = new Set(review?.evidenceDocumentIdsAtReview ?? []);
      if (review?.status === 'rejected' && [...evidence].every((documentId) => judged.has(documentId))) {
        hold(heldBackReasons.rejected);
        continue;
      }
      drafts.push({ ranked, citations, evidence });
      // Enough to fill `top` groups even when many proposals fold into variants of one another.
      if (drafts.length >= top * 4 + 20) break;
    }
    const groups = withoutFiller(
      groupVariants(
        drafts,
        taxonomy,
        (draft) => draft.ranked.applicationId,
        (draft) => draft.citations.some((citation) => citation.role === 'direct'),
      ),
      excluded,
    ).slice(0, top);
    const suggestions = groups.map((group, position): SuggestionWrite => {
      const { ranked, citations, evidence, reasons } = mergeVariants(group);
      const variants = group.variants.map((variant) => variant.ranked.applicationId);
      const { baseRate, groups: scoreParts } = scoreGroups(ranked, model.bias);
      const support = supportOf(index, [...evidence], citations);
      const analogues = [
        ...new Set(citations.filter((citation) => citation.role === 'analogue').map((c) => c.subjectId)),
      ].map((materialId) => ({ materialId, reason: reasons[materialId] ?? '' }));
      return {
        id: suggestionId(product.id, ranked.applicationId),
        productId: product.id,
        applicationId: ranked.applicationId,
        score: Number(ranked.score.toFixed(6)),
        rank: position + 1,
        components: Object.fromEntries(
          Object.entries(ranked.components).map(([key, value]) => [key, Number((value ?? 0).toFixed(6))]),
        ),
        scoreGroups: Object.fromEntries(
          Object.entries(scoreParts).map(([key, value]) => [key, Number(value.toFixed(6))]),
        ) as ScoreGroups,
        baseRate: Number(baseRate.toFixed(6)),
        confidence: confidenceOf(support),
        support,
        ...(analogues.length > 0 ? { analogues } : {}),
        rationale: composeRationale({
          material: product.name,
          application: plainName(ranked.applicationId),
          entity: (id) => index.materialName(id) ?? plainName(id),
          citations,
          analogueReasons: reasons,
          variants: variants.map((id) => nameFromEntityId(id)),
        }),
        createdAt: now.toISOString(),
        engineVersion: `${engineVersion}; model ${model.name} v${model.version}`,
        model: 'none',
        promptId: 'none',
        evidenceDocuments: evidence.size,
        evidenceDocumentIds: [...evidence].sort(),
        citations: citations.map((citation) => ({
          chunkId: citation.chunkId,
          start: citation.start,
          end: citation.end,
          role: citation.role,
        })),
        ...(variants.length > 0 ? { variants } : {}),
      };
    });
    return {
      productId: product.id,
      materialId: product.materialId,
      model,
      suggestions,
      excluded,
      heldBack: countHeldBack(excluded),
    };
  }

  /**
   * Suggestions for a bare material (no catalog entry), computed in memory and never saved: its known
   * applications are those the graph already links it to in a sentence (`usedIn`), so only applications
   * it is not yet evidenced in are proposed. A bare material has no reviews.
   */
  async rankForMaterial(
    material: { id: string; name: string },
    options: SuggestOptions = {},
  ): Promise<ComputedSuggestions & { usedIn: Array<{ applicationId: string; documents: number }> }> {
    const { index } = await this.evidence();
    const usedIn = [...index.applicationsOf(material.id).values()]
      .sort((a, b) => b.documents.size - a.documents.size || a.applicationId.localeCompare(b.applicationId))
      .map((pair) => ({ applicationId: pair.applicationId, documents: pair.documents.size }));
    const computed = await this.rankWith(
      {
        id: material.id,
        name: material.name,
        aliases: [],
        owner: 'graph',
        materialId: material.id,
        materialIds: [],
        properties: [],
        knownApplications: usedIn.map((use) => use.applicationId),
      },
      new Map(),
      options,
    );
    return { ...computed, usedIn };
  }
}
