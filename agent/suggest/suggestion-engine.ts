import type {
  EvidenceReader,
  Product,
  ReviewedApplication,
  SuggestionStore,
  SuggestionWrite,
} from '../../graph/index.ts';
import { nameFromEntityId } from '../../graph/index.ts';
import { EvidenceIndex } from '../discovery/evidence-index.ts';
import { rankApplications } from '../discovery/rank-candidates.ts';
import type { ScoringModel } from '../discovery/scorer.ts';
import { groupVariants, Taxonomy, type VariantGroup } from '../discovery/taxonomy.ts';
import { trainWeights } from '../discovery/train-weights.ts';
import { composeRationale } from './compose-rationale.ts';

export const engineVersion = 'matscout-discovery/1';

function suggestionId(productId: string, applicationId: string): string {
  return `suggestion:${productId.replace(/^product:/, '')}|${applicationId.replace(/^application:/, '')}`;
}

const maxCitations = 5;

/**
 * One suggestion for a group of broader/narrower variants: the head's scores and rationale, its
 * variants listed, their evidence documents counted and their best passage cited after the head's.
 */
function withVariants(
  group: VariantGroup<SuggestionWrite>,
  rank: number,
  productId: string,
): SuggestionWrite {
  const { head, variants } = group;
  if (variants.length === 0) return { ...head, rank };
  const names = variants.map((variant) => nameFromEntityId(variant.applicationId));
  const citations = [...head.citations];
  for (const variant of variants) {
    const first = variant.citations[0];
    if (first && citations.length < maxCitations && !citations.some((c) => c.chunkId === first.chunkId))
      citations.push(first);
  }
  const documents = new Set([head, ...variants].flatMap((write) => write.evidenceDocumentIds));
  return {
    ...head,
    id: suggestionId(productId, head.applicationId),
    rank,
    variants: variants.map((variant) => variant.applicationId),
    rationale: `${head.rationale} Variants: ${names.join(', ')}.`,
    citations,
    evidenceDocuments: documents.size,
    evidenceDocumentIds: [...documents].sort(),
  };
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
}

export interface ComputedSuggestions {
  productId: string;
  materialId: string;
  model: ScoringModel;
  suggestions: SuggestionWrite[];
  /** Applications left out by the review feedback loop. */
  excluded: { applicationId: string; reason: string }[];
}

/**
 * Computes, persists and returns ranked new applications for a product: known applications and
 * accepted suggestions are excluded, rejected ones stay out unless their evidence grew since the
 * review, every suggestion keeps ≥ 1 citation (a chunk span).
 */
export class SuggestionEngine {
  private readonly evidenceReader: EvidenceReader;
  private readonly suggestions: SuggestionEngineDependencies['suggestions'];
  private cache: { index: EvidenceIndex; model: ScoringModel; at: number } | undefined;

  constructor(dependencies: SuggestionEngineDependencies) {
    this.evidenceReader = dependencies.evidence;
    this.suggestions = dependencies.suggestions;
  }

  /** Drops the cached evidence index and weights (call after an ingestion run). */
  invalidate(): void {
    this.cache = undefined;
  }

  private async evidence(): Promise<{ index: EvidenceIndex; model: ScoringModel }> {
    if (this.cache) return this.cache;
    const index = EvidenceIndex.fromRows(await this.evidenceReader.readEvidence());
    const applications = index.entities('application');
    let model: ScoringModel;
    try {
      ({ model } = trainWeights(index, { cutoff: index.latestDate || '1970-01-01', applications }));
    } catch {
      // Too little dated evidence to fit weights on an internal split: use the prior that the back-test
      // selects most often (equal weights on application popularity, Adamic–Adar, material popularity).
      model = priorModel(index.latestDate);
    }
    this.cache = { index, model, at: Date.now() };
    return this.cache;
  }

  /** Computes, persists and returns the product's ranked suggestions (what `suggest` and the API show). */
  async compute(product: Product, options: SuggestOptions = {}): Promise<ComputedSuggestions> {
    const computed = await this.rank(product, options);
    await this.suggestions.saveSuggestions(product.id, computed.suggestions);
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
    const best = new Map<string, ReturnType<typeof rankApplications>[number]>();
    for (const materialId of materialIds) {
      for (const ranked of rankApplications(index, {
        materialId,
        known,
        model,
        onlyGenerated: true,
        maxCitations: 3,
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
        excluded.push({ applicationId: ranked.applicationId, reason: 'broader than a known application' });
        return false;
      })
      .sort((a, b) => b.rankScore - a.rankScore || a.applicationId.localeCompare(b.applicationId));
    const writes: SuggestionWrite[] = [];
    for (const ranked of ordered) {
      if (ranked.citations.length === 0) continue;
      // A market signal alone shows that an application grows, not that this material fits it; it
      // raises the score of candidates with evidence but does not make a suggestion on its own.
      if (ranked.sources.every((source) => source === 'market-signal')) continue;
      // Evidence for the feedback loop: every document that links the product's materials, or the
      // analogue materials behind the proposal, to the application (uncapped, so it only grows as
      // documents arrive); market-signal passages say nothing about the material.
      const evidence = new Set<string>();
      const linkedMaterials = [...materialIds, ...ranked.via.filter((id) => id.startsWith('material:'))];
      for (const materialId of linkedMaterials) {
        for (const row of index.pair(materialId, ranked.applicationId)?.rows ?? [])
          evidence.add(row.documentId);
      }
      for (const citation of ranked.citations)
        if (citation.role === 'property') evidence.add(citation.documentId);
      const evidenceCount = evidence.size;
      const review = reviewed.get(ranked.applicationId);
      const judged = new Set(review?.evidenceDocumentIdsAtReview ?? []);
      if (review?.status === 'rejected' && [...evidence].every((documentId) => judged.has(documentId))) {
        excluded.push({ applicationId: ranked.applicationId, reason: 'rejected, and no new evidence since' });
        continue;
      }
      writes.push({
        id: suggestionId(product.id, ranked.applicationId),
        productId: product.id,
        applicationId: ranked.applicationId,
        score: Number(ranked.score.toFixed(6)),
        rank: writes.length + 1,
        components: Object.fromEntries(
          Object.entries(ranked.components).map(([key, value]) => [key, Number((value ?? 0).toFixed(6))]),
        ),
        rationale: composeRationale(ranked, {
          material: product.name,
          application: ranked.applicationId.replace(/^application:/, '').replaceAll('-', ' '),
          entity: (id) => id.replace(/^[a-z]+:/, '').replaceAll('-', ' '),
        }),
        createdAt: now.toISOString(),
        engineVersion: `${engineVersion}; model ${model.name} v${model.version}`,
        model: 'none',
        promptId: 'none',
        evidenceDocuments: evidenceCount,
        evidenceDocumentIds: [...evidence].sort(),
        citations: ranked.citations.map((citation) => ({
          chunkId: citation.chunkId,
          start: citation.start,
          end: citation.end,
          role: citation.role,
        })),
      });
      // Enough to fill `top` groups even when many proposals fold into variants of one another.
      if (writes.length >= top * 4 + 20) break;
    }
    const grouped = groupVariants(
      writes,
      taxonomy,
      (write) => write.applicationId,
      (write) => write.citations.some((citation) => citation.role === 'direct'),
    )
      .slice(0, top)
      .map((group, position) => withVariants(group, position + 1, product.id));
    return { productId: product.id, materialId: product.materialId, model, suggestions: grouped, excluded };
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
