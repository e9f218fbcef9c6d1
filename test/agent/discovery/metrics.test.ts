import { describe, expect, it } from 'vitest';
import {
  bootstrapConfidenceIntervals,
  computeMetrics,
  computeQueryMetrics,
  type QueryRanking,
  seededRandom,
} from '../../../agent/discovery/metrics.ts';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const result: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let i = 0; i <= rest.length; i += 1) result.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  }
  return result;
}

/** Averages the per-order metrics over every order that respects the scores (ties in any order). */
function bruteForce(ranking: QueryRanking) {
  const { scores, labels } = ranking;
  const orders = permutations(scores.length).filter((order) =>
    order.every(
      (item, i) => i === 0 || (scores[order[i - 1] as number] as number) >= (scores[item] as number),
    ),
  );
  const totals = { h1: 0, h5: 0, h10: 0, rr: 0, ap: 0, top10: 0, best: 0 };
  for (const order of orders) {
    const ranks = order.map((_, i) => i + 1).filter((_, i) => labels[order[i] as number]);
    const best = Math.min(...ranks);
    totals.h1 += best <= 1 ? 1 : 0;
    totals.h5 += best <= 5 ? 1 : 0;
    totals.h10 += best <= 10 ? 1 : 0;
    totals.rr += 1 / best;
    totals.best += best;
    totals.ap += ranks.reduce((sum, rank, i) => sum + (i + 1) / rank, 0) / ranks.length;
    totals.top10 += ranks.filter((rank) => rank <= 10).length;
  }
  const n = orders.length;
  return {
    'hits@1': totals.h1 / n,
    'hits@5': totals.h5 / n,
    'hits@10': totals.h10 / n,
    reciprocalRank: totals.rr / n,
    averagePrecision: totals.ap / n,
    expectedHitsAt10: totals.top10 / n,
    expectedBestRank: totals.best / n,
  };
}

function randomCase(random: () => number, size: number): QueryRanking {
  const scores = Array.from({ length: size }, () => Math.floor(random() * 3));
  const labels = scores.map(() => random() < 0.4);
  if (!labels.some(Boolean)) labels[Math.floor(random() * size)] = true;
  return { query: 'q', scores, labels };
}

describe('discovery metrics', () => {
  it('matches brute-force enumeration of tie orders on small cases', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 60; trial += 1) {
      const ranking = randomCase(random, 3 + (trial % 6));
      const exact = computeQueryMetrics(ranking);
      const brute = bruteForce(ranking);
      for (const key of Object.keys(brute) as (keyof typeof brute)[]) {
        expect(exact[key], `${key} trial ${trial}`).toBeCloseTo(brute[key], 10);
      }
    }
  });

  it('handles k inside a larger tie group (12 tied candidates, 3 positives)', () => {
    const ranking: QueryRanking = {
      query: 'q',
      scores: [5, ...Array(12).fill(1)],
      labels: [false, true, true, true, ...Array(9).fill(false)],
    };
    const metrics = computeQueryMetrics(ranking);
    // The best positive is at 1 + X, X the first positive position among 12 with 3 positives.
    const noneIn = (r: number) => {
      let p = 1;
      for (let i = 0; i < r; i += 1) p *= (9 - i) / (12 - i);
      return p;
    };
    expect(metrics['hits@5']).toBeCloseTo(1 - noneIn(4), 12);
    expect(metrics['hits@10']).toBeCloseTo(1 - noneIn(9), 12);
    expect(metrics['hits@1']).toBe(0);
    expect(metrics.expectedHitsAt10).toBeCloseTo((3 * 9) / 12, 12);
  });

  it('computes pooled and per-query ROC-AUC with ties as one half', () => {
    const metrics = computeMetrics([
      { query: 'a', scores: [3, 2, 2, 1], labels: [true, true, false, false] },
      { query: 'b', scores: [2, 0], labels: [false, false] },
    ]);
    // Pooled: positives {3,2}, negatives {2,1,2,0}: 4 + (1+0.5+1+0.5... ) see below.
    // pos 3 beats all 4; pos 2 beats 1 and 0, ties two 2s -> 2 + 1 = 3. U = 7 of 8.
    expect(metrics.rocAuc).toBeCloseTo(7 / 8, 12);
    // Query a alone: pos 3 beats 2; pos 2 ties 2 (0.5), beats 1 -> 3.5 of 4.
    expect(metrics.rocAucPerQuery).toBeCloseTo(3.5 / 4, 12);
  });

  it('gives the README random-ranking formulas for a constant score', () => {
    const N = 30;
    const n = 4;
    const ranking: QueryRanking = {
      query: 'q',
      scores: Array(N).fill(0),
      labels: Array.from({ length: N }, (_, i) => i < n),
    };
    const metrics = computeMetrics([ranking]);
    const choose = (a: number, b: number): number => {
      if (b < 0 || b > a) return 0;
      let result = 1;
      for (let i = 0; i < b; i += 1) result = (result * (a - i)) / (i + 1);
      return result;
    };
    let mrr = 0;
    for (let r = 1; r <= N; r += 1) mrr += ((1 / r) * choose(N - r, n - 1)) / choose(N, n);
    let harmonic = 0;
    for (let i = 1; i <= N; i += 1) harmonic += 1 / i;
    expect(metrics['hits@5']).toBeCloseTo(1 - choose(N - n, 5) / choose(N, 5), 12);
    expect(metrics.mrr).toBeCloseTo(mrr, 12);
    expect(metrics.averagePrecision).toBeCloseTo(
      harmonic / N + ((n - 1) * (N - harmonic)) / (N * (N - 1)),
      12,
    );
    expect(metrics.rocAuc).toBe(0.5);
    expect(metrics['lift@10']).toBeCloseTo(1, 12);
  });

  it('bootstraps deterministic confidence intervals that contain the estimate', () => {
    const random = seededRandom(3);
    const rankings = Array.from({ length: 20 }, (_, i) => randomCase(random, 8 + (i % 5)));
    const first = bootstrapConfidenceIntervals(rankings, { replicates: 300, seed: 1 });
    const second = bootstrapConfidenceIntervals(rankings, { replicates: 300, seed: 1 });
    expect(first).toEqual(second);
    expect(first.mrr.low).toBeLessThanOrEqual(first.mrr.estimate);
    expect(first.mrr.high).toBeGreaterThanOrEqual(first.mrr.estimate);
    expect(first.rocAuc.low).toBeLessThanOrEqual(first.rocAuc.estimate);
    expect(first.rocAuc.high).toBeGreaterThanOrEqual(first.rocAuc.estimate);
  });
});
