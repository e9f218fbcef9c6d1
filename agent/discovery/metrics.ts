/**
 * Back-test metrics of the discovery benchmark (bench/discovery/README.md). Ties are resolved as the
 * exact expected value over a uniformly random order of equally scored candidates, so a constant
 * score equals a random ranking.
 */

/** One query: a score per candidate and whether that candidate is a positive. */
export interface QueryRanking {
  query: string;
  scores: readonly number[];
  labels: readonly boolean[];
}

export interface DiscoveryMetrics {
  'hits@1': number;
  'hits@5': number;
  'hits@10': number;
  mrr: number;
  averagePrecision: number;
  rocAuc: number;
  rocAucPerQuery: number;
  'precision@10': number;
  'lift@10': number;
}

export const METRIC_KEYS = [
  'hits@1',
  'hits@5',
  'hits@10',
  'mrr',
  'averagePrecision',
  'rocAuc',
  'rocAucPerQuery',
  'precision@10',
  'lift@10',
] as const satisfies readonly (keyof DiscoveryMetrics)[];

export interface QueryMetrics {
  query: string;
  candidates: number;
  positives: number;
  'hits@1': number;
  'hits@5': number;
  'hits@10': number;
  reciprocalRank: number;
  averagePrecision: number;
  /** Null when the query has no positive or no negative. */
  rocAuc: number | null;
  /** Expected number of positives among the first 10. */
  expectedHitsAt10: number;
  /** Expected rank of the best-placed positive; null without positives. */
  expectedBestRank: number | null;
}

/** A run of equally scored candidates: `above` candidates strictly better, `size` in the run. */
interface TieGroup {
  above: number;
  size: number;
  positives: number;
  positivesAbove: number;
}

function tieGroups(scores: readonly number[], labels: readonly boolean[]): TieGroup[] {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
  const order = scores.map((_, index) => index).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const groups: TieGroup[] = [];
  let above = 0;
  let positivesAbove = 0;
  let index = 0;
  while (index < order.length) {
    const score = scores[order[index] as number];
    let size = 0;
    let positives = 0;
    while (index < order.length && scores[order[index] as number] === score) {
      if (labels[order[index] as number]) positives += 1;
      size += 1;
      index += 1;
    }
    groups.push({ above, size, positives, positivesAbove });
    above += size;
    positivesAbove += positives;
  }
  return groups;
}

/** Pr[none of the first r positions of a random order of `size` items holds one of `positives`]. */
function survival(size: number, positives: number, r: number): number {
  if (r <= 0) return 1;
  if (r > size - positives) return 0;
  let product = 1;
  for (let i = 0; i < r; i += 1) product *= (size - positives - i) / (size - i);
  return product;
}

function firstPositiveGroup(groups: readonly TieGroup[]): TieGroup | undefined {
  return groups.find((group) => group.positives > 0);
}

/** Pr[min positive rank ≤ k]. */
function hitsAt(groups: readonly TieGroup[], k: number): number {
  const group = firstPositiveGroup(groups);
  if (!group) return 0;
  const r = k - group.above;
  if (r <= 0) return 0;
  if (r >= group.size) return 1;
  return 1 - survival(group.size, group.positives, r);
}

/** E[1 / min positive rank] and E[min positive rank]. */
function bestRankMoments(groups: readonly TieGroup[]): { reciprocal: number; rank: number | null } {
  const group = firstPositiveGroup(groups);
  if (!group) return { reciprocal: 0, rank: null };
  let reciprocal = 0;
  let rank = 0;
  for (let x = 1; x <= group.size - group.positives + 1; x += 1) {
    const probability =
      survival(group.size, group.positives, x - 1) - survival(group.size, group.positives, x);
    reciprocal += probability / (group.above + x);
    rank += probability * (group.above + x);
  }
  return { reciprocal, rank };
}

/**
 * E[AP]: a positive at position x of its group (uniform) has rank above+x, and given x the other
 * positives of the group before it are hypergeometric with mean (x−1)(j−1)/(t−1).
 */
function averagePrecisionOf(groups: readonly TieGroup[]): number {
  let total = 0;
  let positives = 0;
  for (const group of groups) {
    if (group.positives === 0) continue;
    positives += group.positives;
    const { size: t, positives: j, above, positivesAbove } = group;
    let expected = 0;
    for (let x = 1; x <= t; x += 1) {
      const before = t > 1 ? ((x - 1) * (j - 1)) / (t - 1) : 0;
      expected += (positivesAbove + 1 + before) / (above + x);
    }
    total += (j * expected) / t;
  }
  return positives === 0 ? 0 : total / positives;
}

function expectedPositivesInTop(groups: readonly TieGroup[], k: number): number {
  let total = 0;
  for (const group of groups) {
    if (group.above >= k) break;
    const inside = Math.min(group.size, k - group.above);
    total += (group.positives * inside) / group.size;
  }
  return total;
}

/** Mann–Whitney AUC with ties counted ½; null when one class is empty. */
export function rocAucOf(scores: readonly number[], labels: readonly boolean[]): number | null {
  const groups = tieGroups(scores, labels);
  let positives = 0;
  for (const group of groups) positives += group.positives;
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return null;
  // Walk from the lowest score upwards counting negatives strictly below.
  let negativesBelow = 0;
  let u = 0;
  for (let index = groups.length - 1; index >= 0; index -= 1) {
    const group = groups[index] as TieGroup;
    const groupNegatives = group.size - group.positives;
    u += group.positives * (negativesBelow + groupNegatives / 2);
    negativesBelow += groupNegatives;
  }
  return u / (positives * negatives);
}

export function computeQueryMetrics(ranking: QueryRanking): QueryMetrics {
  const groups = tieGroups(ranking.scores, ranking.labels);
  const positives = ranking.labels.filter(Boolean).length;
  const moments = bestRankMoments(groups);
  return {
    query: ranking.query,
    candidates: ranking.scores.length,
    positives,
    'hits@1': hitsAt(groups, 1),
    'hits@5': hitsAt(groups, 5),
    'hits@10': hitsAt(groups, 10),
    reciprocalRank: moments.reciprocal,
    averagePrecision: averagePrecisionOf(groups),
    rocAuc: rocAucOf(ranking.scores, ranking.labels),
    expectedHitsAt10: expectedPositivesInTop(groups, 10),
    expectedBestRank: moments.rank,
  };
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/** Every metric of the README over a set of queries (those without positives count only in rocAuc). */
export function computeMetrics(rankings: readonly QueryRanking[]): DiscoveryMetrics {
  const perQuery = rankings.map(computeQueryMetrics);
  const withPositives = perQuery.filter((query) => query.positives > 0);
  const pooledScores: number[] = [];
  const pooledLabels: boolean[] = [];
  for (const ranking of rankings) {
    for (let i = 0; i < ranking.scores.length; i += 1) {
      pooledScores.push(ranking.scores[i] as number);
      pooledLabels.push(ranking.labels[i] as boolean);
    }
  }
  let hitsInTop = 0;
  let randomHitsInTop = 0;
  for (const query of withPositives) {
    hitsInTop += query.expectedHitsAt10;
    randomHitsInTop += (Math.min(10, query.candidates) * query.positives) / query.candidates;
  }
  return {
    'hits@1': mean(withPositives.map((query) => query['hits@1'])),
    'hits@5': mean(withPositives.map((query) => query['hits@5'])),
    'hits@10': mean(withPositives.map((query) => query['hits@10'])),
    mrr: mean(withPositives.map((query) => query.reciprocalRank)),
    averagePrecision: mean(withPositives.map((query) => query.averagePrecision)),
    rocAuc: rocAucOf(pooledScores, pooledLabels) ?? 0.5,
    rocAucPerQuery: mean(
      withPositives.map((query) => query.rocAuc).filter((value): value is number => value !== null),
    ),
    'precision@10': mean(
      withPositives.map((query) => query.expectedHitsAt10 / Math.min(10, query.candidates)),
    ),
    'lift@10': randomHitsInTop === 0 ? 0 : hitsInTop / randomHitsInTop,
  };
}

/** hits@k for k = 1..maxK (mean over queries with positives), ties as expected values. */
export function hitsCurve(rankings: readonly QueryRanking[], maxK = 20): number[] {
  const groups = rankings
    .filter((ranking) => ranking.labels.some(Boolean))
    .map((ranking) => tieGroups(ranking.scores, ranking.labels));
  const curve: number[] = [];
  for (let k = 1; k <= maxK; k += 1) curve.push(mean(groups.map((query) => hitsAt(query, k))));
  return curve;
}

/** Deterministic 32-bit PRNG (mulberry32) for the bootstrap. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ConfidenceInterval {
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapIntervals {
  mrr: ConfidenceInterval;
  rocAuc: ConfidenceInterval;
  rocAucPerQuery: ConfidenceInterval;
  'hits@10': ConfidenceInterval;
  'lift@10': ConfidenceInterval;
}

export interface BootstrapOptions {
  replicates?: number;
  seed?: number;
  /** Two-sided coverage, e.g. 0.95. */
  level?: number;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return (sorted[lower] as number) * (1 - weight) + (sorted[upper] as number) * weight;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Percentile bootstrap over queries: mrr resamples the queries with positives, the pooled rocAuc
 * resamples all queries (a query drawn twice contributes its candidates twice). The pooled U statistic
 * is decomposed into per-query-pair counts once, so each replicate is a weighted sum.
 */
export function bootstrapConfidenceIntervals(
  rankings: readonly QueryRanking[],
  options: BootstrapOptions = {},
): BootstrapIntervals {
  const replicates = options.replicates ?? 1000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 20_151_231);
  const metrics = computeMetrics(rankings);

  const withPositives = rankings.map(computeQueryMetrics).filter((query) => query.positives > 0);
  const reciprocalRanks = withPositives.map((query) => query.reciprocalRank);

  const count = rankings.length;
  const positiveScores = rankings.map((ranking) => ranking.scores.filter((_, i) => ranking.labels[i]));
  const negativeScores = rankings.map((ranking) =>
    ranking.scores.filter((_, i) => !ranking.labels[i]).sort((a, b) => a - b),
  );
  const pairU = new Float64Array(count * count);
  for (let p = 0; p < count; p += 1) {
    for (let n = 0; n < count; n += 1) {
      const negatives = negativeScores[n] as number[];
      let u = 0;
      for (const score of positiveScores[p] as number[]) {
        const below = lowerBound(negatives, score);
        u += below + (upperBound(negatives, score) - below) / 2;
      }
      pairU[p * count + n] = u;
    }
  }

  const mrrSamples: number[] = [];
  const aucSamples: number[] = [];
  const perQueryAucSamples: number[] = [];
  const hitsSamples: number[] = [];
  const liftSamples: number[] = [];
  const weights = new Float64Array(count);
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    if (reciprocalRanks.length > 0) {
      let total = 0;
      let hits = 0;
      let aucTotal = 0;
      let aucCount = 0;
      let inTop = 0;
      let randomInTop = 0;
      // One draw per query feeds every query-level metric, so they describe the same resample.
      for (let i = 0; i < reciprocalRanks.length; i += 1) {
        const query = withPositives[Math.floor(random() * reciprocalRanks.length)] as QueryMetrics;
        total += query.reciprocalRank;
        hits += query['hits@10'];
        if (query.rocAuc !== null) {
          aucTotal += query.rocAuc;
          aucCount += 1;
        }
        inTop += query.expectedHitsAt10;
        randomInTop += (Math.min(10, query.candidates) * query.positives) / query.candidates;
      }
      mrrSamples.push(total / reciprocalRanks.length);
      hitsSamples.push(hits / reciprocalRanks.length);
      if (aucCount > 0) perQueryAucSamples.push(aucTotal / aucCount);
      if (randomInTop > 0) liftSamples.push(inTop / randomInTop);
    }
    weights.fill(0);
    for (let i = 0; i < count; i += 1) weights[Math.floor(random() * count)] += 1;
    let u = 0;
    let positives = 0;
    let negatives = 0;
    for (let p = 0; p < count; p += 1) {
      const wp = weights[p] as number;
      if (wp === 0) continue;
      positives += wp * (positiveScores[p] as number[]).length;
      for (let n = 0; n < count; n += 1) {
        const wn = weights[n] as number;
        if (wn !== 0) u += wp * wn * (pairU[p * count + n] as number);
      }
    }
    for (let n = 0; n < count; n += 1)
      negatives += (weights[n] as number) * (negativeScores[n] as number[]).length;
    if (positives > 0 && negatives > 0) aucSamples.push(u / (positives * negatives));
  }
  const tail = (1 - level) / 2;
  const interval = (estimate: number, samples: number[]): ConfidenceInterval => {
    samples.sort((a, b) => a - b);
    return { estimate, low: percentile(samples, tail), high: percentile(samples, 1 - tail) };
  };
  return {
    mrr: interval(metrics.mrr, mrrSamples),
    rocAuc: interval(metrics.rocAuc, aucSamples),
    rocAucPerQuery: interval(metrics.rocAucPerQuery, perQueryAucSamples),
    'hits@10': interval(metrics['hits@10'], hitsSamples),
    'lift@10': interval(metrics['lift@10'], liftSamples),
  };
}
