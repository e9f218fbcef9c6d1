import { type EvidenceIndex, shiftYears, yearsBetween } from './evidence-index.ts';
import { mentionMomentum } from './market-signal-generator.ts';
import { similarMaterials } from './material-similarity.ts';
import { propertyFit } from './property-fit-generator.ts';

/**
 * Features of a (material, application) candidate, all computed from the evidence dated on or before
 * `asOf`. Every feature is material- and application-comparable, so one score ranks pooled pairs.
 */
export const FEATURE_NAMES = [
  'appPopularity',
  'appRecentPopularity',
  'appMomentum',
  'appDegree',
  'appNewPartners',
  'appRecency',
  'appNewsShare',
  'materialPopularity',
  'materialRecentPopularity',
  'materialDegree',
  'materialNewPartners',
  'materialRecency',
  'preferentialAttachment',
  'popularityProduct',
  'commonNeighbours',
  'adamicAdar',
  'resourceAllocation',
  'jaccardCF',
  'katz3',
  'analogueStrength',
  'analogueMax',
  'sameClassShare',
  'propertyFit',
  'documentCoMentions',
  'directCoMentions',
  'directDiversity',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

export const RECENT_YEARS = 3;
const RECENCY_SCALE_YEARS = 3;

/** Per-index values shared by every material (computed once per asOf). */
export class FeatureContext {
  readonly index: EvidenceIndex;
  readonly asOf: string;
  private readonly recentStart: string;
  private readonly applicationCache = new Map<string, ApplicationStats>();
  private readonly materialCache = new Map<string, EntityStats>();

  /** Corpus size of the era (memoised): the denominators of the era-normalised features. */
  private eraScale: EraScale | undefined;

  constructor(index: EvidenceIndex, asOf: string = index.latestDate) {
    this.index = index;
    this.asOf = asOf;
    this.recentStart = shiftYears(asOf, -RECENT_YEARS);
  }

  scale(): EraScale {
    this.eraScale ??= {
      documents: this.index.totalDocumentsBetween('0000-00-00', this.asOf),
      recentDocuments: this.index.totalDocumentsBetween(this.recentStart, this.asOf),
      materials: Math.max(1, this.index.entities('material').length),
      applications: Math.max(1, this.index.entities('application').length),
    };
    return this.eraScale;
  }

  private entityStats(entityId: string, partners: Iterable<{ firstDate: string }>): EntityStats {
    const index = this.index;
    let newPartners = 0;
    for (const pair of partners) if (pair.firstDate > this.recentStart) newPartners += 1;
    const last = index.lastMentionDate(entityId);
    return {
      popularity: index.documentCount(entityId),
      recentPopularity: index.documentCountBetween(entityId, this.recentStart, this.asOf),
      newPartners,
      recency: last ? Math.exp(-Math.max(0, yearsBetween(last, this.asOf)) / RECENCY_SCALE_YEARS) : 0,
    };
  }

  application(applicationId: string): ApplicationStats {
    let stats = this.applicationCache.get(applicationId);
    if (!stats) {
      const index = this.index;
      let news = 0;
      for (const documentId of index.documentsMentioning(applicationId)) {
        if (index.document(documentId)?.kind === 'news') news += 1;
      }
      const base = this.entityStats(applicationId, index.materialsOf(applicationId).values());
      stats = {
        ...base,
        degree: index.applicationDegree(applicationId),
        momentum: base.popularity > 0 ? mentionMomentum(index, applicationId, this.asOf) : 0,
        newsShare: base.popularity > 0 ? news / base.popularity : 0,
      };
      this.applicationCache.set(applicationId, stats);
    }
    return stats;
  }

  material(materialId: string): EntityStats {
    let stats = this.materialCache.get(materialId);
    if (!stats) {
      stats = this.entityStats(materialId, this.index.applicationsOf(materialId).values());
      this.materialCache.set(materialId, stats);
    }
    return stats;
  }
}

/** Size of the corpus and of the vocabulary in use at `asOf`. */
export interface EraScale {
  /** Documents dated on or before asOf. */
  documents: number;
  /** Documents of the last RECENT_YEARS years. */
  recentDocuments: number;
  /** Materials (applications) named by at least one document. */
  materials: number;
  applications: number;
}

/**
 * A count as a log share of its era's total: ln((count + 1) / (total + 1)). Raw counts grow with the
 * corpus, so weights fitted on an internal split years before the cutoff (300 documents) would
 * misread them at the cutoff (1,600); shares keep the same meaning in every era.
 */
export function logShare(count: number, total: number): number {
  return Math.log((count + 1) / (total + 1));
}

/** A path sum (over neighbouring materials) per 100 materials of the era, log-scaled. */
export function perMaterials(sum: number, materials: number): number {
  return Math.log1p((100 * sum) / Math.max(1, materials));
}

interface EntityStats {
  popularity: number;
  recentPopularity: number;
  newPartners: number;
  recency: number;
}

interface ApplicationStats extends EntityStats {
  degree: number;
  momentum: number;
  newsShare: number;
}

/**
 * Feature vectors of one material against each application. Path features walk m–a'–m'–a on the
 * known material–application graph (sentence co-mentions dated ≤ asOf).
 */
export function computeFeatures(
  context: FeatureContext,
  materialId: string,
  applicationIds: readonly string[],
): Map<string, FeatureVector> {
  const index = context.index;
  const material = context.material(materialId);
  const ownApplications = index.applicationsOf(materialId);
  const materialDegree = ownApplications.size;

  // Per neighbouring material m' (sharing a known application with m): overlap, AA and RA sums.
  const overlap = new Map<string, number>();
  const adamicAdarSum = new Map<string, number>();
  const resourceSum = new Map<string, number>();
  for (const applicationId of ownApplications.keys()) {
    const degree = index.applicationDegree(applicationId);
    for (const other of index.materialsOf(applicationId).keys()) {
      if (other === materialId) continue;
      overlap.set(other, (overlap.get(other) ?? 0) + 1);
      adamicAdarSum.set(other, (adamicAdarSum.get(other) ?? 0) + (degree > 1 ? 1 / Math.log(degree) : 0));
      resourceSum.set(other, (resourceSum.get(other) ?? 0) + 1 / degree);
    }
  }
  const similarities = similarMaterials(index, materialId);
  const scale = context.scale();
  const materialClass = index.materialClass(materialId);

  const result = new Map<string, FeatureVector>();
  for (const applicationId of applicationIds) {
    const application = context.application(applicationId);
    let commonNeighbours = 0;
    let adamicAdar = 0;
    let resourceAllocation = 0;
    let jaccard = 0;
    let katz3 = 0;
    let analogueStrength = 0;
    let analogueMax = 0;
    let sameClass = 0;
    let partners = 0;
    for (const other of index.materialsOf(applicationId).keys()) {
      if (other === materialId) continue;
      partners += 1;
      const shared = overlap.get(other) ?? 0;
      if (shared > 0) {
        const otherDegree = index.materialDegree(other);
        commonNeighbours += 1;
        katz3 += shared;
        adamicAdar += adamicAdarSum.get(other) ?? 0;
        resourceAllocation += (resourceSum.get(other) ?? 0) / otherDegree;
        jaccard += shared / (materialDegree + otherDegree - shared);
      }
      const similarity = similarities.get(other)?.similarity ?? 0;
      analogueStrength += similarity;
      if (similarity > analogueMax) analogueMax = similarity;
      if (materialClass !== undefined && index.materialClass(other) === materialClass) sameClass += 1;
    }
    const direct = index.pair(materialId, applicationId);
    let directDiversity = 0;
    if (direct) {
      const kinds = new Set<string>();
      const assignees = new Set<string>();
      for (const row of direct.rows) {
        kinds.add(row.kind);
        for (const assignee of row.assignees) assignees.add(assignee);
      }
      directDiversity = kinds.size + Math.log1p(assignees.size);
    }
    // Counts grow with the corpus, so a model fitted years before the cutoff would misread them:
    // entity counts become percentile ranks in the era, path sums become per-material shares, and
    // document co-mentions a cosine of the two mention counts.
    // Entity counts are log shares of the era's documents (popularity) or vocabulary (degree,
    // partners); path sums are per 100 materials of the era. See logShare.
    const appPopularity = logShare(application.popularity, scale.documents);
    const materialPopularity = logShare(material.popularity, scale.documents);
    const materialDegreeShare = logShare(materialDegree, scale.applications);
    result.set(applicationId, {
      appPopularity,
      appRecentPopularity: logShare(application.recentPopularity, scale.recentDocuments),
      appMomentum: application.momentum,
      appDegree: logShare(application.degree, scale.materials),
      appNewPartners: logShare(application.newPartners, scale.materials),
      appRecency: application.recency,
      appNewsShare: application.newsShare,
      materialPopularity,
      materialRecentPopularity: logShare(material.recentPopularity, scale.recentDocuments),
      materialDegree: materialDegreeShare,
      materialNewPartners: logShare(material.newPartners, scale.applications),
      materialRecency: material.recency,
      // Products of counts become sums of log shares.
      preferentialAttachment: appPopularity + materialDegreeShare,
      popularityProduct: appPopularity + materialPopularity,
      commonNeighbours: perMaterials(commonNeighbours, scale.materials),
      adamicAdar: perMaterials(adamicAdar, scale.materials),
      resourceAllocation,
      jaccardCF: perMaterials(jaccard, scale.materials),
      katz3: perMaterials(katz3, scale.materials),
      analogueStrength: perMaterials(analogueStrength, scale.materials),
      analogueMax,
      sameClassShare: partners > 0 ? sameClass / partners : 0,
      propertyFit: propertyFit(index, materialId, applicationId),
      // Documents naming both: a handful per pair in every era, kept as a count.
      documentCoMentions: Math.log1p(index.documentsMentioningBoth(materialId, applicationId)),
      directCoMentions: Math.log1p(direct ? supportingDocuments(direct.rows) : 0),
      directDiversity,
    });
  }
  return result;
}

/** Confidence at which one document's statement counts as one whole document of direct evidence. */
export const FULL_SUPPORT_CONFIDENCE = 0.75;

/**
 * Direct evidence in documents, weighted by how clearly each states the use: a document counts
 * min(1, its best fact's confidence / FULL_SUPPORT_CONFIDENCE), so a hedged or weakly cued statement
 * counts less than a clear one. (Negative and replaced facts never reach the index.)
 */
export function supportingDocuments(rows: readonly { documentId: string; confidence: number }[]): number {
  const best = new Map<string, number>();
  for (const row of rows) best.set(row.documentId, Math.max(best.get(row.documentId) ?? 0, row.confidence));
  let total = 0;
  for (const confidence of best.values()) total += Math.min(1, confidence / FULL_SUPPORT_CONFIDENCE);
  return total;
}
