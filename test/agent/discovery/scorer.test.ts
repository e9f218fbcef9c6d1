import { describe, expect, it } from 'vitest';
import { EvidenceIndex } from '../../../agent/discovery/evidence-index.ts';
import { FEATURE_NAMES, type FeatureVector } from '../../../agent/discovery/features.ts';
import { seededRandom } from '../../../agent/discovery/metrics.ts';
import { rankApplications } from '../../../agent/discovery/rank-candidates.ts';
import {
  assertScoringModel,
  equalWeightModel,
  fitLogisticModel,
  rowRankScorer,
  scoreFeatures,
  type TrainingData,
} from '../../../agent/discovery/scorer.ts';
import {
  buildInternalSplit,
  COMPACT_FEATURES,
  evaluateOnSplit,
  fitVariant,
  MODEL_VARIANTS,
  trainWeights,
} from '../../../agent/discovery/train-weights.ts';
import { syntheticRows } from './synthetic-index.ts';
import { tinyRows } from './tiny-index.ts';

const trainedOn = { cutoff: '2015-12-31', internalCutoffs: ['2012-12-31'], positives: 0, negatives: 0 };

function plantedData(): TrainingData {
  const random = seededRandom(11);
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const signal = random() * 4 - 2;
    const noise = random();
    rows.push([signal, noise, 3]);
    labels.push(random() < 1 / (1 + Math.exp(-(2 * signal - 1))));
  }
  return { features: ['appPopularity', 'adamicAdar', 'materialDegree'], rows, labels };
}

describe('scorer', () => {
  it('fits a deterministic logistic regression that recovers a planted weight', () => {
    const first = fitLogisticModel(plantedData(), { l2: 1, trainedOn });
    const second = fitLogisticModel(plantedData(), { l2: 1, trainedOn });
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    assertScoringModel(JSON.parse(JSON.stringify(first)));
    // Raw slope 2 on the signal: standardised weight = 2 · std(signal) ≈ 2 · 4/√12.
    expect((first.weights[0] as number) / (first.stds[0] as number)).toBeGreaterThan(1.6);
    expect((first.weights[0] as number) / (first.stds[0] as number)).toBeLessThan(2.4);
    expect(Math.abs(first.weights[1] as number)).toBeLessThan(0.3);
    expect(first.weights[2]).toBe(0); // constant feature
  });

  it('combines the model with the direct-evidence prior and reports contributions', () => {
    const model = equalWeightModel(plantedData(), { trainedOn });
    const features = { appPopularity: 1, adamicAdar: 0.5, materialDegree: 3 } as never;
    const without = scoreFeatures(model, { ...(features as object), directCoMentions: 0 } as never);
    const withDirect = scoreFeatures(model, {
      ...(features as object),
      directCoMentions: Math.log1p(2),
    } as never);
    expect(without.direct).toBe(0);
    expect(without.rankScore).toBeCloseTo(without.logit, 12);
    expect(withDirect.direct).toBeCloseTo(1 - Math.exp(-model.directEvidenceRate * 2), 12);
    expect(withDirect.score).toBeGreaterThan(without.score);
    expect(withDirect.rankScore).toBeCloseTo(Math.log(withDirect.score / (1 - withDirect.score)), 9);
    const sum = Object.values(without.components).reduce(
      (total, value) => total + (value as number),
      model.bias,
    );
    expect(sum).toBeCloseTo(without.logit, 12);
  });

  it('trains on internal time splits deterministically and ranks with citations', () => {
    const index = EvidenceIndex.fromRows(syntheticRows()).restrictTo('2015-12-31');
    const applications = Array.from({ length: 20 }, (_, i) => `application:a${i}`);
    const options = { cutoff: '2015-12-31', applications, horizonYears: 3, minPositives: 3 };
    const first = trainWeights(index, options);
    const second = trainWeights(index, options);
    expect(JSON.stringify(first.model)).toBe(JSON.stringify(second.model));
    expect(first.report.splits.length).toBeGreaterThanOrEqual(2);
    expect(first.report.splits.every((split) => split.labelEnd <= '2015-12-31')).toBe(true);
    expect(first.report.variants.map((variant) => variant.name)).toContain(first.report.chosen);

    const tiny = EvidenceIndex.fromRows(tinyRows());
    const ranked = rankApplications(tiny, {
      materialId: 'material:m3',
      known: new Set(['application:a1']),
      model: first.model,
      asOf: '2014-12-31',
    });
    expect(ranked.map((entry) => entry.rank)).toEqual([1, 2, 3]);
    expect(
      ranked.every((entry, i) => i === 0 || (ranked[i - 1]?.rankScore as number) >= entry.rankScore),
    ).toBe(true);
    const a2 = ranked.find((entry) => entry.applicationId === 'application:a2');
    expect(a2?.sources).toContain('direct');
    expect(a2?.citations[0]).toMatchObject({ role: 'direct', documentId: 'd3' });
    expect(a2?.directScore).toBeGreaterThan(0);
  });

  /** The synthetic corpus the row-limit tests fit, and the rows of its splits when fitted on every row. */
  function rowLimitCorpus() {
    const index = EvidenceIndex.fromRows(syntheticRows(5, 60, 40)).restrictTo('2015-12-31');
    const applications = Array.from({ length: 40 }, (_, i) => `application:a${i}`);
    const base = { cutoff: '2015-12-31', applications, horizonYears: 3, minPositives: 3 };
    const full = trainWeights(index, base);
    const rows = full.report.splits.reduce((sum, split) => sum + split.positives + split.negatives, 0);
    return { index, applications, base, full, rows };
  }

  it('above its row limit fits on every positive and a sample of negatives, its intercept given back', () => {
    const { base, full, rows } = rowLimitCorpus();
    const positives = full.report.splits.reduce((sum, split) => sum + split.positives, 0);
    expect(full.model.trainedOn.negativeRate).toBeUndefined();
    // A third of the rows: a fixed variant, so the two fits compare weight for weight.
    const limit = Math.round(rows / 3);
    const variant = {
      name: 'logistic-compact',
      kind: 'logistic' as const,
      features: COMPACT_FEATURES,
      l2: 10,
    };
    const splits = full.splits;
    const everyRow = fitVariant(variant, splits, base.cutoff);
    const sampled = fitVariant(variant, splits, base.cutoff, limit);
    expect(JSON.stringify(fitVariant(variant, splits, base.cutoff, limit))).toBe(JSON.stringify(sampled));
    const rate = sampled.trainedOn.negativeRate as number;
    expect(rate).toBeCloseTo((limit - positives) / (rows - positives), 12);
    // The weights keep their signs and stay close; the intercept, given back, is the full fit's.
    everyRow.weights.forEach((weight, j) => {
      if (Math.abs(weight) > 0.2) expect(Math.sign(sampled.weights[j] as number)).toBe(Math.sign(weight));
      expect(Math.abs((sampled.weights[j] as number) - weight)).toBeLessThan(0.35);
    });
    expect(Math.abs(sampled.bias - everyRow.bias)).toBeLessThan(0.35);
    expect(Math.abs(sampled.bias - Math.log(rate) - everyRow.bias)).toBeGreaterThan(0.5);
    // And it ranks the validation split about as well.
    const [validation] = splits;
    const auc = (model: typeof sampled) =>
      evaluateOnSplit(model, validation as (typeof splits)[number]).rocAuc;
    expect(Math.abs(auc(sampled) - auc(everyRow))).toBeLessThan(0.03);
  });

  it('above its row limit computes features only for the rows a fit uses, and fits as on every row', () => {
    const { index, applications, base, full: everyRow, rows } = rowLimitCorpus();
    const limit = Math.round(rows / 3);
    const sampled = trainWeights(index, { ...base, maxTrainingRows: limit });

    // The reference: every split with every row's features, then the same selection and final fit.
    const whole = everyRow.report.splits.map((split) =>
      buildInternalSplit(
        index.restrictTo(split.labelEnd),
        split.internalCutoff,
        split.labelEnd,
        applications,
      ),
    );
    const [validation, ...training] = whole;
    if (!validation) throw new Error('no split to validate on');
    const objectives = MODEL_VARIANTS.map((variant) => {
      const metrics = evaluateOnSplit(fitVariant(variant, training, base.cutoff, limit), validation);
      return { name: variant.name, objective: metrics.rocAuc + metrics.mrr, variant };
    });
    const best = objectives.reduce((a, b) => (b.objective > a.objective ? b : a));
    const reference = fitVariant(best.variant, whole, base.cutoff, limit);
    expect(sampled.report.chosen).toBe(best.name);
    expect(sampled.report.variants.map((v) => v.objective)).toEqual(objectives.map((o) => o.objective));
    const { validation: _validation, ...sampledTrainedOn } = sampled.model.trainedOn;
    expect({ ...sampled.model, trainedOn: sampledTrainedOn }).toEqual(reference);
    expect(sampled.model.trainedOn.negativeRate).toBeLessThan(1);

    // Far fewer rows got features; the validation split's benchmark queries kept all of theirs.
    const held = sampled.splits.reduce(
      (sum, split) => sum + split.queries.reduce((n, query) => n + query.rows.length, 0),
      0,
    );
    expect(held).toBeLessThan(rows * 0.6);
    expect(sampled.splits.every((split) => split.heldNegativeRate < 1)).toBe(true);
    expect(sampled.splits.flatMap((split) => split.queries).some((query) => !query.complete)).toBe(true);
    // A fit that would need more of the negatives than were held refuses instead of fitting on fewer.
    expect(() => fitVariant(best.variant, sampled.splits, base.cutoff, rows)).toThrow(/holds/);
  });

  it('ranks feature rows exactly as it ranks feature vectors', () => {
    const model = fitLogisticModel(plantedData(), { l2: 1, trainedOn });
    const random = seededRandom(5);
    const rankScore = rowRankScorer(model, FEATURE_NAMES);
    for (let n = 0; n < 200; n += 1) {
      // Every fourth row has direct evidence, which moves the rank score off the model's logit.
      const row = FEATURE_NAMES.map((name) =>
        name === 'directCoMentions' ? (n % 4 === 0 ? random() * 2 : 0) : random() * 6 - 3,
      );
      const vector = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, row[i]])) as FeatureVector;
      expect(rankScore(row)).toBe(scoreFeatures(model, vector).rankScore);
    }
  });
});
