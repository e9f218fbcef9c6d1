import type { FeatureName, FeatureVector } from './features.ts';

export const MODEL_VERSION = 1;

/**
 * A linear model over standardised features, stored as versioned JSON. `kind` says how the weights were
 * obtained: fitted logistic regression or equal weights (a robust fallback). The probability is
 * sigmoid(bias + Σ wᵢ·(xᵢ − μᵢ)/σᵢ).
 */
export interface ScoringModel {
  version: number;
  kind: 'logistic' | 'equal-weight';
  name: string;
  features: FeatureName[];
  means: number[];
  stds: number[];
  weights: number[];
  bias: number;
  l2: number;
  /**
   * Rate of the fixed prior for sentence-level evidence already linking the pair: it cannot be learned
   * on a time split (pairs with such evidence are known there, never candidates), so it is set by hand.
   */
  directEvidenceRate: number;
  trainedOn: {
    cutoff: string;
    internalCutoffs: string[];
    positives: number;
    negatives: number;
    validation?: Record<string, number>;
    /** Share of the negatives the fit used, when they were sampled (MAX_TRAINING_ROWS). */
    negativeRate?: number;
  };
}

export interface ScoreBreakdown {
  /** The model's log-odds before direct evidence. */
  logit: number;
  /** The model probability before direct evidence. */
  model: number;
  /** Log-odds of the final score: what candidates are sorted by (no saturation at 0 or 1). */
  rankScore: number;
  /** Final score: 1 − (1 − model)(1 − direct) with direct = 1 − exp(−rate·directCoMentions). */
  score: number;
  direct: number;
  /** Each feature's additive contribution to the logit. */
  components: Partial<Record<FeatureName, number>>;
}

function sigmoid(value: number): number {
  if (value >= 0) return 1 / (1 + Math.exp(-value));
  const exp = Math.exp(value);
  return exp / (1 + exp);
}

export function scoreFeatures(model: ScoringModel, features: FeatureVector): ScoreBreakdown {
  let logit = model.bias;
  const components: Partial<Record<FeatureName, number>> = {};
  for (let i = 0; i < model.features.length; i += 1) {
    const name = model.features[i] as FeatureName;
    const contribution =
      ((model.weights[i] as number) * ((features[name] ?? 0) - (model.means[i] as number))) /
      (model.stds[i] as number);
    components[name] = contribution;
    logit += contribution;
  }
  const probability = sigmoid(logit);
  const { rankScore, direct } = withDirectEvidence(model, logit, features.directCoMentions ?? 0);
  return {
    logit,
    model: probability,
    rankScore,
    score: 1 - (1 - probability) * (1 - direct),
    direct,
    components,
  };
}

/** The rank score of a model logit once direct evidence (`directCoMentions`, log-scaled) is added. */
function withDirectEvidence(
  model: ScoringModel,
  logit: number,
  directCoMentions: number,
): { rankScore: number; direct: number } {
  // directCoMentions is ln(1 + confidence-weighted documents); undo the log to count them.
  const documents = Math.expm1(directCoMentions);
  const direct = documents > 0 ? 1 - Math.exp(-model.directEvidenceRate * documents) : 0;
  if (direct === 0) return { rankScore: logit, direct };
  // log(1 − final) = log(1 − p) + log(1 − direct); log(1 − p) = −softplus(logit).
  const softplus = logit > 0 ? logit + Math.log1p(Math.exp(-logit)) : Math.log1p(Math.exp(logit));
  const logMiss = -softplus - model.directEvidenceRate * documents;
  return { rankScore: Math.log(-Math.expm1(logMiss)) - logMiss, direct };
}

/**
 * `scoreFeatures(model, vector).rankScore` for feature rows whose columns are `columns`, with the same
 * arithmetic but no vector or breakdown per row: a fit's validation ranks hundreds of thousands.
 */
export function rowRankScorer(
  model: ScoringModel,
  columns: readonly FeatureName[],
): (row: readonly number[]) => number {
  const at = model.features.map((name) => columns.indexOf(name));
  const directAt = columns.indexOf('directCoMentions');
  return (row) => {
    let logit = model.bias;
    for (let i = 0; i < at.length; i += 1) {
      const column = at[i] as number;
      const value = column < 0 ? 0 : (row[column] ?? 0);
      logit +=
        ((model.weights[i] as number) * (value - (model.means[i] as number))) / (model.stds[i] as number);
    }
    return withDirectEvidence(model, logit, directAt < 0 ? 0 : (row[directAt] ?? 0)).rankScore;
  };
}

export interface TrainingData {
  features: FeatureName[];
  rows: number[][];
  labels: boolean[];
}

function standardise(data: TrainingData): { means: number[]; stds: number[] } {
  const width = data.features.length;
  const means = new Array<number>(width).fill(0);
  const stds = new Array<number>(width).fill(0);
  for (const row of data.rows)
    for (let j = 0; j < width; j += 1) means[j] = (means[j] as number) + (row[j] as number);
  for (let j = 0; j < width; j += 1) means[j] = (means[j] as number) / Math.max(1, data.rows.length);
  for (const row of data.rows) {
    for (let j = 0; j < width; j += 1)
      stds[j] = (stds[j] as number) + ((row[j] as number) - (means[j] as number)) ** 2;
  }
  for (let j = 0; j < width; j += 1) stds[j] = Math.sqrt((stds[j] as number) / Math.max(1, data.rows.length));
  return { means, stds };
}

/** Solves A·x = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let column = 0; column < n; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < n; row += 1) {
      if (
        Math.abs((a[row] as number[])[column] as number) > Math.abs((a[pivot] as number[])[column] as number)
      )
        pivot = row;
    }
    [a[column], a[pivot]] = [a[pivot] as number[], a[column] as number[]];
    const pivotRow = a[column] as number[];
    const pivotValue = pivotRow[column] as number;
    for (let row = column + 1; row < n; row += 1) {
      const current = a[row] as number[];
      const factor = (current[column] as number) / pivotValue;
      if (factor === 0) continue;
      for (let k = column; k <= n; k += 1)
        current[k] = (current[k] as number) - factor * (pivotRow[k] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row -= 1) {
    const current = a[row] as number[];
    let sum = current[n] as number;
    for (let k = row + 1; k < n; k += 1) sum -= (current[k] as number) * (x[k] as number);
    x[row] = sum / (current[row] as number);
  }
  return x;
}

export interface FitOptions {
  name?: string;
  /** L2 penalty on the standardised weights (not the bias). */
  l2?: number;
  maxIterations?: number;
  directEvidenceRate?: number;
  trainedOn: ScoringModel['trainedOn'];
}

export const DEFAULT_DIRECT_EVIDENCE_RATE = 0.5;

/**
 * L2-regularised logistic regression by Newton's method on standardised features (deterministic).
 * Features constant in the training data get weight 0.
 */
export function fitLogisticModel(data: TrainingData, options: FitOptions): ScoringModel {
  const l2 = options.l2 ?? 1;
  const { means, stds } = standardise(data);
  const active = data.features.map((_, j) => (stds[j] as number) > 1e-12);
  const columns = data.features.map((_, j) => j).filter((j) => active[j]);
  const width = columns.length + 1;
  const design = data.rows.map((row) => [
    1,
    ...columns.map((j) => ((row[j] as number) - (means[j] as number)) / (stds[j] as number)),
  ]);
  const positives = data.labels.filter(Boolean).length;
  const beta = new Array<number>(width).fill(0);
  beta[0] = Math.log((positives + 0.5) / (data.labels.length - positives + 0.5));
  const objective = (coefficients: readonly number[]): number => {
    let total = 0;
    for (let i = 0; i < design.length; i += 1) {
      const x = design[i] as number[];
      let logit = 0;
      for (let k = 0; k < width; k += 1) logit += (coefficients[k] as number) * (x[k] as number);
      // log-likelihood: y·logit − log(1 + e^logit), computed stably.
      const softplus = logit > 0 ? logit + Math.log1p(Math.exp(-logit)) : Math.log1p(Math.exp(logit));
      total += (data.labels[i] ? logit : 0) - softplus;
    }
    for (let k = 1; k < width; k += 1) total -= (l2 / 2) * (coefficients[k] as number) ** 2;
    return total;
  };
  let current = objective(beta);
  for (let iteration = 0; iteration < (options.maxIterations ?? 100); iteration += 1) {
    const gradient = new Array<number>(width).fill(0);
    const hessian = Array.from({ length: width }, () => new Array<number>(width).fill(0));
    for (let i = 0; i < design.length; i += 1) {
      const x = design[i] as number[];
      let logit = 0;
      for (let k = 0; k < width; k += 1) logit += (beta[k] as number) * (x[k] as number);
      const p = sigmoid(logit);
      const residual = (data.labels[i] ? 1 : 0) - p;
      const weight = p * (1 - p);
      for (let k = 0; k < width; k += 1) {
        gradient[k] = (gradient[k] as number) + residual * (x[k] as number);
        const hessianRow = hessian[k] as number[];
        const scaled = weight * (x[k] as number);
        for (let l = k; l < width; l += 1)
          hessianRow[l] = (hessianRow[l] as number) + scaled * (x[l] as number);
      }
    }
    for (let k = 0; k < width; k += 1) {
      const hessianRow = hessian[k] as number[];
      for (let l = 0; l < k; l += 1) hessianRow[l] = (hessian[l] as number[])[k] as number;
      if (k > 0) {
        gradient[k] = (gradient[k] as number) - l2 * (beta[k] as number);
        hessianRow[k] = (hessianRow[k] as number) + l2;
      }
      hessianRow[k] = (hessianRow[k] as number) + 1e-6;
    }
    const step = solve(hessian, gradient);
    // Damped Newton: halve the step until the penalised log-likelihood does not decrease.
    let scale = 1;
    let candidate = beta.map((value, k) => value + (step[k] as number));
    let value = objective(candidate);
    while (!(value >= current) && scale > 1e-6) {
      scale /= 2;
      candidate = beta.map((entry, k) => entry + scale * (step[k] as number));
      value = objective(candidate);
    }
    if (!(value >= current)) break;
    const improvement = value - current;
    for (let k = 0; k < width; k += 1) beta[k] = candidate[k] as number;
    current = value;
    if (improvement < 1e-10 * Math.max(1, Math.abs(current))) break;
  }
  const weights = data.features.map(() => 0);
  columns.forEach((j, position) => {
    weights[j] = beta[position + 1] as number;
  });
  return {
    version: MODEL_VERSION,
    kind: 'logistic',
    name: options.name ?? 'logistic',
    features: [...data.features],
    means,
    stds: stds.map((std) => (std > 1e-12 ? std : 1)),
    weights,
    bias: beta[0] as number,
    l2,
    directEvidenceRate: options.directEvidenceRate ?? DEFAULT_DIRECT_EVIDENCE_RATE,
    trainedOn: options.trainedOn,
  };
}

/** Equal weights on standardised features (a robust alternative to fitted weights). */
export function equalWeightModel(
  data: TrainingData,
  options: Omit<FitOptions, 'l2' | 'maxIterations'>,
): ScoringModel {
  const { means, stds } = standardise(data);
  return {
    version: MODEL_VERSION,
    kind: 'equal-weight',
    name: options.name ?? 'equal-weight',
    features: [...data.features],
    means,
    stds: stds.map((std) => (std > 1e-12 ? std : 1)),
    weights: data.features.map((_, j) => ((stds[j] as number) > 1e-12 ? 1 / data.features.length : 0)),
    bias: 0,
    l2: 0,
    directEvidenceRate: options.directEvidenceRate ?? DEFAULT_DIRECT_EVIDENCE_RATE,
    trainedOn: options.trainedOn,
  };
}

/** Checks a parsed JSON object is a usable model (for weights loaded from disk). */
export function assertScoringModel(value: unknown): asserts value is ScoringModel {
  const model = value as ScoringModel;
  if (
    typeof model !== 'object' ||
    model === null ||
    model.version !== MODEL_VERSION ||
    !Array.isArray(model.features) ||
    model.features.length !== model.weights?.length ||
    model.features.length !== model.means?.length ||
    model.features.length !== model.stds?.length ||
    typeof model.bias !== 'number'
  ) {
    throw new Error(`not a discovery scoring model of version ${MODEL_VERSION}`);
  }
}
