import { createHash } from 'node:crypto';
import { type EvidenceIndex, shiftYears } from './evidence-index.ts';
import {
  computeFeatures,
  FEATURE_NAMES,
  FeatureContext,
  type FeatureName,
  type FeatureVector,
} from './features.ts';
import { computeMetrics, type DiscoveryMetrics, type QueryRanking } from './metrics.ts';
import {
  equalWeightModel,
  fitLogisticModel,
  rowRankScorer,
  type ScoringModel,
  type TrainingData,
} from './scorer.ts';

/** One internal time split: features from evidence ≤ internalCutoff, labels = pairs first seen in (internalCutoff, labelEnd]. */
export interface InternalSplit {
  internalCutoff: string;
  labelEnd: string;
  materials: string[];
  /**
   * Per material: the candidate applications it holds rows for, their feature rows (FEATURE_NAMES
   * order) and labels. `complete` when every candidate application has its row; otherwise the
   * negatives are a sample (see `heldNegativeRate`).
   */
  queries: {
    materialId: string;
    applicationIds: string[];
    rows: number[][];
    labels: boolean[];
    complete: boolean;
  }[];
  /** Positive and negative pairs of the whole split, held or not. */
  positives: number;
  negatives: number;
  /**
   * Share of the negatives held outside complete queries (1: every row is held). A fit may sample
   * at this rate or below, never above: the rows it would need are not there.
   */
  heldNegativeRate: number;
}

export interface TrainingOptions {
  /** The task cutoff: the index must hold nothing later. */
  cutoff: string;
  /** Applications every material is ranked against (the vocabulary in a back-test). */
  applications: readonly string[];
  /** Length of the label window, in years (the task's horizon). */
  horizonYears?: number;
  /** Internal cutoffs as years before the cutoff; each split's label window must end ≤ cutoff. */
  splitOffsetsYears?: readonly number[];
  /** Splits with fewer positives are skipped. */
  minPositives?: number;
  /** Rows one fit uses at most (default MAX_TRAINING_ROWS); see `trainingData`. */
  maxTrainingRows?: number;
}

/**
 * Rows one fit uses at most. A fit is on every material × application pair of every split: 410,000
 * rows (121 positives) on a graph of 650 documents, and it grows with both vocabularies, so a graph
 * after a backfill would fit for minutes. Above it the negatives are sampled (see `trainingData`),
 * and only the sampled rows get features (see `trainWeights`); the back-test's tasks and graphs of
 * that size stay under it and fit on every row.
 */
export const MAX_TRAINING_ROWS = 500_000;

export interface ModelVariant {
  name: string;
  kind: 'logistic' | 'equal-weight';
  features: readonly FeatureName[];
  l2?: number;
}

/** Features the learned model may use: directCoMentions/directDiversity are 0 for every time-split candidate. */
export const LEARNED_FEATURES: readonly FeatureName[] = FEATURE_NAMES.filter(
  (name) => name !== 'directCoMentions' && name !== 'directDiversity',
);

/**
 * Size, recent activity and new partners of both ends: whether a material is still finding new
 * applications carries over to long horizons (a 2012 cutoff scored to 2026).
 */
export const COMPACT_FEATURES: readonly FeatureName[] = [
  'appPopularity',
  'appRecentPopularity',
  'appNewPartners',
  'materialPopularity',
  'materialRecentPopularity',
  'materialNewPartners',
  'materialDegree',
  'preferentialAttachment',
  'adamicAdar',
  'documentCoMentions',
];

export const MODEL_VARIANTS: readonly ModelVariant[] = [
  { name: 'logistic-all-l2-1', kind: 'logistic', features: LEARNED_FEATURES, l2: 1 },
  { name: 'logistic-all-l2-30', kind: 'logistic', features: LEARNED_FEATURES, l2: 30 },
  { name: 'logistic-all-l2-300', kind: 'logistic', features: LEARNED_FEATURES, l2: 300 },
  { name: 'logistic-compact-l2-10', kind: 'logistic', features: COMPACT_FEATURES, l2: 10 },
  { name: 'logistic-compact-l2-100', kind: 'logistic', features: COMPACT_FEATURES, l2: 100 },
  { name: 'equal-popularity-adamic-adar', kind: 'equal-weight', features: ['appPopularity', 'adamicAdar'] },
  {
    name: 'equal-popularity-adamic-adar-material',
    kind: 'equal-weight',
    features: ['appPopularity', 'adamicAdar', 'materialPopularity'],
  },
  { name: 'popularity', kind: 'equal-weight', features: ['appPopularity'] },
];

/**
 * A split's labels before any feature: per material, which of the applications it is ranked against
 * are positives (the candidates themselves are listed again when features are computed, so that a
 * census holds no list per material). Labels need only the index, so the row counts, the
 * sampling rate and the benchmark queries are known before a single feature is computed.
 */
interface SplitCensus {
  internalCutoff: string;
  labelEnd: string;
  /** The evidence ≤ internalCutoff the features read. */
  past: EvidenceIndex;
  materials: { materialId: string; positives: ReadonlySet<string> }[];
  positives: number;
  negatives: number;
}

/** Applications a material is ranked against at a split: those it was not known in by then. */
function candidateApplications(
  past: EvidenceIndex,
  materialId: string,
  applications: readonly string[],
): string[] {
  const known = past.applicationsOf(materialId);
  return applications.filter((applicationId) => !known.has(applicationId));
}

function splitCensus(
  index: EvidenceIndex,
  internalCutoff: string,
  labelEnd: string,
  applications: readonly string[],
): SplitCensus {
  const past = index.restrictTo(internalCutoff);
  const census: SplitCensus = { internalCutoff, labelEnd, past, materials: [], positives: 0, negatives: 0 };
  for (const materialId of past.entities('material')) {
    const candidates = candidateApplications(past, materialId, applications);
    const positives = new Set<string>();
    for (const applicationId of candidates) {
      const pair = index.pair(materialId, applicationId);
      if (pair !== undefined && pair.firstDate > internalCutoff && pair.firstDate <= labelEnd)
        positives.add(applicationId);
    }
    census.materials.push({ materialId, positives });
    census.positives += positives.size;
    census.negatives += candidates.length - positives.size;
  }
  return census;
}

/** What of a split gets features: the negatives kept at `negativeRate`, and every row of `whole` materials. */
interface RowSelection {
  negativeRate: number;
  whole: ReadonlySet<string>;
}

/** The census's rows with their features, for the selected rows only. */
function withFeatures(
  census: SplitCensus,
  applications: readonly string[],
  selection: RowSelection = { negativeRate: 1, whole: new Set() },
): InternalSplit {
  const { internalCutoff, past } = census;
  const context = new FeatureContext(past, internalCutoff);
  const queries: InternalSplit['queries'] = [];
  for (const { materialId, positives } of census.materials) {
    const complete = selection.negativeRate >= 1 || selection.whole.has(materialId);
    const applicationIds = candidateApplications(past, materialId, applications).filter(
      (applicationId) =>
        complete ||
        positives.has(applicationId) ||
        keepsNegative(internalCutoff, materialId, applicationId, selection.negativeRate),
    );
    const features = computeFeatures(context, materialId, applicationIds);
    const rows: number[][] = [];
    const labels: boolean[] = [];
    for (const applicationId of applicationIds) {
      const vector = features.get(applicationId) as FeatureVector;
      rows.push(FEATURE_NAMES.map((name) => vector[name]));
      labels.push(positives.has(applicationId));
    }
    queries.push({ materialId, applicationIds, rows, labels, complete });
  }
  return {
    internalCutoff,
    labelEnd: census.labelEnd,
    materials: census.materials.map((material) => material.materialId),
    queries,
    positives: census.positives,
    negatives: census.negatives,
    heldNegativeRate: Math.min(1, selection.negativeRate),
  };
}

/** Builds one internal split, every row with its features, from an index holding evidence ≤ labelEnd. */
export function buildInternalSplit(
  index: EvidenceIndex,
  internalCutoff: string,
  labelEnd: string,
  applications: readonly string[],
): InternalSplit {
  return withFeatures(splitCensus(index, internalCutoff, labelEnd, applications), applications);
}

/** A number in [0, 1) from a string (FNV-1a): the same pair is kept or dropped in every fit. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

/** Whether a fit sampling negatives at `rate` uses this negative pair (the same answer in every fit). */
function keepsNegative(
  internalCutoff: string,
  materialId: string,
  applicationId: string,
  rate: number,
): boolean {
  return rate >= 1 || unitHash(`${internalCutoff}|${materialId}|${applicationId}`) < rate;
}

/** Share of the negatives a fit on these splits keeps so that it uses at most `maxRows` rows. */
function negativeRateOf(
  splits: readonly { positives: number; negatives: number }[],
  maxRows = MAX_TRAINING_ROWS,
): number {
  const positives = splits.reduce((sum, split) => sum + split.positives, 0);
  const total = splits.reduce((sum, split) => sum + split.positives + split.negatives, 0);
  return total <= maxRows ? 1 : Math.max(0, maxRows - positives) / (total - positives);
}

/**
 * The rows of a fit: every row of every split while they number at most `maxRows`; beyond, every
 * positive and a deterministic sample of the negatives (`negativeRate` of them, chosen by a hash of
 * split, material and application), so the fit's time stays bounded. Sampling negatives at a rate
 * independent of the features leaves the weights as they are in expectation and moves the intercept
 * by −log(rate), which `fitVariant` gives back.
 */
function trainingData(
  splits: readonly InternalSplit[],
  features: readonly FeatureName[],
  maxRows = MAX_TRAINING_ROWS,
): TrainingData & { negativeRate: number } {
  const columns = features.map((name) => FEATURE_NAMES.indexOf(name));
  const negativeRate = negativeRateOf(splits, maxRows);
  const short = splits.find((split) => split.heldNegativeRate < negativeRate);
  if (short) {
    throw new Error(
      `split ${short.internalCutoff} holds ${short.heldNegativeRate} of its negatives; a fit of at most ${maxRows} rows needs ${negativeRate}`,
    );
  }
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (const split of splits) {
    for (const query of split.queries) {
      query.rows.forEach((row, i) => {
        const label = query.labels[i] as boolean;
        const applicationId = query.applicationIds[i] as string;
        if (!label && !keepsNegative(split.internalCutoff, query.materialId, applicationId, negativeRate))
          return;
        rows.push(columns.map((column) => row[column] as number));
        labels.push(label);
      });
    }
  }
  return { features: [...features], rows, labels, negativeRate };
}

function trainedOn(cutoff: string, splits: readonly InternalSplit[]): ScoringModel['trainedOn'] {
  return {
    cutoff,
    internalCutoffs: splits.map((split) => split.internalCutoff),
    positives: splits.reduce((sum, split) => sum + split.positives, 0),
    negatives: splits.reduce((sum, split) => sum + split.negatives, 0),
  };
}

export function fitVariant(
  variant: ModelVariant,
  splits: readonly InternalSplit[],
  cutoff: string,
  maxRows = MAX_TRAINING_ROWS,
): ScoringModel {
  const { negativeRate, ...data } = trainingData(splits, variant.features, maxRows);
  const meta = { name: variant.name, trainedOn: trainedOn(cutoff, splits) };
  if (variant.kind !== 'logistic') return equalWeightModel(data, meta);
  const model = fitLogisticModel(data, { ...meta, l2: variant.l2 ?? 1 });
  if (negativeRate === 1) return model;
  // Fitted on a share of the negatives: its odds are 1/rate too high everywhere.
  model.bias += Math.log(negativeRate);
  model.trainedOn.negativeRate = negativeRate;
  return model;
}

/**
 * Materials a split is evaluated on, as the benchmark chooses them: every material with a positive,
 * in order, then as many without, in SHA-256 order.
 */
function benchmarkMaterials(
  internalCutoff: string,
  materials: readonly { materialId: string; hasPositive: boolean }[],
): string[] {
  const withPositives = materials.filter((entry) => entry.hasPositive).map((entry) => entry.materialId);
  const hash = (id: string) => createHash('sha256').update(`${internalCutoff}:${id}`).digest('hex');
  const without = materials
    .filter((entry) => !entry.hasPositive)
    .map((entry) => ({ id: entry.materialId, key: hash(entry.materialId) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, withPositives.length)
    .map((entry) => entry.id);
  return [...withPositives, ...without];
}

/** Queries of a split chosen as the benchmark does: every material with a positive plus as many without (SHA-256 order). */
export function benchmarkQueries(split: InternalSplit): InternalSplit['queries'] {
  const byMaterial = new Map(split.queries.map((query) => [query.materialId, query]));
  const chosen = benchmarkMaterials(
    split.internalCutoff,
    split.queries.map((query) => ({ materialId: query.materialId, hasPositive: query.labels.some(Boolean) })),
  ).map((materialId) => byMaterial.get(materialId) as InternalSplit['queries'][number]);
  const partial = chosen.find((query) => !query.complete);
  if (partial) {
    throw new Error(
      `split ${split.internalCutoff} holds a sample of ${partial.materialId}'s candidates; it cannot be evaluated`,
    );
  }
  return chosen;
}

export function evaluateOnSplit(model: ScoringModel, split: InternalSplit): DiscoveryMetrics {
  const rankScore = rowRankScorer(model, FEATURE_NAMES);
  const rankings: QueryRanking[] = benchmarkQueries(split).map((query) => ({
    query: query.materialId,
    scores: query.rows.map(rankScore),
    labels: query.labels,
  }));
  return computeMetrics(rankings);
}

export interface TrainingReport {
  splits: {
    internalCutoff: string;
    labelEnd: string;
    materials: number;
    positives: number;
    negatives: number;
  }[];
  validationSplit?: string;
  variants: { name: string; validation: DiscoveryMetrics; objective: number }[];
  chosen: string;
}

/** Selection objective on the validation split: pooled ROC-AUC plus MRR. */
function objective(metrics: DiscoveryMetrics): number {
  return metrics.rocAuc + metrics.mrr;
}

/** Longest label window of an internal split, in years. */
export const MAX_LABEL_WINDOW_YEARS = 3;

const FALLBACK_VARIANT = MODEL_VARIANTS[1] as ModelVariant;

/**
 * Fits the scoring model on internal time splits derived only from evidence ≤ cutoff. The variant
 * (feature set, penalty, or equal weights) is chosen on the latest split with the others as training
 * data, then refitted on every split.
 */
export function trainWeights(
  index: EvidenceIndex,
  options: TrainingOptions,
): { model: ScoringModel; report: TrainingReport; splits: InternalSplit[] } {
  // A long task horizon (a 2012 cutoff scored to 2026) would push every internal cutoff into years
  // with almost no documents; the label window is capped, and the split features are era-normalised
  // so a model fitted on a short window years earlier still ranks at the real cutoff.
  const horizon = Math.min(options.horizonYears ?? MAX_LABEL_WINDOW_YEARS, MAX_LABEL_WINDOW_YEARS);
  const offsets = options.splitOffsetsYears ?? [horizon, horizon + 1, horizon + 2, horizon + 3];
  const minPositives = options.minPositives ?? 10;
  const bounded = index.restrictTo(options.cutoff);
  const censuses: SplitCensus[] = [];
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    const internalCutoff = shiftYears(options.cutoff, -offset);
    const labelEnd = shiftYears(internalCutoff, horizon);
    if (labelEnd > options.cutoff) continue;
    const census = splitCensus(bounded.restrictTo(labelEnd), internalCutoff, labelEnd, options.applications);
    if (census.positives >= minPositives) censuses.push(census);
  }
  // Features only for the rows some fit uses: the first split validates the variants, fitted on the
  // others, and every split is in the final fit. So the others keep negatives at the rate of the
  // variants' fits (the higher one: fewer rows), the first at the final fit's rate plus its benchmark
  // queries whole. Below the row limit both rates are 1 and every row is held.
  const validates = censuses.length >= 2;
  const finalRate = negativeRateOf(censuses, options.maxTrainingRows);
  const trainingRate = validates
    ? Math.max(finalRate, negativeRateOf(censuses.slice(1), options.maxTrainingRows))
    : finalRate;
  const splits = censuses.map((census, i) => {
    const validation = validates && i === 0;
    const whole = validation
      ? benchmarkMaterials(
          census.internalCutoff,
          census.materials.map((m) => ({ materialId: m.materialId, hasPositive: m.positives.size > 0 })),
        )
      : [];
    return withFeatures(census, options.applications, {
      negativeRate: validation ? finalRate : trainingRate,
      whole: new Set(whole),
    });
  });
  const report: TrainingReport = {
    splits: splits.map((split) => ({
      internalCutoff: split.internalCutoff,
      labelEnd: split.labelEnd,
      materials: split.materials.length,
      positives: split.positives,
      negatives: split.negatives,
    })),
    variants: [],
    chosen: FALLBACK_VARIANT.name,
  };
  if (splits.length === 0) {
    throw new Error(
      `no internal time split before ${options.cutoff} has ${minPositives} positives; too little evidence to fit weights`,
    );
  }
  let chosen = FALLBACK_VARIANT;
  if (splits.length >= 2) {
    const [validation, ...training] = splits as [InternalSplit, ...InternalSplit[]];
    report.validationSplit = validation.internalCutoff;
    let best = Number.NEGATIVE_INFINITY;
    for (const variant of MODEL_VARIANTS) {
      const metrics = evaluateOnSplit(
        fitVariant(variant, training, options.cutoff, options.maxTrainingRows),
        validation,
      );
      const value = objective(metrics);
      report.variants.push({ name: variant.name, validation: metrics, objective: value });
      if (value > best) {
        best = value;
        chosen = variant;
      }
    }
  }
  report.chosen = chosen.name;
  const model = fitVariant(chosen, splits, options.cutoff, options.maxTrainingRows);
  const validation = report.variants.find((variant) => variant.name === chosen.name)?.validation;
  if (validation) model.trainedOn.validation = { ...validation };
  return { model, report, splits };
}
